/**
 * PDF folder import: walks a folder tree and streams one record (or one problem) per PDF.
 * One file is read at a time, so memory stays bounded however many PDFs there are. Scanned PDFs
 * without text, encrypted, broken, empty, oversized and unreadable files and symbolic link loops
 * become problems; the run goes on. Cancel with `signal` (the generator throws the abort reason
 * after flushing the checkpoint); resume by passing the same `checkpoint` again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileCheckpoint } from './checkpoint.ts';
import { describe, walkFiles } from './file-walk.ts';
import { metadataFromPdfText } from './pdf-metadata.ts';
import { PdfReadError, readPdfText } from './pdf-text.ts';
import { ProgressMeter } from './progress.ts';
import { problemOf, type LibraryItem, type ProgressListener } from './types.ts';

export interface ScanPdfFolderOptions {
  signal?: AbortSignal;
  /** Files for which this returns true are passed over (counted as skipped in progress). */
  skip?: (filePath: string, mtimeMs: number, size: number) => boolean;
  /** Skips files it has as done and records each file once its item has been taken. */
  checkpoint?: FileCheckpoint;
  onProgress?: ProgressListener;
  /** Count the PDFs first so progress has a total and an ETA (one extra walk; default true). */
  countFirst?: boolean;
  /** Larger files are reported and not read (default 256 MiB). */
  maxBytes?: number;
  /** Pages read for title and abstract (default 2). */
  maxPages?: number;
  /** A file still unread after this is reported and skipped (default 60 s; see readPdfText). */
  timeoutMs?: number;
  /**
   * Reads one file into items; defaults to readOnePdf in this thread. Pass a WorkerPdfReader's
   * `read` to keep pdf.js off the caller's thread with a hard per-file limit.
   */
  readPdf?: (filePath: string, size: number) => Promise<LibraryItem[]>;
}

export const DEFAULT_MAX_PDF_BYTES = 256 * 1024 * 1024;
const PDF_EXTENSIONS = ['.pdf'];

export async function* scanPdfFolder(dir: string, options: ScanPdfFolderOptions = {}): AsyncGenerator<LibraryItem> {
  const { signal, checkpoint } = options;
  const meter = new ProgressMeter(options.onProgress);
  const skip = (filePath: string, mtimeMs: number, size: number) =>
    (checkpoint?.isDone(filePath, mtimeMs, size) ?? false) || (options.skip?.(filePath, mtimeMs, size) ?? false);

  try {
    if (options.countFirst ?? true) {
      let total = 0;
      for await (const item of walkFiles(dir, { extensions: PDF_EXTENSIONS, ...(signal ? { signal } : {}) })) if (item.kind === 'file') total++;
      meter.setTotal(total);
    }
    for await (const item of walkFiles(dir, { extensions: PDF_EXTENSIONS, ...(signal ? { signal } : {}) })) {
      signal?.throwIfAborted();
      if (item.kind === 'problem') {
        yield item;
        continue;
      }
      if (skip(item.path, item.mtimeMs, item.size)) {
        meter.tick(true);
        continue;
      }
      const items = options.readPdf ? await options.readPdf(item.path, item.size) : await readOnePdf(item.path, item.size, options);
      for (const result of items) {
        yield result;
        // The consumer asked for more: it has handled this item.
        signal?.throwIfAborted();
      }
      checkpoint?.markDone(item.path, item.mtimeMs, item.size);
      meter.tick();
    }
    meter.finish();
  } finally {
    checkpoint?.flush();
  }
}

/** The items for one PDF: its record (with warnings before it), or one problem. */
export async function readOnePdf(filePath: string, size: number, options: Pick<ScanPdfFolderOptions, 'maxBytes' | 'maxPages' | 'timeoutMs'> = {}): Promise<LibraryItem[]> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PDF_BYTES;
  if (size === 0) return [problemItem(filePath, 'error', 'empty file (0 bytes)')];
  if (size > maxBytes) return [problemItem(filePath, 'error', `file is ${(size / 1048576).toFixed(0)} MiB, over the ${(maxBytes / 1048576).toFixed(0)} MiB limit: not read`)];
  let data: Uint8Array;
  try {
    data = new Uint8Array(await fs.promises.readFile(filePath));
  } catch (error) {
    return [problemItem(filePath, 'error', `cannot read file: ${describe(error)}`)];
  }
  if (!startsWithPdfHeader(data)) return [problemItem(filePath, 'error', 'not a PDF (no %PDF- header in its first kilobyte)')];
  let text;
  try {
    text = await readPdfText(data, options.maxPages ?? 2, options.timeoutMs);
  } catch (error) {
    const message = error instanceof PdfReadError ? error.message : `pdf.js failed: ${describe(error)}`;
    return [problemItem(filePath, 'error', message)];
  }
  if (text.lines.length === 0) {
    return [problemItem(filePath, 'error', `no text layer on its first ${Math.min(text.pageCount, options.maxPages ?? 2)} page(s) (a scanned PDF?): run OCR on it to import it`)];
  }
  const { record, warnings } = metadataFromPdfText(text, path.basename(filePath));
  record.filePath = filePath;
  record.recordKey = path.basename(filePath);
  const items: LibraryItem[] = warnings.map((warning) => ({ kind: 'problem', problem: problemOf(filePath, 'warning', warning, record.title) }));
  items.push({ kind: 'record', record });
  return items;
}

function problemItem(filePath: string, severity: 'error' | 'warning', message: string): LibraryItem {
  return { kind: 'problem', problem: problemOf(filePath, severity, message) };
}

function startsWithPdfHeader(data: Uint8Array): boolean {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}
