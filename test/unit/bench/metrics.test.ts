import { describe, expect, it } from 'vitest';
import { averageOfMeans, dcgAtK, MetricAccumulator, queryMetrics } from '../../../bench/lib/metrics.ts';

describe('queryMetrics (paper definitions at k)', () => {
  it('scores a mixed list by hand', () => {
    // hits at ranks 2 and 4; three relevant papers in all, one never retrieved
    const m = queryMetrics(['a', 'b', 'c', 'd'], new Set(['b', 'd', 'x']), 4);
    expect(m.p).toBeCloseTo(2 / 4, 12);
    expect(m.r).toBeCloseTo(2 / 3, 12);
    expect(m.rr).toBeCloseTo(1 / 2, 12);
    // AP = (1/2 + 2/4) / 3 relevant
    expect(m.ap).toBeCloseTo(1 / 3, 12);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(m.ndcg).toBeCloseTo(dcg / ideal, 12);
    expect(m.ndcg).toBeCloseTo(0.498194, 5);
  });

  it('divides AP by every relevant paper, not by min(#relevant, k)', () => {
    const retrieved = Array.from({ length: 10 }, (_, i) => i);
    const relevant = new Set(Array.from({ length: 20 }, (_, i) => i));
    const m = queryMetrics(retrieved, relevant, 10);
    expect(m.p).toBe(1);
    expect(m.ap).toBeCloseTo(10 / 20, 12);
    expect(m.r).toBeCloseTo(10 / 20, 12);
    // the ideal ranking is truncated to k = 10, so a perfect top 10 has nDCG 1
    expect(m.ndcg).toBeCloseTo(1, 12);
    expect(m.rr).toBe(1);
  });

  it('only counts the first k of a longer list', () => {
    const m = queryMetrics(['x', 'a'], new Set(['a']), 1);
    expect(m).toEqual({ p: 0, r: 0, rr: 0, ap: 0, ndcg: 0 });
  });

  it('divides precision by what was retrieved when the pool is smaller than k', () => {
    const m = queryMetrics(['r', 'n1', 'n2'], new Set(['r']), 10);
    expect(m.p).toBeCloseTo(1 / 3, 12);
    expect(m.r).toBe(1);
    expect(m.ap).toBe(1);
    expect(m.ndcg).toBe(1);
  });

  it('gives a relevant paper at rank 3 of 10 the textbook values', () => {
    const m = queryMetrics(['n', 'n2', 'r', 'n3'], new Set(['r']), 10);
    expect(m.rr).toBeCloseTo(1 / 3, 12);
    expect(m.ap).toBeCloseTo(1 / 3, 12);
    expect(m.ndcg).toBeCloseTo(1 / Math.log2(4), 12);
  });

  it('rejects queries without relevant papers and bad k', () => {
    expect(() => queryMetrics(['a'], new Set<string>(), 10)).toThrow(/relevant/);
    expect(() => queryMetrics(['a'], new Set(['a']), 0)).toThrow(/k must be/);
    expect(() => queryMetrics([], new Set(['a']), 10)).toThrow(/nothing was retrieved/);
  });
});

describe('dcgAtK', () => {
  it('discounts by log2(rank + 1) and stops at k', () => {
    expect(dcgAtK([1, 1, 1], 2)).toBeCloseTo(1 + 1 / Math.log2(3), 12);
    expect(dcgAtK([0, 1], 10)).toBeCloseTo(1 / Math.log2(3), 12);
  });
});

describe('averaging', () => {
  it('means per query, then unweighted means over folds', () => {
    const acc = new MetricAccumulator();
    acc.add({ p: 1, r: 0.5, rr: 1, ap: 0.5, ndcg: 1 });
    acc.add({ p: 0, r: 0, rr: 0, ap: 0, ndcg: 0 });
    const a = acc.mean();
    expect(a).toEqual({ map: 0.25, mrr: 0.5, p: 0.5, r: 0.25, ndcg: 0.5, queries: 2 });
    const b = { map: 0.75, mrr: 0.5, p: 0.5, r: 0.75, ndcg: 0.5, queries: 6 };
    const avg = averageOfMeans([a, b, { map: 0, mrr: 0, p: 0, r: 0, ndcg: 0, queries: 0 }]);
    expect(avg).toEqual({ map: 0.5, mrr: 0.5, p: 0.5, r: 0.5, ndcg: 0.5, queries: 8 });
  });

  it('reports zero queries as zeros', () => {
    expect(new MetricAccumulator().mean().queries).toBe(0);
  });
});
