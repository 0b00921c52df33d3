/**
 * Choosing the semantic-search cut-off: pure functions over query-to-paper cosines, so the
 * calibration script (bench/search-threshold.ts) and its unit test share them.
 *
 * A query's semantic hits are the papers whose generic vector's cosine with the query's vector is
 * at least the threshold. On labelled queries (a task name and the papers labelled with it) each
 * threshold has a precision and recall; on off-topic queries (everyday phrases, nonsense) every hit
 * is a false one. The chosen threshold is the one with the best F1 on the labelled queries among
 * those where no off-topic query has a single hit in the constraining pool (the seed pages: a
 * library like a reader's); hits in other pools are counted and reported only.
 */

export interface LabelledQuery {
  query: string;
  /** Cosine of the query with every paper of the pool, in pool order. */
  cosines: Float32Array;
  /** Pool indexes of the papers that match the query. */
  relevant: ReadonlySet<number>;
}

export interface ThresholdRow {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Hits of all off-topic queries together in the constraining pool at this threshold. */
  offTopicHits: number;
  /** The same in the reported-only pools. */
  reportedOffTopicHits: number;
}

/** Thresholds 0.00, 0.01, … up to `max`, rounded to two decimals. */
export function thresholdGrid(max = 0.95, step = 0.01): number[] {
  const grid: number[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) grid.push(Math.round(i * step * 100) / 100);
  return grid;
}

/** Micro-averaged precision / recall / F1 over every (query, paper) pair, and off-topic hits, per threshold. */
export function sweepThresholds(
  labelled: readonly LabelledQuery[],
  offTopic: readonly Float32Array[],
  reportedOffTopic: readonly Float32Array[] = [],
  grid: readonly number[] = thresholdGrid(),
): ThresholdRow[] {
  const countHits = (lists: readonly Float32Array[], threshold: number) => {
    let count = 0;
    for (const cosines of lists) for (const cosine of cosines) if (cosine >= threshold) count++;
    return count;
  };
  return grid.map((threshold) => {
    let truePositives = 0;
    let hits = 0;
    let relevant = 0;
    for (const query of labelled) {
      relevant += query.relevant.size;
      query.cosines.forEach((cosine, index) => {
        if (cosine < threshold) return;
        hits++;
        if (query.relevant.has(index)) truePositives++;
      });
    }
    const precision = hits === 0 ? 1 : truePositives / hits;
    const recall = relevant === 0 ? 0 : truePositives / relevant;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { threshold, precision, recall, f1, offTopicHits: countHits(offTopic, threshold), reportedOffTopicHits: countHits(reportedOffTopic, threshold) };
  });
}

/** The best-F1 row among those without off-topic hits (the lowest such threshold on ties); null when none qualifies. */
export function chooseThreshold(rows: readonly ThresholdRow[]): ThresholdRow | null {
  let best: ThresholdRow | null = null;
  for (const row of rows) {
    if (row.offTopicHits > 0) continue;
    if (best === null || row.f1 > best.f1 + 1e-12) best = row;
  }
  return best;
}
