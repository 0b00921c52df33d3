/** Runs every query of a pool through a scorer and averages the metrics at k. */
import { MetricAccumulator, queryMetrics, type MeanMetrics } from './metrics.ts';
import { topK, type PoolScorer } from './ranking.ts';

export function evaluateScorer(scorer: PoolScorer, relevant: readonly ReadonlySet<number>[], k: number): MeanMetrics {
  if (relevant.length !== scorer.size) {
    throw new Error(`evaluateScorer: ${relevant.length} relevance lists for a pool of ${scorer.size}`);
  }
  const scores = new Float32Array(scorer.size);
  const total = new MetricAccumulator();
  relevant.forEach((relevantToQuery, query) => {
    if (relevantToQuery.size === 0) return;
    scorer.scores(query, scores);
    total.add(queryMetrics(topK(scores, k, query), relevantToQuery, k));
  });
  return total.mean();
}
