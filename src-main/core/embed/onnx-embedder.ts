/**
 * The aspect model on ONNX Runtime, in the calling thread. One InferenceSession lives as long as
 * the embedder. Inputs are tokenized with the shared tokenizer, sorted by length and run in
 * batches (less padding), then put back in input order.
 *
 * Use WorkerEmbedder (worker-embedder.ts) anywhere a thread must stay responsive (Electron main
 * process, the bridge); this class runs inside that worker, and directly in benchmarks.
 */
// First: telemetry must be off before onnxruntime-node loads (see ort-telemetry-off.ts).
import { assertOrtTelemetryOff } from './ort-telemetry-off.ts';
import path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { ASPECTS, FacetError, type ModelInfo } from '../../common/contract.ts';
import { PAD_ID, Tokenizer } from '../text/tokenizer.ts';
import type { AspectVectors, DigestText, ModelManifest } from '../types.ts';
import { loadManifest, modelInfoOf } from './manifest.ts';
import type { EmbedReport, ReportingEmbedder } from './types.ts';

export const DEFAULT_BATCH_SIZE = 64;

type OrtRuntime = typeof ort;
let runtime: Promise<OrtRuntime> | null = null;

/**
 * Loads onnxruntime-node (and so its native addon) on first use, never at import: a static import
 * would be hoisted by a bundler above the statement that turns telemetry off whenever the two end
 * up in one chunk, and the addon must not load before it.
 */
function loadRuntime(): Promise<OrtRuntime> {
  assertOrtTelemetryOff();
  runtime ??= import('onnxruntime-node');
  return runtime;
}

export interface OnnxEmbedderOptions {
  batchSize?: number;
  /** ONNX Runtime intra-op threads; 0 or undefined lets the runtime choose. */
  threads?: number;
}

export class OnnxEmbedder implements ReportingEmbedder {
  readonly info: ModelInfo;
  readonly maxTokens: number;
  private closed = false;

  private constructor(
    private readonly ort: OrtRuntime,
    readonly manifest: ModelManifest,
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: Tokenizer,
    private readonly batchSize: number,
  ) {
    this.info = modelInfoOf(manifest);
    this.maxTokens = manifest.maxTokens;
  }

  static async load(modelDir: string, options: OnnxEmbedderOptions = {}): Promise<OnnxEmbedder> {
    const manifest = loadManifest(modelDir);
    const tokenizer = Tokenizer.fromFile(path.join(modelDir, manifest.vocab));
    const sessionOptions: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all' };
    if (options.threads && options.threads > 0) sessionOptions.intraOpNumThreads = options.threads;
    let session: ort.InferenceSession;
    const ort = await loadRuntime();
    try {
      session = await ort.InferenceSession.create(path.join(modelDir, manifest.onnx), sessionOptions);
    } catch (error) {
      throw new FacetError('MODEL', `cannot load ${path.join(modelDir, manifest.onnx)}: ${(error as Error).message}`);
    }
    const missing = ASPECTS.filter((aspect) => !session.outputNames.includes(aspect));
    if (!session.inputNames.includes('input_ids') || missing.length > 0) {
      await session.release();
      throw new FacetError(
        'MODEL',
        `${manifest.onnx} must take input_ids and output ${ASPECTS.join(', ')}; it takes ${session.inputNames.join(', ')} and outputs ${session.outputNames.join(', ')}`,
      );
    }
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    return new OnnxEmbedder(ort, manifest, session, tokenizer, batchSize);
  }

  async embed(texts: readonly DigestText[]): Promise<AspectVectors[]> {
    return (await this.embedWithReport(texts)).vectors;
  }

  async embedWithReport(texts: readonly DigestText[]): Promise<EmbedReport> {
    if (this.closed) throw new FacetError('MODEL', 'the embedder is closed');
    const encoded = texts.map((text) => this.tokenizer.encode(text.title, text.abstract, this.maxTokens));
    const order = encoded.map((_, index) => index).sort((a, b) => encoded[a]!.ids.length - encoded[b]!.ids.length);
    const vectors = new Array<AspectVectors>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const batch = order.slice(start, start + this.batchSize);
      const outputs = await this.runBatch(batch.map((index) => encoded[index]!.ids));
      batch.forEach((inputIndex, row) => {
        vectors[inputIndex] = outputs[row]!;
      });
    }
    return { vectors, truncated: encoded.map((e) => e.truncated) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }

  private async runBatch(idLists: number[][]): Promise<AspectVectors[]> {
    // An empty digest still needs one position; an all-padding row is what the model was trained
    // to see for "no tokens", and the output is checked below like any other.
    const seq = Math.max(1, ...idLists.map((ids) => ids.length));
    const data = new BigInt64Array(idLists.length * seq).fill(BigInt(PAD_ID));
    idLists.forEach((ids, row) => {
      for (let i = 0; i < ids.length; i++) data[row * seq + i] = BigInt(ids[i]!);
    });
    const input = new this.ort.Tensor('int64', data, [idLists.length, seq]);
    const results = await this.session.run({ input_ids: input });
    const dims = this.manifest.dims;
    const out: AspectVectors[] = idLists.map(() => ({}) as AspectVectors);
    for (const aspect of ASPECTS) {
      const tensor = results[aspect];
      if (!tensor || tensor.type !== 'float32' || tensor.dims.length !== 2 || tensor.dims[0] !== idLists.length || tensor.dims[1] !== dims) {
        throw new FacetError('MODEL', `model output ${aspect} has shape [${tensor?.dims.join(', ')}] (${tensor?.type}); expected float32 [${idLists.length}, ${dims}]`);
      }
      const values = tensor.data as Float32Array;
      for (let row = 0; row < idLists.length; row++) {
        out[row]![aspect] = normalised(values.slice(row * dims, (row + 1) * dims), aspect);
      }
    }
    for (const tensor of Object.values(results)) tensor.dispose();
    return out;
  }
}

/**
 * The model promises unit vectors; re-normalising costs nothing and keeps cosine = dot exact
 * after float32 export. A NaN, an infinity or a zero vector means a broken model: fail loudly.
 */
function normalised(vector: Float32Array, aspect: string): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (!Number.isFinite(sum) || sum === 0) {
    throw new FacetError('MODEL', `the model produced an invalid ${aspect} vector (${Number.isNaN(sum) ? 'NaN' : sum === 0 ? 'all zeros' : 'infinite'})`);
  }
  const norm = Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / norm;
  return vector;
}
