/**
 * `library.import`: one local-library source (PDF folder, Zotero data folder, identifier list)
 * read through core/library's readers and fed to the ingest pipeline (core/ingest), which
 * deduplicates, tags, embeds (with the truncation warning) and stores in batches.
 *
 * Promises:
 * - Each batch is one atomic table write; the source's checkpoint / sync state is committed in the
 *   pipeline's commit hook, after the batch is stored, and only through the items read before the
 *   batch was cut, so a crash or cancel redoes at most the unstored items.
 * - Records already stored are routed in the commit hook too: a changed Zotero item rewrites its
 *   paper (zotero-changes.ts), a fetched record fills its pending stub (stub-fill.ts).
 * - Cancelling (library.cancel, or the caller's signal) stores the records already read, commits,
 *   and resolves with `cancelled: true`; importing the same source again resumes.
 * - Pending identifier stubs are stored without vectors and never embedded (their title is an id).
 * - Network use: a MetadataFetcher exists only when the library's settings allow it
 *   (settings.set allowNetwork, metadata-source.ts). Then a fetched record whose identifier is
 *   stored as a pending stub fills that stub in place (stub-fill.ts) instead of counting as a
 *   duplicate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FacetError, type LibraryImportSummary, type LibrarySourceArg } from '../../common/contract.ts';
import { DedupGate, IngestPipeline, truncationWarning, unkeyedProblem } from '../ingest/index.ts';
import { type MetadataFetcher, WorkerPdfReader, openLibrarySource, pdfWorkerEntry, type LibraryProgress, type LibraryRecord, type OpenedLibrarySource } from '../library/index.ts';
import type { FacetEventEmitter } from './events.ts';
import { libraryPaperOf } from './library-paper.ts';
import { metadataFetcherFor, type MetadataFetchOverrides } from './metadata-source.ts';
import { storeLibraryBatchEnd, type CutMark } from './library-batch-end.ts';
import type { StubFillContext } from './stub-fill.ts';

/** Subfolder of the data folder with the checkpoints and Zotero sync state. */
export const LIBRARY_STATE_DIR = 'library-state';

export interface LibraryImportContext extends StubFillContext {
  dataDir: string;
  events: FacetEventEmitter;
  /** Where the metadata APIs are, for tests and mirrors (metadata-source.ts). */
  metadataFetch?: MetadataFetchOverrides;
  batchSize?: number;
}

export async function runLibraryImport(
  ctx: LibraryImportContext,
  source: LibrarySourceArg,
  importId: string,
  signal: AbortSignal,
): Promise<LibraryImportSummary> {
  const started = Date.now();
  const fetcher = source.kind.startsWith('identifiers') ? metadataFetcherFor(ctx.dataDir, ctx.metadataFetch ?? {}, signal) : undefined;
  const summary: LibraryImportSummary = {
    importId,
    kind: source.kind,
    source: '',
    parsed: 0,
    added: 0,
    duplicates: 0,
    skipped: 0,
    updated: 0,
    merged: 0,
    pending: 0,
    removed: 0,
    embedded: 0,
    titleOnly: 0,
    problems: [],
    cancelled: false,
    durationMs: 0,
  };
  // pdf.js runs in a worker thread (with a hard per-file limit) so a heavy PDF never blocks the
  // core's thread, which is Electron's main process in the app. Where the worker's entry is not
  // shipped (a bundle without pdf-worker.js), PDFs are read in this thread and the summary says so.
  let pdfReader: WorkerPdfReader | null = null;
  if (source.kind === 'pdf-folder') {
    if (fs.existsSync(fileURLToPath(pdfWorkerEntry()))) pdfReader = new WorkerPdfReader();
    else summary.problems.push({ source: source.path, line: null, record: null, severity: 'warning', message: `PDFs were read on the core's thread: the PDF worker ${fileURLToPath(pdfWorkerEntry())} is missing from this build` });
  }
  try {
    return await importWith(ctx, source, importId, signal, summary, fetcher, pdfReader, started);
  } finally {
    await pdfReader?.close();
  }
}

async function importWith(
  ctx: LibraryImportContext,
  source: LibrarySourceArg,
  importId: string,
  signal: AbortSignal,
  summary: LibraryImportSummary,
  fetcher: MetadataFetcher | undefined,
  pdfReader: WorkerPdfReader | null,
  started: number,
): Promise<LibraryImportSummary> {
  let lastProgress: LibraryProgress | null = null;
  const emitProgress = () => {
    const p = lastProgress;
    ctx.events.emit('library.onDidProgress', {
      importId,
      source: summary.source,
      done: p?.done ?? 0,
      total: p?.total ?? null,
      skipped: p?.skipped ?? 0,
      added: summary.added,
      ratePerSecond: p?.ratePerSecond ?? 0,
      etaSeconds: p?.etaSeconds ?? null,
    });
  };

  let opened: OpenedLibrarySource;
  try {
    opened = openLibrarySource(source, {
      stateDir: path.join(ctx.dataDir, LIBRARY_STATE_DIR),
      signal,
      autoCommit: false,
      onProgress: (progress) => {
        lastProgress = progress;
        emitProgress();
      },
      ...(fetcher ? { fetcher } : {}),
      ...(pdfReader ? { readPdf: pdfReader.read } : {}),
    });
  } catch (error) {
    throw new FacetError('IMPORT_FAILED', `cannot open the import's resume state: ${(error as Error).message}`);
  }
  const name = opened.name;
  summary.source = name;

  const gate = await DedupGate.open(ctx.store);
  const removedKeys: string[] = [];
  let changed: LibraryRecord[] = [];
  let fetched: LibraryRecord[] = [];
  const pipeline: IngestPipeline<LibraryRecord, CutMark> = new IngestPipeline<LibraryRecord, CutMark>({
    store: ctx.store,
    embedder: ctx.embedder,
    tagger: ctx.tagger,
    ...(ctx.batchSize !== undefined ? { batchSize: ctx.batchSize } : {}),
    commitEmptyBatches: true,
    isStub: (record) => record.pending === true,
    toPaper: (record, terms, vectors) => libraryPaperOf(record, name, terms, vectors),
    markCut: () => {
      const mark = { changed, fetched, resumeAt: opened.mark() };
      changed = [];
      fetched = [];
      return mark;
    },
    onCommit: async (batch) => {
      await storeLibraryBatchEnd({ ...ctx, embedder: pipeline.embedder }, name, batch, summary);
      // Everything read before this batch was cut is stored or was a duplicate/problem: durable progress.
      opened.commit(batch.mark.resumeAt);
      emitProgress();
    },
  });

  try {
    for await (const item of opened.items) {
      if (item.kind === 'problem') {
        summary.problems.push(item.problem);
        continue;
      }
      if (item.kind === 'removed') {
        summary.removed++;
        removedKeys.push(item.recordKey);
        continue;
      }
      const record = item.record;
      summary.parsed++;
      const verdict = gate.admit(record);
      if (verdict === 'unkeyed') {
        summary.problems.push(unkeyedProblem(name, record));
        continue;
      }
      if (verdict === 'new') {
        await pipeline.push(record);
        continue;
      }
      // A Zotero item yielded again was changed in Zotero (the sync state passes unchanged ones
      // over): it updates its stored paper when that paper came from the same Zotero item.
      if (record.recordKey?.startsWith('zotero:')) {
        gate.remember(record);
        changed.push(record);
        if (changed.length >= pipeline.batchSize) await pipeline.cut();
      } else if (fetcher && !record.pending) {
        gate.remember(record);
        fetched.push(record);
        if (fetched.length >= pipeline.batchSize) await pipeline.cut();
      } else summary.duplicates++;
    }
    await pipeline.finish();
  } catch (error) {
    if (!signal.aborted) {
      await pipeline.abandon();
      if (error instanceof FacetError) throw error;
      throw new FacetError('IMPORT_FAILED', `import of ${name} failed after ${summary.added} new papers: ${(error as Error).message}`);
    }
    // Cancelled: keep what was read (store it, then commit) so the next run starts after it.
    summary.cancelled = true;
    await pipeline.finish();
  }
  summary.skipped = (lastProgress as LibraryProgress | null)?.skipped ?? 0;
  if (removedKeys.length > 0) {
    const shown = removedKeys.slice(0, 10).join(', ');
    summary.problems.push({
      source: name,
      line: null,
      record: null,
      severity: 'warning',
      message: `${removedKeys.length} item(s) were deleted or trashed in Zotero since the last import and are kept in Facet: ${shown}${removedKeys.length > 10 ? ', …' : ''}`,
    });
  }
  const truncated = truncationWarning(name, pipeline.truncated, ctx.embedder);
  if (truncated) summary.problems.push(truncated);
  summary.durationMs = Date.now() - started;
  return summary;
}
