/** Messages between WorkerEmbedder (caller thread) and embed-worker.ts (the worker). */
import type { Aspect, ErrorCode, ModelInfo } from '../../common/contract.ts';
import type { DigestText } from '../types.ts';

export interface WorkerInit {
  modelDir: string;
  batchSize?: number;
  threads?: number;
}

export type ToWorker = { type: 'embed'; requestId: number; texts: DigestText[] } | { type: 'close' };

/** Vectors of an aspect list: one Float32Array per aspect ([count * dims], row-major). */
export type PackedVectorsOf<A extends string> = Record<A, Float32Array>;

/** Vectors travel as one Float32Array per model aspect, transferred, not copied. */
export type PackedVectors = PackedVectorsOf<Aspect>;

export type FromWorker =
  | { type: 'ready'; info: ModelInfo; maxTokens: number }
  | { type: 'init-failed'; code: ErrorCode; message: string }
  | { type: 'result'; requestId: number; vectors: PackedVectors; truncated: boolean[] }
  | { type: 'failed'; requestId: number; code: ErrorCode; message: string }
  | { type: 'closed' };
