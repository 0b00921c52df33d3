/**
 * The embedder openFacet uses: it knows the model from its manifest at once (id, dims, lexical
 * weights: all the store and the similarity code need), and starts the ONNX worker thread only
 * on the first text to embed. Commands that only read the library (stats, keyword search,
 * similar, list, export) never pay for loading ONNX Runtime and the model (about a second).
 *
 * A failed start is reported to that caller and tried again on the next call; the worker's own
 * model description must match the manifest read at open, or embedding stops with a MODEL error
 * (the model folder changed under a running library).
 */
import { FacetError, type ModelInfo } from '../../common/contract.ts';
import type { AspectVectors, DigestText } from '../types.ts';
import { loadManifest, modelInfoOf } from './manifest.ts';
import type { EmbedReport, ReportingEmbedder } from './types.ts';
import { WorkerEmbedder, type WorkerEmbedderOptions } from './worker-embedder.ts';

/** How the real embedder is started; tests pass their own. */
export type StartEmbedder = (modelDir: string, options: WorkerEmbedderOptions) => Promise<ReportingEmbedder>;

export interface LazyEmbedderOptions extends WorkerEmbedderOptions {
  start?: StartEmbedder;
}

export class LazyEmbedder implements ReportingEmbedder {
  readonly info: ModelInfo;
  readonly maxTokens: number;
  private starting: Promise<ReportingEmbedder> | null = null;
  private closed = false;
  private readonly start: StartEmbedder;

  /** Reads and checks the manifest (throws FacetError MODEL naming the problem); starts nothing. */
  constructor(
    private readonly modelDir: string,
    private readonly options: LazyEmbedderOptions = {},
  ) {
    const manifest = loadManifest(modelDir);
    this.info = modelInfoOf(manifest);
    this.maxTokens = manifest.maxTokens;
    this.start = options.start ?? ((dir, workerOptions) => WorkerEmbedder.start(dir, workerOptions));
  }

  /** Whether the worker has been asked to start (for tests and diagnostics). */
  get started(): boolean {
    return this.starting !== null;
  }

  /** Starts the worker now, without embedding anything (so a later first request does not wait for it). */
  warm(): Promise<void> {
    return this.real().then(() => undefined);
  }

  async embed(texts: readonly DigestText[]): Promise<AspectVectors[]> {
    return (await this.embedWithReport(texts)).vectors;
  }

  async embedWithReport(texts: readonly DigestText[]): Promise<EmbedReport> {
    if (this.closed) throw new FacetError('MODEL', 'the embedder is closed');
    if (texts.length === 0) return { vectors: [], truncated: [] };
    return (await this.real()).embedWithReport(texts);
  }

  /**
   * Stops the worker (freeing ONNX Runtime's memory, about 150-200 MB) without closing this
   * embedder: the next text to embed starts a fresh one. Waits for requests in flight.
   */
  async release(): Promise<void> {
    const starting = this.starting;
    if (!starting) return;
    this.starting = null;
    const embedder = await starting.catch(() => null);
    await embedder?.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    const starting = this.starting;
    if (!starting) return;
    const embedder = await starting.catch(() => null);
    await embedder?.close();
  }

  private real(): Promise<ReportingEmbedder> {
    if (this.closed) return Promise.reject(new FacetError('MODEL', 'the embedder is closed'));
    this.starting ??= this.startChecked().catch((error: unknown) => {
      // Not kept: the next call tries again (the model folder may have been fixed meanwhile).
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private async startChecked(): Promise<ReportingEmbedder> {
    const { start: _start, ...workerOptions } = this.options;
    const embedder = await this.start(this.modelDir, workerOptions);
    if (embedder.info.id !== this.info.id || embedder.info.dims !== this.info.dims) {
      await embedder.close();
      throw new FacetError(
        'MODEL',
        `the model in ${this.modelDir} changed while the library was open (opened with ${this.info.id}, ${this.info.dims} dims; the folder now holds ${embedder.info.id}, ${embedder.info.dims} dims): restart Facet`,
      );
    }
    return embedder;
  }
}
