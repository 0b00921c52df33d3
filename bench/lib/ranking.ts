/**
 * Paper-to-paper ranking over a fixed pool. A `PoolScorer` fills a score for every pool paper given a
 * query paper; `topK` turns scores into a best-first list. Ties break towards the lower pool index so
 * runs are reproducible.
 */
import { seededRandom } from '../../src-main/core/util/seeded-random.ts';

export { seededRandom };

export interface PoolScorer {
  /** Number of papers in the pool. */
  readonly size: number;
  /** Writes one score per pool paper into `out` (length `size`); higher is more similar. */
  scores(query: number, out: Float32Array): void;
}

/** Indices of the k highest scores, best first, skipping `exclude` (the query itself). */
export function topK(scores: Float32Array, k: number, exclude: number): number[] {
  const bestScore = new Float64Array(k).fill(-Infinity);
  const bestIndex = new Int32Array(k).fill(-1);
  let filled = 0;
  for (let i = 0; i < scores.length; i++) {
    if (i === exclude) continue;
    const s = scores[i] as number;
    if (filled === k && !(s > (bestScore[k - 1] as number))) continue;
    // Insertion from the end keeps the list sorted; equal scores stay behind earlier indices.
    let pos = filled < k ? filled : k - 1;
    while (pos > 0 && s > (bestScore[pos - 1] as number)) {
      bestScore[pos] = bestScore[pos - 1] as number;
      bestIndex[pos] = bestIndex[pos - 1] as number;
      pos--;
    }
    bestScore[pos] = s;
    bestIndex[pos] = i;
    if (filled < k) filled++;
  }
  return Array.from(bestIndex.subarray(0, filled));
}

/** Row-major matrix of L2-normalised float32 vectors. */
export interface DenseMatrix {
  rows: number;
  dims: number;
  data: Float32Array;
}

/** Copies vectors into one matrix and L2-normalises each row (zero rows stay zero). */
export function toNormalisedMatrix(vectors: readonly Float32Array[]): DenseMatrix {
  const first = vectors[0];
  if (!first) throw new Error('toNormalisedMatrix: no vectors');
  const dims = first.length;
  const data = new Float32Array(vectors.length * dims);
  vectors.forEach((vector, row) => {
    if (vector.length !== dims) {
      throw new Error(`toNormalisedMatrix: row ${row} has ${vector.length} dims, expected ${dims}`);
    }
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += (vector[j] as number) * (vector[j] as number);
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dims; j++) data[row * dims + j] = (vector[j] as number) * scale;
  });
  return { rows: vectors.length, dims, data };
}

/** Cosine similarity over normalised rows: a plain dot product, four lanes at a time. */
export class DenseCosineScorer implements PoolScorer {
  readonly size: number;

  constructor(private readonly matrix: DenseMatrix) {
    this.size = matrix.rows;
  }

  scores(query: number, out: Float32Array): void {
    const { data, dims, rows } = this.matrix;
    const q = data.subarray(query * dims, query * dims + dims);
    const tail = dims - (dims % 4);
    for (let row = 0; row < rows; row++) {
      const base = row * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j < tail; j += 4) {
        s0 += (q[j] as number) * (data[base + j] as number);
        s1 += (q[j + 1] as number) * (data[base + j + 1] as number);
        s2 += (q[j + 2] as number) * (data[base + j + 2] as number);
        s3 += (q[j + 3] as number) * (data[base + j + 3] as number);
      }
      for (; j < dims; j++) s0 += (q[j] as number) * (data[base + j] as number);
      out[row] = s0 + s1 + s2 + s3;
    }
  }
}


/** The random baseline: independent uniform scores per query, seeded. */
export class RandomScorer implements PoolScorer {
  private readonly next: () => number;

  constructor(
    readonly size: number,
    seed: number,
  ) {
    this.next = seededRandom(seed);
  }

  scores(_query: number, out: Float32Array): void {
    for (let i = 0; i < this.size; i++) out[i] = this.next();
  }
}

/** Fisher-Yates shuffle of a copy, seeded. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
