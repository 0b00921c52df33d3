/**
 * Worker-thread entry for WorkerPdfReader: reads one PDF per message with readOnePdf and posts the
 * items back. Runs pdf.js off the caller's thread, so a long or stuck file never blocks the core.
 */
import { parentPort } from 'node:worker_threads';
import { readOnePdf } from './pdf-folder.ts';
import type { PdfReadRequest, PdfReadResponse } from './pdf-worker-reader.ts';

const port = parentPort;
if (!port) throw new Error('pdf-worker.ts must run in a worker thread');
port.on('message', (request: PdfReadRequest) => {
  readOnePdf(request.filePath, request.size, request.options).then(
    (items) => port.postMessage({ id: request.id, items } satisfies PdfReadResponse),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies PdfReadResponse),
  );
});
