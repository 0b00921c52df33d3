import { describe, expect, it } from 'vitest';
import { LexicalIndex, textFingerprint } from '../../../src-main/core/similarity/lexical-index.ts';

/** The same cosine written out directly: sublinear tf x smoothed idf over the documents given. */
function referenceCosine(docs: Record<string, string>, a: string, b: string): number {
  const tokens = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const n = Object.keys(docs).length;
  const df = new Map<string, number>();
  for (const text of Object.values(docs)) for (const t of new Set(tokens(text))) df.set(t, (df.get(t) ?? 0) + 1);
  const weights = (text: string) => {
    const counts = new Map<string, number>();
    for (const t of tokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    return new Map([...counts].map(([t, c]) => [t, (1 + Math.log(c)) * (Math.log((1 + n) / (1 + df.get(t)!)) + 1)]));
  };
  const x = weights(docs[a]!);
  const y = weights(docs[b]!);
  let dot = 0;
  for (const [t, w] of x) dot += w * (y.get(t) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, w) => s + w * w, 0));
  return dot / (norm(x) * norm(y));
}

const DOCS: Record<string, string> = {
  a: 'Contrastive learning of sentence embeddings with InfoNCE. Contrastive pairs come from dropout.',
  b: 'Sentence embeddings trained with a contrastive InfoNCE objective.',
  c: 'Graph neural networks with message passing for molecular property prediction.',
  d: 'Image classification on ImageNet using vision transformers.',
};

function indexOf(docs: Record<string, string>): LexicalIndex {
  const index = new LexicalIndex();
  for (const [id, text] of Object.entries(docs)) index.upsert(id, text);
  return index;
}

describe('LexicalIndex', () => {
  it('scores the TF-IDF cosine of the library, best first, the query excluded', () => {
    const index = indexOf(DOCS);
    const hits = index.similarTo('a');
    expect(hits.map((h) => h.id)[0]).toBe('b');
    expect(hits.some((h) => h.id === 'a')).toBe(false);
    for (const hit of hits) expect(hit.score).toBeCloseTo(referenceCosine(DOCS, 'a', hit.id), 5);
    // d shares no word with a, so it is not listed at all.
    expect(hits.map((h) => h.id)).not.toContain('d');
  });

  it('keeps document frequencies exact through upsert, replace and remove', () => {
    const index = indexOf(DOCS);
    index.remove('c');
    const { c: _removed, ...rest } = DOCS;
    expect(index.size).toBe(3);
    for (const hit of index.similarTo('a')) expect(hit.score).toBeCloseTo(referenceCosine(rest, 'a', hit.id), 5);
    // Replacing a text re-indexes it; a reused slot carries no postings of the removed paper.
    const edited = { ...rest, b: 'Molecular graphs and message passing.', e: 'Molecular graphs and neural message passing.' };
    index.upsert('b', edited.b);
    index.upsert('e', edited.e);
    for (const id of ['a', 'b', 'e']) for (const hit of index.similarTo(id)) expect(hit.score).toBeCloseTo(referenceCosine(edited, id, hit.id), 5);
    expect(index.similarTo('e').map((h) => h.id)).toContain('b');
  });

  it('gives the same cosines through the bulk block, the added block and dead slots', () => {
    const words = ['alpha', 'beta', 'gamma', 'delta', 'zeolite', 'lattice', 'spectra', 'kernel', 'prior', 'graph', 'ising', 'boson'];
    const docs: Record<string, string> = {};
    for (let i = 0; i < 40; i++) docs[`p${i}`] = Array.from({ length: 6 + (i % 5) }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
    const index = indexOf(docs);
    index.similarTo('p0'); // writes the bulk block
    docs.new1 = 'zeolite lattice boson boson';
    docs.new2 = 'kernel prior kernel';
    index.upsert('new1', docs.new1);
    index.upsert('new2', docs.new2); // few enough to go to the added block
    index.remove('p3');
    delete docs.p3;
    for (const id of ['p0', 'new1', 'new2', 'p7']) {
      const hits = index.similarTo(id);
      expect(hits.map((h) => h.id)).not.toContain('p3');
      for (const hit of hits) expect(hit.score).toBeCloseTo(referenceCosine(docs, id, hit.id), 5);
    }
    expect(index.scores('new1').get('p3')).toBe(0);
  });

  it('limits and restricts the answer, and refuses a paper it does not hold', () => {
    const index = indexOf(DOCS);
    expect(index.similarTo('a', { limit: 1 })).toHaveLength(1);
    expect(index.similarTo('a', { within: new Set(['d']) }).map((h) => h.id)).toEqual([]);
    expect(index.similarTo('a', { within: new Set(['c']) }).map((h) => h.id)).toEqual(['c']);
    expect(() => index.similarTo('zzz')).toThrow(/not in the lexical index/);
  });

  it('names the shared words that weigh most, rare before common', () => {
    const index = indexOf(DOCS);
    const words = index.sharedWords('a', 'b', 4);
    // "contrastive" occurs twice in a; the other shared words once, and all are as rare.
    expect(words[0]).toBe('contrastive');
    expect(words).toContain('infonce');
    // "with" is shared too, but c has it as well: least informative, so last.
    expect(index.sharedWords('a', 'b', 10).at(-1)).toBe('with');
    expect(words).not.toContain('with');
    expect(index.sharedWords('a', 'missing', 3)).toEqual([]);
  });

  it('fingerprints texts so an edit is noticed', () => {
    expect(textFingerprint('abc')).toBe(textFingerprint('abc'));
    expect(textFingerprint('abc')).not.toBe(textFingerprint('abd'));
  });
});
