/**
 * The 2-D layout of a library under one aspect: UMAP (umap-js) on a sample of landmark papers,
 * every other paper placed at the weighted mean position of its nearest landmarks.
 *
 * Why landmarks: umap-js builds its neighbour graph in memory and costs seconds per thousand
 * points, so a full UMAP at 100k papers would take far too long on a laptop. A few thousand
 * landmarks carry the shape of the library; the rest land next to the landmarks they resemble.
 * The same placement puts newly imported papers on an existing map without moving anyone else.
 *
 * Vectors come packed, row-major ([count * dims]) and L2-normalised, so cosine is a dot product.
 * Everything here is deterministic for a given seed.
 */
import { UMAP } from 'umap-js';
import { seededRandom } from '../util/seeded-random.ts';

export interface LayoutOptions {
  /** Papers laid out by UMAP itself; the rest are placed near them. */
  maxLandmarks?: number;
  /** UMAP optimisation epochs. */
  epochs?: number;
  /** UMAP neighbourhood size. */
  neighbours?: number;
  /** Landmarks each placed paper takes its position from. */
  placeNeighbours?: number;
  seed?: number;
}

export const DEFAULT_MAX_LANDMARKS = 4000;
const DEFAULT_EPOCHS = 200;
const DEFAULT_NEIGHBOURS = 15;
export const DEFAULT_PLACE_NEIGHBOURS = 8;
/** Cosine gaps are small between near neighbours; this sharpens the weights toward the nearest. */
const PLACE_TEMPERATURE = 0.05;

export type LayoutPhase = 'neighbours' | 'layout' | 'place';
export type LayoutProgress = (phase: LayoutPhase, done: number, total: number) => void;

export interface Layout {
  /** [count * 2], x then y, scaled into [0, 1] on both axes. */
  positions: Float32Array;
  /** Row indices of the landmarks, ascending. */
  landmarks: Int32Array;
}

/** Which rows become landmarks: all of them up to `max`, else an evenly spread seeded sample. */
export function pickLandmarks(count: number, max: number, seed: number): Int32Array {
  if (count <= max) return Int32Array.from({ length: count }, (_, i) => i);
  const random = seededRandom(seed);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  // Partial Fisher-Yates: the first `max` entries are a uniform sample.
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (count - i));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order.slice(0, max).sort();
}

function rowsAsArrays(vectors: Float32Array, dims: number, rows: Int32Array): number[][] {
  return Array.from(rows, (row) => Array.from(vectors.subarray(row * dims, row * dims + dims)));
}

/** Yields to the event loop: a long computation stays stoppable and lets progress messages out. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** UMAP on the landmarks, then the rest placed near them. */
export async function computeLayout(vectors: Float32Array, dims: number, options: LayoutOptions = {}, onProgress: LayoutProgress = () => {}): Promise<Layout> {
  const count = Math.floor(vectors.length / dims);
  const seed = options.seed ?? 1;
  const landmarks = pickLandmarks(count, options.maxLandmarks ?? DEFAULT_MAX_LANDMARKS, seed);
  const positions = new Float32Array(count * 2);
  if (count === 0) return { positions, landmarks };
  const landmarkPositions = await umapLayout(rowsAsArrays(vectors, dims, landmarks), options, seed, onProgress);

  const isLandmark = new Uint8Array(count);
  landmarks.forEach((row, index) => {
    isLandmark[row] = 1;
    positions[row * 2] = landmarkPositions[index * 2]!;
    positions[row * 2 + 1] = landmarkPositions[index * 2 + 1]!;
  });
  const others = Int32Array.from({ length: count }, (_, i) => i).filter((row) => isLandmark[row] === 0);
  if (others.length > 0) {
    const anchors = gatherRows(vectors, dims, landmarks);
    const placed = await placeNear(anchors, landmarkPositions, gatherRows(vectors, dims, others), dims, options.placeNeighbours, (done, total) => onProgress('place', done, total));
    others.forEach((row, index) => {
      positions[row * 2] = placed[index * 2]!;
      positions[row * 2 + 1] = placed[index * 2 + 1]!;
    });
  }
  return { positions: normaliseInPlace(positions), landmarks };
}

async function umapLayout(rows: number[][], options: LayoutOptions, seed: number, onProgress: LayoutProgress): Promise<Float32Array> {
  const out = new Float32Array(rows.length * 2);
  if (rows.length < 3) {
    // UMAP needs a neighbourhood; one or two papers sit on a diagonal.
    rows.forEach((_, index) => out.set([index, index], index * 2));
    return out;
  }
  const random = seededRandom(seed + 7);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(options.neighbours ?? DEFAULT_NEIGHBOURS, rows.length - 1)),
    nEpochs: options.epochs ?? DEFAULT_EPOCHS,
    minDist: 0.1,
    random,
    distanceFn: cosineDistance,
  });
  onProgress('neighbours', 0, rows.length);
  const epochs = umap.initializeFit(rows);
  onProgress('neighbours', rows.length, rows.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step();
    if (epoch % 10 === 9 || epoch === epochs - 1) {
      onProgress('layout', epoch + 1, epochs);
      await breathe();
    }
  }
  umap.getEmbedding().forEach((point, index) => {
    out[index * 2] = point[0] ?? 0;
    out[index * 2 + 1] = point[1] ?? 0;
  });
  return out;
}

function cosineDistance(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return 1 - dot;
}

/** The given rows of a packed matrix, packed. */
export function gatherRows(vectors: Float32Array, dims: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dims);
  for (let i = 0; i < rows.length; i++) out.set(vectors.subarray(rows[i]! * dims, rows[i]! * dims + dims), i * dims);
  return out;
}

function dot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dims: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += a[aOffset + d]! * b[bOffset + d]!;
  return sum;
}

/**
 * Coarse cells over the anchors so a query compares itself with a few hundred anchors instead of
 * all of them: some anchors act as cell centres, every anchor joins its nearest centre, and a
 * query searches the anchors of its few nearest cells (an inverted-file index, as ANN search does).
 */
class AnchorCells {
  readonly centres: Int32Array;
  readonly members: Int32Array[];

  constructor(
    readonly anchors: Float32Array,
    readonly dims: number,
  ) {
    const count = anchors.length / dims;
    const cellCount = Math.max(1, Math.min(count, Math.round(Math.sqrt(count))));
    const step = count / cellCount;
    this.centres = Int32Array.from({ length: cellCount }, (_, i) => Math.floor(i * step));
    const lists: number[][] = Array.from({ length: cellCount }, () => []);
    for (let a = 0; a < count; a++) lists[this.nearestCells(anchors, a * dims, 1)[0]!]!.push(a);
    this.members = lists.map((list) => Int32Array.from(list));
  }

  /** Indices into `centres` of the `n` centres nearest to the vector at `offset` of `source`. */
  nearestCells(source: Float32Array, offset: number, n: number): number[] {
    const scored = Array.from(this.centres, (centre, cell) => ({ cell, score: dot(source, offset, this.anchors, centre * this.dims, this.dims) }));
    scored.sort((x, y) => y.score - x.score);
    return scored.slice(0, n).map((entry) => entry.cell);
  }
}

/** Cells a query searches: enough that the candidates are a few hundred anchors. */
function probesFor(cells: AnchorCells): number {
  return Math.min(cells.centres.length, Math.max(3, Math.ceil(cells.centres.length / 16)));
}

/**
 * Positions for `queries` from their `k` most similar anchors: the mean of those anchors'
 * positions weighted by exp(cosine / temperature), so the nearest anchor counts most.
 */
export async function placeNear(
  anchors: Float32Array,
  anchorPositions: Float32Array,
  queries: Float32Array,
  dims: number,
  k: number = DEFAULT_PLACE_NEIGHBOURS,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<Float32Array> {
  const queryCount = queries.length / dims;
  const out = new Float32Array(queryCount * 2);
  if (anchors.length === 0) return out;
  const cells = new AnchorCells(anchors, dims);
  const probes = probesFor(cells);
  const bestIndex = new Int32Array(k);
  const bestScore = new Float64Array(k);
  for (let q = 0; q < queryCount; q++) {
    const offset = q * dims;
    bestScore.fill(-Infinity);
    bestIndex.fill(-1);
    for (const cell of cells.nearestCells(queries, offset, probes)) {
      for (const anchor of cells.members[cell]!) {
        const score = dot(queries, offset, anchors, anchor * dims, dims);
        if (score <= bestScore[k - 1]!) continue;
        let slot = k - 1;
        while (slot > 0 && bestScore[slot - 1]! < score) {
          bestScore[slot] = bestScore[slot - 1]!;
          bestIndex[slot] = bestIndex[slot - 1]!;
          slot--;
        }
        bestScore[slot] = score;
        bestIndex[slot] = anchor;
      }
    }
    let x = 0;
    let y = 0;
    let total = 0;
    for (let slot = 0; slot < k && bestIndex[slot]! >= 0; slot++) {
      const weight = Math.exp((bestScore[slot]! - bestScore[0]!) / PLACE_TEMPERATURE);
      x += weight * anchorPositions[bestIndex[slot]! * 2]!;
      y += weight * anchorPositions[bestIndex[slot]! * 2 + 1]!;
      total += weight;
    }
    out[q * 2] = total > 0 ? x / total : 0;
    out[q * 2 + 1] = total > 0 ? y / total : 0;
    if (q % 2000 === 1999) {
      onProgress(q + 1, queryCount);
      await breathe();
    }
  }
  onProgress(queryCount, queryCount);
  return out;
}

/** Scales x and y into [0, 1] keeping the aspect ratio (the longer side spans 0..1, the other is centred). */
export function normaliseInPlace(positions: Float32Array): Float32Array {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < positions.length; i += 2) {
    minX = Math.min(minX, positions[i]!);
    maxX = Math.max(maxX, positions[i]!);
    minY = Math.min(minY, positions[i + 1]!);
    maxY = Math.max(maxY, positions[i + 1]!);
  }
  if (!Number.isFinite(minX)) return positions;
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const padX = (1 - (maxX - minX) / span) / 2;
  const padY = (1 - (maxY - minY) / span) / 2;
  for (let i = 0; i < positions.length; i += 2) {
    positions[i] = padX + (positions[i]! - minX) / span;
    positions[i + 1] = padY + (positions[i + 1]! - minY) / span;
  }
  return positions;
}
