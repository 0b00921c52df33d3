/** Synthetic unit vectors for recommender unit tests (never used outside tests). */
import { seededRandom } from '../../../src-main/core/recommend/vectors.ts';

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A unit vector: sum of weight * basis direction, plus isotropic noise of the given scale. */
export function makeVector(dims: number, parts: Record<number, number>, noise: number, random: () => number): Float32Array {
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) v[i] = noise * gaussian(random);
  for (const [index, weight] of Object.entries(parts)) v[Number(index)]! += weight;
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  for (let i = 0; i < dims; i++) v[i]! /= n;
  return v;
}

export { seededRandom };
