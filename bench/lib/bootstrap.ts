/** Paired bootstrap of a mean difference: resample queries with replacement, same queries for both systems. */
import { seededRandom } from '../../src-main/core/util/seeded-random.ts';

export interface Interval {
  /** Mean of a - b over the queries. */
  diff: number;
  low: number;
  high: number;
}

export function pairedBootstrap(a: readonly number[], b: readonly number[], seed: number, resamples = 2000): Interval {
  if (a.length !== b.length) throw new Error(`pairedBootstrap: ${a.length} against ${b.length} values`);
  const n = a.length;
  const d = a.map((x, i) => x - b[i]!);
  const diff = n ? d.reduce((s, x) => s + x, 0) / n : 0;
  if (n === 0) return { diff, low: 0, high: 0 };
  const random = seededRandom(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d[Math.floor(random() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  return { diff, low: means[Math.floor(0.025 * resamples)]!, high: means[Math.min(resamples - 1, Math.floor(0.975 * resamples))]! };
}
