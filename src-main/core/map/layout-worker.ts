/** Worker-thread entry of the map layout: one job per worker, given as workerData. */
import { parentPort, workerData } from 'node:worker_threads';
import { runLayoutJob } from './layout-job.ts';
import type { FromLayoutWorker, LayoutJob } from './layout-protocol.ts';

const port = parentPort;
if (!port) throw new Error('layout-worker.ts must run in a worker thread');
const post = (message: FromLayoutWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const result = await runLayoutJob(workerData as LayoutJob, (phase, done, total) => post({ type: 'progress', phase, done, total }));
  const transfer = [result.positions.buffer as ArrayBuffer, ...(result.landmarks ? [result.landmarks.buffer as ArrayBuffer] : [])];
  post({ type: 'done', positions: result.positions, landmarks: result.landmarks }, transfer);
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
