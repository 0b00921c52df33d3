/**
 * The embedder Facet uses everywhere outside benchmarks: the ONNX session lives in a worker thread,
 * so tokenizing and inference never block the caller's event loop (the Electron main process, the
 * HTTP bridge).
 *
 * Finding the worker entry:
 * - Under tsx (CLI, tests, browser mode) this file is `worker-embedder.ts`; the worker starts at
 *   the sibling `embed-worker-tsx.mjs`, which registers tsx inside the worker thread and then
 *   imports `embed-worker.ts` (Node 20 ignores `execArgv: ['--import', 'tsx']` for workers'
 *   module loading, checked on v20.20).
 * - Bundled (electron-vite), this code sits in `out/main/<chunk>.js`; the worker must be built as a
 *   second entry named `embed-worker` next to it, i.e. `out/main/embed-worker.js`, e.g. in
 *   electron.vite.config: `main.build.rollupOptions.input = { index: …, 'embed-worker':
 *   'src-main/core/embed/embed-worker.ts' }`.
 * - Anything else (a packaged layout that differs) passes `workerUrl` explicitly.
 */
// First: the worker's runtime reads the variable from this (main) thread's environment.
import './ort-telemetry-off.ts';
import { Worker } from 'node:worker_threads';
import { ASPECTS, FacetError, type ModelInfo } from '../../common/contract.ts';
import type { AspectVectors, DigestText } from '../types.ts';
import type { EmbedReport, ReportingEmbedder } from './types.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.ts';

export interface WorkerEmbedderOptions {
  batchSize?: number;
  threads?: number;
  /** Overrides where the worker entry is found (see the file comment). */
  workerUrl?: URL;
}

/** The worker entry for code running at `moduleUrl` (this module, unless testing). */
export function workerEntry(moduleUrl: string = import.meta.url): URL {
  return new URL(moduleUrl.endsWith('.ts') ? './embed-worker-tsx.mjs' : './embed-worker.js', moduleUrl);
}

interface Pending {
  resolve: (report: EmbedReport) => void;
  reject: (error: Error) => void;
  count: number;
}

export class WorkerEmbedder implements ReportingEmbedder {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: FacetError | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly info: ModelInfo,
    readonly maxTokens: number,
  ) {
    // The worker keeps the process alive only while requests are in flight, so a caller that
    // forgets close() does not hang on exit.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(new FacetError('MODEL', `embedding worker failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (this.closing === null) this.failAll(new FacetError('MODEL', `embedding worker exited unexpectedly (code ${code})`));
    });
  }

  /** Starts the worker and waits until it has loaded the model (or failed to, with its message). */
  static async start(modelDir: string, options: WorkerEmbedderOptions = {}): Promise<WorkerEmbedder> {
    const url = options.workerUrl ?? workerEntry();
    const init: WorkerInit = { modelDir, batchSize: options.batchSize, threads: options.threads };
    // execArgv [] : the worker must not inherit loader flags meant for the parent.
    const worker = new Worker(url, { workerData: init, execArgv: [] });
    const ready = await new Promise<{ info: ModelInfo; maxTokens: number }>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        cleanup();
        if (message.type === 'ready') resolve({ info: message.info, maxTokens: message.maxTokens });
        else if (message.type === 'init-failed') reject(new FacetError(message.code, message.message));
        else reject(new FacetError('MODEL', `embedding worker sent ${message.type} before it was ready`));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(new FacetError('MODEL', `embedding worker (${url.href}) failed to start: ${error.message}`));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new FacetError('MODEL', `embedding worker (${url.href}) exited with code ${code} before loading the model`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return new WorkerEmbedder(worker, ready.info, ready.maxTokens);
  }

  async embed(texts: readonly DigestText[]): Promise<AspectVectors[]> {
    return (await this.embedWithReport(texts)).vectors;
  }

  embedWithReport(texts: readonly DigestText[]): Promise<EmbedReport> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new FacetError('MODEL', 'the embedder is closed'));
    if (texts.length === 0) return Promise.resolve({ vectors: [], truncated: [] });
    const requestId = this.nextRequestId++;
    return new Promise<EmbedReport>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(requestId, { resolve, reject, count: texts.length });
      const message: ToWorker = { type: 'embed', requestId, texts: texts.map((t) => ({ title: t.title, abstract: t.abstract })) };
      this.worker.postMessage(message);
    });
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.worker.ref();
    this.closing = new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5_000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.failure) void this.worker.terminate();
      else this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
    return this.closing;
  }

  private onMessage(message: FromWorker): void {
    if (message.type !== 'result' && message.type !== 'failed') return;
    const pending = this.pending.get(message.requestId);
    if (!pending) return;
    this.pending.delete(message.requestId);
    if (this.pending.size === 0) this.worker.unref();
    if (message.type === 'failed') {
      pending.reject(new FacetError(message.code, message.message));
      return;
    }
    const dims = this.info.dims;
    const vectors: AspectVectors[] = [];
    for (let row = 0; row < pending.count; row++) {
      const entry = {} as AspectVectors;
      for (const aspect of ASPECTS) entry[aspect] = message.vectors[aspect].subarray(row * dims, (row + 1) * dims);
      vectors.push(entry);
    }
    pending.resolve({ vectors, truncated: message.truncated });
  }

  private failAll(error: FacetError): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
