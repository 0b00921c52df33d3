import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { countCorpusDocuments, syntheticDigests, toBibtexEntry, toJsonLine, type SyntheticDigest } from '../../../bench/lib/synthetic.ts';

const dir = mkdtempSync(join(os.tmpdir(), 'facet-bench-synthetic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sentence(doc: number, index: number): string {
  return `Paper ${doc} studies topic number ${index} with a careful method and several strong baselines here.`;
}

// Three documents: title line, abstract line, then prose paragraphs of 30+ words.
const corpus = join(dir, 'corpus.jsonl.gz');
writeFileSync(
  corpus,
  gzipSync(
    [0, 1, 2]
      .map((doc) => {
        const paragraphs = Array.from({ length: 6 }, (_, p) => Array.from({ length: 3 }, (_, s) => sentence(doc, p * 3 + s)).join(' '));
        return JSON.stringify({ id: `doc${doc}`, text: [`Real Title ${doc}`, `Real abstract ${doc}.`, ...paragraphs].join('\n') });
      })
      .join('\n'),
  ),
);

async function collect(count: number, seed: number): Promise<SyntheticDigest[]> {
  const out: SyntheticDigest[] = [];
  for await (const digest of syntheticDigests(corpus, count, seed)) out.push(digest);
  return out;
}

describe('syntheticDigests', () => {
  it('counts corpus documents', async () => {
    expect(await countCorpusDocuments(corpus)).toBe(3);
  });

  it('yields the requested number of unique, seeded digests from body text only', async () => {
    const first = await collect(12, 5);
    expect(first).toHaveLength(12);
    expect(new Set(first.map((d) => d.title.toLowerCase())).size).toBe(12);
    for (const digest of first) {
      expect(digest.title).not.toMatch(/Real Title/);
      expect(digest.abstract).not.toMatch(/Real abstract/);
      expect(digest.abstract.split(/\s+/).length).toBeGreaterThanOrEqual(100);
      expect(digest.authors.length).toBeGreaterThan(0);
    }
    expect(await collect(12, 5)).toEqual(first);
    expect((await collect(12, 6)).map((d) => d.title)).not.toEqual(first.map((d) => d.title));
  });

  it('takes further passes with part numbers once the corpus runs out of distinct titles, and only then', async () => {
    // What all passes together can give this tiny corpus; the first pass alone gives well under half.
    const allPasses = Number(/gave only (\d+)/.exec(await collect(100_000, 1).then(() => '', (error: Error) => error.message))?.[1]);
    expect(allPasses).toBeGreaterThan(12);
    const digests = await collect(Math.floor(allPasses / 2) + 2, 1);
    expect(new Set(digests.map((d) => d.title.toLowerCase())).size).toBe(digests.length);
    expect(digests.some((d) => / \(Part II\)$/.test(d.title))).toBe(true);
    // Sizes a single pass can fill get no part numbers.
    expect((await collect(12, 5)).some((d) => /\(Part /.test(d.title))).toBe(false);
  });

  it('fails clearly when the corpus cannot give enough unique titles', async () => {
    await expect(collect(500, 1)).rejects.toThrow(/gave only/);
  });
});

describe('digest writers', () => {
  const digest: SyntheticDigest = { id: 'synthetic-1-2', title: 'A {braced} title', abstract: 'Uses \\alpha and {x}.', authors: ['A. Kim', 'B. Li'], year: 2020, venue: 'ICML' };

  it('escapes the characters LaTeX treats specially', () => {
    const entry = toBibtexEntry({ ...digest, abstract: 'A 35% rise & $5 for item_1 #2.' });
    expect(entry).toContain('abstract = {A 35\\% rise \\& \\$5 for item\\_1 \\#2.}');
  });

  it('writes BibTeX without braces or backslashes inside values', () => {
    const entry = toBibtexEntry(digest);
    expect(entry).toContain('@article{synthetic12,');
    expect(entry).toContain('title = {A braced title},');
    expect(entry).toContain('author = {A. Kim and B. Li},');
    expect(entry).toContain('abstract = {Uses alpha and x.}');
  });

  it('writes one JSON object per line with the importer field names', () => {
    expect(JSON.parse(toJsonLine(digest))).toEqual({ id: 'synthetic-1-2', title: 'A {braced} title', abstract: 'Uses \\alpha and {x}.', authors: ['A. Kim', 'B. Li'], year: 2020, venue: 'ICML' });
  });
});
