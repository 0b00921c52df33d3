/**
 * The aspect-model embedder. `createEmbedder` gives the worker-thread embedder (the default for
 * every entry point); `OnnxEmbedder.load` runs in the calling thread (benchmarks, the worker itself).
 */
import { OnnxEmbedder, type OnnxEmbedderOptions } from './onnx-embedder.ts';
import { WorkerEmbedder, type WorkerEmbedderOptions } from './worker-embedder.ts';
import type { ReportingEmbedder } from './types.ts';

export { OnnxEmbedder, DEFAULT_BATCH_SIZE } from './onnx-embedder.ts';
export type { OnnxEmbedderOptions } from './onnx-embedder.ts';
export { WorkerEmbedder, workerEntry } from './worker-embedder.ts';
export type { WorkerEmbedderOptions } from './worker-embedder.ts';
export { loadManifest, modelInfoOf } from './manifest.ts';
export { isReportingEmbedder } from './types.ts';
export type { EmbedReport, ReportingEmbedder } from './types.ts';

export interface CreateEmbedderOptions extends OnnxEmbedderOptions, WorkerEmbedderOptions {
  /** Run in the calling thread instead of a worker (benchmarks only: it blocks the event loop). */
  inThread?: boolean;
}

export function createEmbedder(modelDir: string, options: CreateEmbedderOptions = {}): Promise<ReportingEmbedder> {
  return options.inThread ? OnnxEmbedder.load(modelDir, options) : WorkerEmbedder.start(modelDir, options);
}
