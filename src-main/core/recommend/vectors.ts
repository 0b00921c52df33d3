/** Small dense-vector helpers for the recommender (Float32Array in, float64 arithmetic inside). */

export { seededRandom } from '../util/seeded-random.ts';
import { norm } from '../util/vectors.ts';

export { dot, norm } from '../util/vectors.ts';

/** Mean of the vectors, L2-normalised (a zero mean stays zero). */
export function normalisedMean(vectors: readonly ArrayLike<number>[], dims: number): Float64Array {
  const mean = new Float64Array(dims);
  for (const vector of vectors) for (let i = 0; i < dims; i++) mean[i]! += vector[i]!;
  const length = norm(mean);
  if (length > 0) for (let i = 0; i < dims; i++) mean[i]! /= length;
  return mean;
}


/** Up to `count` distinct items drawn without replacement (partial Fisher-Yates). */
export function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const take = Math.min(count, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take);
}
