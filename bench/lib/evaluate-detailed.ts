/**
 * Per-query evaluation: the metrics at k (bench/lib/metrics.ts) plus average precision over the full
 * ranking (what collections graded over whole pools report as MAP), keeping every query's value so
 * two systems can be compared by a paired bootstrap.
 */
import { MetricAccumulator, queryMetrics, type MeanMetrics } from './metrics.ts';
import { topK, type PoolScorer } from './ranking.ts';

export interface DetailedEvaluation {
  atK: MeanMetrics;
  /** Mean AP over the full ranking. */
  mapFull: number;
  apAtK: number[];
  apFull: number[];
}

export function fullAveragePrecision(scores: Float32Array, relevant: ReadonlySet<number>, query: number): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).filter((i) => i !== query);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  let hits = 0;
  let sum = 0;
  for (let rank = 0; rank < order.length && hits < relevant.size; rank++) {
    if (relevant.has(order[rank]!)) {
      hits++;
      sum += hits / (rank + 1);
    }
  }
  return sum / relevant.size;
}

export function evaluateDetailed(scorer: PoolScorer, relevant: readonly ReadonlySet<number>[], k: number): DetailedEvaluation {
  if (relevant.length !== scorer.size) throw new Error(`evaluateDetailed: ${relevant.length} relevance lists for a pool of ${scorer.size}`);
  const scores = new Float32Array(scorer.size);
  const total = new MetricAccumulator();
  const apAtK: number[] = [];
  const apFull: number[] = [];
  relevant.forEach((relevantToQuery, query) => {
    if (relevantToQuery.size === 0) return;
    scorer.scores(query, scores);
    const metrics = queryMetrics(topK(scores, k, query), relevantToQuery, k);
    total.add(metrics);
    apAtK.push(metrics.ap);
    apFull.push(fullAveragePrecision(scores, relevantToQuery, query));
  });
  return { atK: total.mean(), mapFull: apFull.length ? apFull.reduce((a, b) => a + b, 0) / apFull.length : 0, apAtK, apFull };
}
