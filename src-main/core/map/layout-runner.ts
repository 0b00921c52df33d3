/**
 * Runs a layout job in its own worker thread, so UMAP and the placement of 100k papers never block
 * the event loop that serves requests (Electron main, the HTTP bridge). The worker is found like
 * the embedder's: `layout-worker-tsx.mjs` beside this file under tsx, `layout-worker.js` beside the
 * bundle (an entry of electron.vite.config.ts).
 */
import { Worker } from 'node:worker_threads';
import { FacetError } from '../../common/contract.ts';
import type { LayoutProgress } from './layout.ts';
import type { FromLayoutWorker, LayoutJob, LayoutResult } from './layout-protocol.ts';
import { runLayoutJob } from './layout-job.ts';

export type LayoutRunner = (job: LayoutJob, onProgress: LayoutProgress) => Promise<LayoutResult>;

export function layoutWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return new URL(moduleUrl.endsWith('.ts') ? './layout-worker-tsx.mjs' : './layout-worker.js', moduleUrl);
}

/** In the caller's thread: for unit tests and for jobs too small to be worth a thread. */
export const inlineLayoutRunner: LayoutRunner = runLayoutJob;

export function workerLayoutRunner(url: URL = layoutWorkerEntry()): LayoutRunner {
  return (job, onProgress) =>
    new Promise<LayoutResult>((resolve, reject) => {
      const worker = new Worker(url, { workerData: job, execArgv: [] });
      let settled = false;
      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        action();
        void worker.terminate();
      };
      worker.on('message', (message: FromLayoutWorker) => {
        if (message.type === 'progress') onProgress(message.phase, message.done, message.total);
        else if (message.type === 'done') finish(() => resolve({ positions: message.positions, landmarks: message.landmarks }));
        else finish(() => reject(new FacetError('INTERNAL', `the map layout failed: ${message.message}`)));
      });
      worker.on('error', (error) => finish(() => reject(new FacetError('INTERNAL', `the map layout worker failed: ${error.message}`))));
      worker.on('exit', (code) => finish(() => reject(new FacetError('INTERNAL', `the map layout worker exited early (code ${code})`))));
    });
}
