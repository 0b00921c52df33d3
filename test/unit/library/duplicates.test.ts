import { describe, expect, it } from 'vitest';
import {
  exactDuplicateKeys,
  findDuplicateCandidates,
  firstAuthorKey,
  groupExactDuplicates,
  titleSimilarity,
  type DuplicatePaper,
} from '../../../src-main/core/library/duplicates.ts';

const paper = (id: string, fields: Partial<DuplicatePaper>): DuplicatePaper => ({ id, title: '', authors: [], year: null, arxivId: null, doi: null, ...fields });

/** Unit vectors from a seed, plus a controlled blend for "nearly the same" vectors. */
function vector(seed: number, dims = 32): Float32Array {
  let state = seed * 2654435761;
  const v = Float32Array.from({ length: dims }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  });
  return normalise(v);
}
function normalise(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
function blend(a: Float32Array, b: Float32Array, weightOfB: number): Float32Array {
  return normalise(a.map((x, i) => x * (1 - weightOfB) + b[i]! * weightOfB));
}

describe('exact duplicates', () => {
  it('keys arXiv id (any version), DOI, and title + first author + year', () => {
    expect(exactDuplicateKeys({ title: 'Deep Nets!', authors: ['Ostendorff, Malte'], year: 2022, arxivId: 'arXiv:2205.13147v3', doi: 'https://doi.org/10.1000/X.' })).toEqual([
      'arxiv:2205.13147',
      'doi:10.1000/x',
      'tay:deep nets|ostendorff|2022',
    ]);
    expect(firstAuthorKey(['Malte Ostendorff'])).toBe('ostendorff');
    expect(firstAuthorKey([])).toBe('');
  });

  it('groups transitively and leaves singletons out', () => {
    const groups = groupExactDuplicates([
      paper('a', { title: 'One', arxivId: '2205.13147v1' }),
      paper('b', { title: 'One (published)', arxivId: '2205.13147v2', doi: '10.1000/one' }),
      paper('c', { title: 'One, the journal version', doi: '10.1000/ONE' }),
      paper('d', { title: 'Two', authors: ['Ada Lovelace'], year: 2020 }),
      paper('e', { title: 'two', authors: ['A. Lovelace'], year: 2020 }),
      paper('f', { title: 'two', authors: ['A. Lovelace'], year: 2021 }),
    ]);
    expect(groups).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });
});

describe('findDuplicateCandidates', () => {
  it('finds a preprint and its published version with a slightly changed title', () => {
    const base = vector(1);
    const papers = [
      paper('preprint', { title: 'Aspect-based Document Similarity for Research Papers', arxivId: '2010.06395' }),
      paper('published', { title: 'Aspect-based Document Similarity of Research Papers', doi: '10.18653/v1/2020.coling-main.545' }),
      paper('other', { title: 'Aspect-based Sentiment Analysis with Graphs', arxivId: '2101.00001' }),
      paper('same-arxiv-other-version', { title: 'Aspect-based document similarity for research papers', arxivId: '2010.06395v2' }),
      paper('different-arxiv', { title: 'Aspect-based Document Similarity for Research Papers', arxivId: '2010.99999' }),
    ];
    const vectors = [base, blend(base, vector(2), 0.2), vector(3), base, base];
    const candidates = findDuplicateCandidates(papers, vectors);
    const found = candidates.map((c) => `${c.a}~${c.b}`);
    expect(found).toContain('preprint~published');
    expect(found).toContain('preprint~same-arxiv-other-version');
    expect(found.filter((pair) => pair.split('~').includes('other'))).toEqual([]);
    // Two different arXiv ids are two papers, however alike.
    expect(found).not.toContain('preprint~different-arxiv');
    expect(found).not.toContain('same-arxiv-other-version~different-arxiv');
    const pair = candidates.find((c) => c.a === 'preprint' && c.b === 'published')!;
    expect(pair.reason).toBe('likely preprint (arXiv 2010.06395) and published version (doi 10.18653/v1/2020.coling-main.545)');
    expect(pair.cosine).toBeGreaterThan(0.85);
    expect(pair.titleSimilarity).toBeCloseTo(titleSimilarity(papers[0]!.title, papers[1]!.title));
    expect(pair.score).toBeCloseTo((pair.cosine + pair.titleSimilarity) / 2);
  });

  it('accepts vectors by paper id and skips papers without one', () => {
    const base = vector(7);
    const papers = [paper('x', { title: 'Graph neural networks for molecules' }), paper('y', { title: 'Graph neural networks for molecules' }), paper('z', { title: 'Graph neural networks for molecules' })];
    const candidates = findDuplicateCandidates(papers, new Map([['x', base], ['y', base]]));
    expect(candidates.map((c) => [c.a, c.b, c.reason])).toEqual([['x', 'y', 'same title, similar abstract']]);
  });

  it('compares far fewer pairs than all pairs on a large library, and still finds the planted pairs', () => {
    const n = 20_000;
    const words = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x`);
    const papers: DuplicatePaper[] = [];
    const vectors: Float32Array[] = [];
    let seed = 11;
    const nextWord = () => {
      seed = (seed * 48271) % 2147483647;
      return words[seed % words.length]!;
    };
    for (let i = 0; i < n; i++) {
      papers.push(paper(`p${i}`, { title: Array.from({ length: 7 }, nextWord).join(' ') }));
      vectors.push(vector(i + 100));
    }
    // Plant 50 near-duplicates: one title word changed, vector nudged.
    for (let k = 0; k < 50; k++) {
      const original = papers[k * 300]!;
      const words = original.title.split(' ');
      words[0] = 'changed';
      papers.push(paper(`dup${k}`, { title: words.join(' ') }));
      vectors.push(blend(vectors[k * 300]!, vector(999_000 + k), 0.15));
    }
    let compared = 0;
    const started = Date.now();
    const candidates = findDuplicateCandidates(papers, vectors, { onStats: (stats) => (compared = stats.pairsCompared) });
    const elapsed = Date.now() - started;
    const found = new Set(candidates.map((c) => `${c.a}~${c.b}`));
    const planted = Array.from({ length: 50 }, (_, k) => `p${k * 300}~dup${k}`);
    expect(planted.filter((pair) => found.has(pair))).toHaveLength(50);
    expect(candidates.length).toBe(50);
    const allPairs = (papers.length * (papers.length - 1)) / 2;
    expect(compared).toBeLessThan(allPairs / 100);
    expect(elapsed).toBeLessThan(15_000);
  });
});
