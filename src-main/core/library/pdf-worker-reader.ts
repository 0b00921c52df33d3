/**
 * Reads PDFs in a worker thread, one at a time, with a hard time limit per file. pdf.js parses on
 * the thread that calls it; in a worker, a huge or malformed file cannot block the core, and a file
 * that takes longer than `hardTimeoutMs` is given up on by terminating the worker (a fresh one
 * starts for the next file). Pass `reader.read` as scanPdfFolder's `readPdf`.
 */
import { Worker } from 'node:worker_threads';
import type { ScanPdfFolderOptions } from './pdf-folder.ts';
import { problemOf, type LibraryItem } from './types.ts';

export type PdfReadOptions = Pick<ScanPdfFolderOptions, 'maxBytes' | 'maxPages' | 'timeoutMs'>;
export interface PdfReadRequest {
  id: number;
  filePath: string;
  size: number;
  options: PdfReadOptions;
}
export type PdfReadResponse = { id: number; items: LibraryItem[] } | { id: number; error: string };

export interface WorkerPdfReaderOptions {
  /** Per-file limit, after which the worker is terminated (default 120 s). */
  hardTimeoutMs?: number;
  /** The worker entry; defaults to the sibling pdf-worker (tsx shim under TypeScript sources). */
  workerUrl?: URL;
  /** Passed to every read. */
  readOptions?: PdfReadOptions;
}

/** The worker entry next to this module: the tsx shim when running from .ts sources. */
export function pdfWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return new URL(moduleUrl.endsWith('.ts') ? './pdf-worker-tsx.mjs' : './pdf-worker.js', moduleUrl);
}

export class WorkerPdfReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private busy = false;
  private closed = false;
  private readonly hardTimeoutMs: number;
  private readonly workerUrl: URL;

  constructor(private readonly options: WorkerPdfReaderOptions = {}) {
    this.hardTimeoutMs = options.hardTimeoutMs ?? 120_000;
    this.workerUrl = options.workerUrl ?? pdfWorkerEntry();
  }

  /** The items for one PDF. Never rejects for a bad file: timeouts and worker crashes become problems. */
  read = (filePath: string, size: number): Promise<LibraryItem[]> => {
    if (this.closed) return Promise.reject(new Error('WorkerPdfReader is closed'));
    if (this.busy) return Promise.reject(new Error('WorkerPdfReader reads one file at a time; await the previous read'));
    this.busy = true;
    const worker = (this.worker ??= this.startWorker());
    worker.ref();
    const id = this.nextId++;
    return new Promise<LibraryItem[]>((resolve) => {
      const finish = (items: LibraryItem[]) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        // An idle worker must not keep the process alive.
        worker.unref();
        this.busy = false;
        resolve(items);
      };
      const fail = (message: string) => {
        // The worker is in an unknown state: drop it; the next read starts a fresh one.
        if (this.worker === worker) this.worker = null;
        void worker.terminate();
        finish([{ kind: 'problem', problem: problemOf(filePath, 'error', message) }]);
      };
      const onMessage = (response: PdfReadResponse) => {
        if (response.id !== id) return;
        if ('error' in response) finish([{ kind: 'problem', problem: problemOf(filePath, 'error', `reading failed: ${response.error}`) }]);
        else finish(response.items);
      };
      const onError = (error: Error) => fail(`the PDF reader crashed on this file: ${error.message}`);
      const onExit = (code: number) => fail(`the PDF reader stopped (exit code ${code}) on this file`);
      const timer = setTimeout(() => fail(`gave up after ${seconds(this.hardTimeoutMs)}: the PDF reader did not finish this file`), this.hardTimeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, filePath, size, options: this.options.readOptions ?? {} } satisfies PdfReadRequest);
    });
  };

  private startWorker(): Worker {
    const worker = new Worker(this.workerUrl, { execArgv: [] });
    // A crash while idle only drops the worker (an unhandled 'error' would end the process).
    const drop = () => {
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    return worker;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
