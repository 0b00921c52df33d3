/**
 * Ranking metrics at a cut-off k, defined as the evaluation code of Ostendorff et al. (JCDL 2022,
 * malteos/aspect-document-embeddings, eval_cli.py and experiments/evaluation/utils.py) defines them:
 *
 * - P@k    = relevant retrieved in the top k / number retrieved (k, or fewer when the pool is smaller).
 * - R@k    = relevant retrieved in the top k / number of relevant papers (all of them, not capped at k).
 * - RR@k   = 1 / rank of the first relevant paper in the top k, 0 when none is there (MRR is its mean).
 * - AP@k   = sum over relevant hits in the top k of (hits so far / rank), divided by the number of
 *            relevant papers (all of them, NOT min(#relevant, k)): a query with 30 relevant papers can
 *            reach at most 10/30. MAP is the mean over queries.
 * - nDCG@k = DCG of the binary gains of the top k, divided by the DCG of an ideal ranking that holds
 *            min(#relevant, k) relevant papers (the ideal list is truncated to k). log2(rank + 1) discount.
 *
 * A query only counts when it has at least one relevant paper; callers filter those out first.
 */

export interface QueryMetrics {
  p: number;
  r: number;
  rr: number;
  ap: number;
  ndcg: number;
}

/** Means over queries; `mrr` and `map` are the means of RR and AP. */
export interface MeanMetrics {
  map: number;
  mrr: number;
  p: number;
  r: number;
  ndcg: number;
  queries: number;
}

export const METRIC_KEYS = ['map', 'mrr', 'p', 'r', 'ndcg'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** DCG of binary gains in list order, cut at k. */
export function dcgAtK(gains: readonly number[], k: number): number {
  let dcg = 0;
  const n = Math.min(gains.length, k);
  for (let i = 0; i < n; i++) dcg += (gains[i] ?? 0) / Math.log2(i + 2);
  return dcg;
}

/**
 * Metrics of one ranked list. `retrieved` is best-first and may be longer than k (only the first k
 * count); `relevant` holds the ids relevant to the query and must not be empty.
 */
export function queryMetrics<T>(retrieved: readonly T[], relevant: ReadonlySet<T>, k: number): QueryMetrics {
  if (relevant.size === 0) throw new Error('queryMetrics: a query needs at least one relevant item');
  if (!(k >= 1)) throw new Error(`queryMetrics: k must be >= 1, got ${k}`);
  const top = retrieved.slice(0, k);
  if (top.length === 0) throw new Error('queryMetrics: nothing was retrieved');
  let hits = 0;
  let precisionSum = 0;
  let rr = 0;
  const gains: number[] = [];
  top.forEach((item, index) => {
    const rank = index + 1;
    const isRelevant = relevant.has(item);
    gains.push(isRelevant ? 1 : 0);
    if (!isRelevant) return;
    hits += 1;
    precisionSum += hits / rank;
    if (rr === 0) rr = 1 / rank;
  });
  const idealGains = new Array<number>(Math.min(relevant.size, k)).fill(1);
  return {
    p: hits / top.length,
    r: hits / relevant.size,
    rr,
    ap: precisionSum / relevant.size,
    ndcg: dcgAtK(gains, k) / dcgAtK(idealGains, k),
  };
}

/** Accumulates per-query metrics into means. */
export class MetricAccumulator {
  private sums = { map: 0, mrr: 0, p: 0, r: 0, ndcg: 0 };
  private count = 0;

  add(metrics: QueryMetrics): void {
    this.sums.map += metrics.ap;
    this.sums.mrr += metrics.rr;
    this.sums.p += metrics.p;
    this.sums.r += metrics.r;
    this.sums.ndcg += metrics.ndcg;
    this.count += 1;
  }

  get queries(): number {
    return this.count;
  }

  mean(): MeanMetrics {
    if (this.count === 0) return { map: 0, mrr: 0, p: 0, r: 0, ndcg: 0, queries: 0 };
    const n = this.count;
    return {
      map: this.sums.map / n,
      mrr: this.sums.mrr / n,
      p: this.sums.p / n,
      r: this.sums.r / n,
      ndcg: this.sums.ndcg / n,
      queries: n,
    };
  }
}

/**
 * Unweighted mean of several means (one per fold), as the paper reports a mean over its four folds.
 * `queries` is the total number of queries over all parts.
 */
export function averageOfMeans(parts: readonly MeanMetrics[]): MeanMetrics {
  const used = parts.filter((part) => part.queries > 0);
  if (used.length === 0) return { map: 0, mrr: 0, p: 0, r: 0, ndcg: 0, queries: 0 };
  const out: MeanMetrics = { map: 0, mrr: 0, p: 0, r: 0, ndcg: 0, queries: 0 };
  for (const part of used) {
    for (const key of METRIC_KEYS) out[key] += part[key] / used.length;
    out.queries += part.queries;
  }
  return out;
}
