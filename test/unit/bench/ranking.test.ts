import { describe, expect, it } from 'vitest';
import { evaluateScorer } from '../../../bench/lib/evaluate.ts';
import {
  DenseCosineScorer,
  RandomScorer,
  seededShuffle,
  toNormalisedMatrix,
  topK,
  type PoolScorer,
} from '../../../bench/lib/ranking.ts';
import { buildRelevance } from '../../../bench/lib/relevance.ts';

describe('topK', () => {
  it('returns the best k, best first, skipping the query, ties to the lower index', () => {
    const scores = Float32Array.from([0.9, 0.1, 0.5, 0.5, 0.7, 0.2]);
    expect(topK(scores, 3, 0)).toEqual([4, 2, 3]);
    expect(topK(scores, 2, 4)).toEqual([0, 2]);
    expect(topK(scores, 10, 1)).toEqual([0, 4, 2, 3, 5]);
  });

  it('matches a full sort on random scores', () => {
    const scores = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const expected = Array.from(scores.keys())
      .filter((i) => i !== 7)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
      .slice(0, 10);
    expect(topK(scores, 10, 7)).toEqual(expected);
  });
});

describe('DenseCosineScorer', () => {
  it('computes cosine similarity of normalised rows', () => {
    const matrix = toNormalisedMatrix([
      Float32Array.from([1, 0, 0, 0, 0]),
      Float32Array.from([2, 2, 0, 0, 0]),
      Float32Array.from([0, 0, 0, 0, 3]),
    ]);
    const out = new Float32Array(3);
    new DenseCosineScorer(matrix).scores(0, out);
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(out[2]).toBeCloseTo(0, 6);
  });

  it('rejects rows of different lengths', () => {
    expect(() => toNormalisedMatrix([new Float32Array(2), new Float32Array(3)])).toThrow(/row 1/);
  });
});

describe('seeded randomness', () => {
  it('repeats for the same seed and differs across seeds', () => {
    const a = new Float32Array(5);
    const b = new Float32Array(5);
    new RandomScorer(5, 1).scores(0, a);
    new RandomScorer(5, 1).scores(0, b);
    expect(Array.from(a)).toEqual(Array.from(b));
    new RandomScorer(5, 2).scores(0, b);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(seededShuffle([1, 2, 3, 4, 5, 6], 3).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seededShuffle([1, 2, 3, 4, 5, 6], 3)).toEqual(seededShuffle([1, 2, 3, 4, 5, 6], 3));
  });
});

describe('buildRelevance', () => {
  it('relates papers sharing a label and ignores labels held by too many papers', () => {
    const judgements = buildRelevance([['a', 'common'], ['a'], ['b', 'common'], ['b'], ['common'], []], 3);
    expect(judgements.labelsKept).toBe(2);
    expect(judgements.labelsDropped).toBe(1);
    expect(judgements.relevant.map((set) => [...set].sort())).toEqual([[1], [0], [3], [2], [], []]);
  });
});

describe('evaluateScorer', () => {
  it('averages only over queries with relevant papers', () => {
    // paper i is most similar to paper (i + 1) % 4 and then in index order
    const scorer: PoolScorer = {
      size: 4,
      scores(query, out) {
        out.fill(0);
        out[(query + 1) % 4] = 1;
      },
    };
    const relevant = [new Set([1]), new Set([3]), new Set<number>(), new Set<number>()];
    const result = evaluateScorer(scorer, relevant, 1);
    // query 0 retrieves 1 (hit), query 1 retrieves 2 (miss)
    expect(result.queries).toBe(2);
    expect(result.p).toBeCloseTo(0.5, 12);
    expect(result.map).toBeCloseTo(0.5, 12);
  });
});
