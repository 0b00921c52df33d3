import { describe, expect, it } from 'vitest';
import { CachedScorer, crossRelevance, evaluateCrossAspect, pooledGridBest } from '../../../bench/lib/cross-aspect-bench.ts';
import type { PoolScorer } from '../../../bench/lib/ranking.ts';

describe('crossRelevance', () => {
  it('keeps the papers relevant under the like aspect and not under the unlike one', () => {
    const like = [new Set([1, 2, 3]), new Set([0]), new Set<number>(), new Set([0])];
    const unlike = [new Set([2]), new Set([0]), new Set<number>(), new Set<number>()];
    expect(crossRelevance(like, unlike).map((set) => [...set])).toEqual([[1, 3], [], [], [0]]);
  });
});

describe('pooledGridBest', () => {
  it('averages nDCG over the settings and breaks ties towards the simpler score', () => {
    const point = (unlikeWeight: number, ndcg: number) => ({ unlikeWeight, unlikeFloor: 0, termPenalty: 0, ndcg, mapAtK: 0, mapFull: 0 });
    expect(pooledGridBest([[point(1, 0.5), point(0, 0.4)], [point(1, 0.1), point(0, 0.3)]])).toMatchObject({ unlikeWeight: 0, ndcg: 0.35 });
    expect(pooledGridBest([[point(2, 0.5), point(1, 0.5)]])).toMatchObject({ unlikeWeight: 1 });
    expect(pooledGridBest([undefined])).toBeNull();
  });
});

/** A fixed score matrix as a pool scorer. */
function matrixScorer(rows: number[][]): PoolScorer {
  return { size: rows.length, scores: (query, out) => out.set(rows[query]!) };
}

describe('evaluateCrossAspect', () => {
  it('scores plain, filtered and cross on the same queries, and the grid on request', () => {
    // Paper 1 is close to 0 under both aspects; paper 2 under method only (the relevant one).
    const method = matrixScorer([
      [1, 0.9, 0.8, 0.1],
      [0.9, 1, 0.1, 0.1],
      [0.8, 0.1, 1, 0.1],
      [0.1, 0.1, 0.1, 1],
    ]);
    const task = matrixScorer([
      [1, 0.9, 0.1, 0.1],
      [0.9, 1, 0.1, 0.1],
      [0.1, 0.1, 1, 0.1],
      [0.1, 0.1, 0.1, 1],
    ]);
    const relevance = {
      method: [new Set([1, 2]), new Set([0]), new Set([0]), new Set<number>()],
      task: [new Set([1]), new Set([0]), new Set<number>(), new Set<number>()],
      dataset: [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()],
    } as Record<string, Set<number>[]>;
    const keys = [new Set(['asr']), new Set(['asr']), new Set(['vision']), new Set<string>()];
    const results = evaluateCrossAspect({
      fused: (aspect) => (aspect === 'task' ? task : method),
      relevance: (aspect) => relevance[aspect]!,
      unlikeKeys: () => keys,
      k: 2,
      seed: 1,
      grid: true,
    });
    const pair = results['method/task']!;
    expect(pair.queries).toBe(2);
    expect(pair.results.plain.atK.mrr).toBeCloseTo(0.75, 6);
    expect(pair.results.filtered.atK.mrr).toBe(1);
    expect(pair.results.cross.atK.mrr).toBe(1);
    expect(pair.grid!.length).toBeGreaterThan(10);
    expect(pair.grid![0]!.ndcg).toBeGreaterThanOrEqual(pair.grid!.at(-1)!.ndcg);
    expect(results['task/method']).toBeUndefined();
  });

  it('CachedScorer returns the same row without scoring twice', () => {
    let calls = 0;
    const cached = new CachedScorer({ size: 2, scores: (_q, out) => (calls++, out.set([0.5, 0.25])) });
    const out = new Float32Array(2);
    cached.scores(0, out);
    cached.scores(0, out);
    expect([...out]).toEqual([0.5, 0.25]);
    expect(calls).toBe(1);
  });
});
