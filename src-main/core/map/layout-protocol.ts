/** Messages between the map's layout worker (layout-worker.ts) and its caller (layout-runner.ts). */
import type { LayoutOptions, LayoutPhase } from './layout.ts';

export type LayoutJob =
  /** Full layout of packed vectors [count * dims]. */
  | { type: 'layout'; vectors: Float32Array; dims: number; options: LayoutOptions }
  /** Placement of `queries` near `anchors` (whose map positions are `anchorPositions`). */
  | { type: 'place'; anchors: Float32Array; anchorPositions: Float32Array; queries: Float32Array; dims: number };

export type LayoutResult = { positions: Float32Array; landmarks: Int32Array | null };

export type FromLayoutWorker =
  | { type: 'progress'; phase: LayoutPhase; done: number; total: number }
  | { type: 'done'; positions: Float32Array; landmarks: Int32Array | null }
  | { type: 'failed'; message: string };
