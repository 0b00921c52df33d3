/**
 * Worker-thread entry: owns the one OnnxEmbedder (and so the one InferenceSession) and answers
 * embed requests one at a time. Started by WorkerEmbedder; see worker-embedder.ts for how the
 * entry file is found under tsx and when bundled.
 */
// First: refuses to go on unless the parent turned ONNX Runtime telemetry off.
import './ort-telemetry-off.ts';
import { parentPort, workerData } from 'node:worker_threads';
import { ASPECTS, FacetError } from '../../common/contract.ts';
import { OnnxEmbedder } from './onnx-embedder.ts';
import type { FromWorker, PackedVectors, ToWorker, WorkerInit } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('embed-worker.ts must run in a worker thread');

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

const init = workerData as WorkerInit;
let embedder: OnnxEmbedder;
try {
  embedder = await OnnxEmbedder.load(init.modelDir, { batchSize: init.batchSize, threads: init.threads });
  send({ type: 'ready', info: embedder.info, maxTokens: embedder.maxTokens });
} catch (error) {
  const wire = FacetError.toWire(error);
  send({ type: 'init-failed', code: wire.code, message: wire.message });
  port.close();
  process.exit(0);
}

// Requests run strictly one after another: the session is not shared between concurrent runs.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(async () => {
    if (message.type === 'close') {
      await embedder.close();
      send({ type: 'closed' });
      port.close();
      return;
    }
    try {
      const report = await embedder.embedWithReport(message.texts);
      const dims = embedder.info.dims;
      const packed = {} as PackedVectors;
      for (const aspect of ASPECTS) {
        const flat = new Float32Array(report.vectors.length * dims);
        report.vectors.forEach((vectors, row) => flat.set(vectors[aspect], row * dims));
        packed[aspect] = flat;
      }
      send(
        { type: 'result', requestId: message.requestId, vectors: packed, truncated: report.truncated },
        ASPECTS.map((aspect) => packed[aspect].buffer as ArrayBuffer),
      );
    } catch (error) {
      const wire = FacetError.toWire(error);
      send({ type: 'failed', requestId: message.requestId, code: wire.code, message: wire.message });
    }
  });
});
