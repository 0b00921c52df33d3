/** Messages between WorkerEmbedder (caller thread) and embed-worker.ts (the worker). */
import type { ModelInfo } from '../../common/contract.ts';
import type { ErrorCode } from '../../common/contract.ts';
import type { DigestText } from '../types.ts';

export interface WorkerInit {
  modelDir: string;
  batchSize?: number;
  threads?: number;
}

export type ToWorker = { type: 'embed'; requestId: number; texts: DigestText[] } | { type: 'close' };

/** Vectors travel as one Float32Array per aspect ([count * dims], row-major), transferred, not copied. */
export interface PackedVectors {
  generic: Float32Array;
  task: Float32Array;
  method: Float32Array;
  dataset: Float32Array;
}

export type FromWorker =
  | { type: 'ready'; info: ModelInfo; maxTokens: number }
  | { type: 'init-failed'; code: ErrorCode; message: string }
  | { type: 'result'; requestId: number; vectors: PackedVectors; truncated: boolean[] }
  | { type: 'failed'; requestId: number; code: ErrorCode; message: string }
  | { type: 'closed' };
