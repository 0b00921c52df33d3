/**
 * `library.import`: one local-library source (PDF folder, Zotero data folder, identifier list)
 * streamed through H9's readers (core/library), deduplicated against the library, tagged, embedded
 * and stored in batches.
 *
 * Promises:
 * - Each batch is one atomic table write; the source's checkpoint / sync state is committed only
 *   after the batch is stored, so a crash or cancel redoes at most the unstored items.
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
import { FacetError, type ImportProblem, type LibraryImportSummary, type LibrarySourceArg } from '../../common/contract.ts';
import { dedupKeys, paperIdFor } from '../import/index.ts';
import { type MetadataFetcher, WorkerPdfReader, openLibrarySource, pdfWorkerEntry, type LibraryProgress, type LibraryRecord, type OpenedLibrarySource } from '../library/index.ts';
import type { NewPaper, PaperStore } from '../store/index.ts';
import type { AspectVectors } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';
import { IMPORT_BATCH_SIZE, paperFieldsOf } from './import-run.ts';
import { metadataFetcherFor, type MetadataFetchOverrides } from './metadata-source.ts';
import { fillStubs, pairWithStubs, type StubFillContext } from './stub-fill.ts';

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
  const batchSize = ctx.batchSize ?? IMPORT_BATCH_SIZE;
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
    return await importWith(ctx, source, importId, signal, summary, fetcher, pdfReader, started, batchSize);
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
  batchSize: number,
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
  summary.source = opened.name;

  await ctx.store.syncSequence();
  const knownKeys = await ctx.store.loadDedupKeys();
  const removedKeys: string[] = [];
  let batch: LibraryRecord[] = [];
  /** Already-known records that may be Zotero items changed since the last import. */
  let changed: LibraryRecord[] = [];
  /** Already-known fetched records that may fill stored pending stubs. */
  let fetched: LibraryRecord[] = [];

  const flush = async () => {
    if (batch.length > 0) {
      const records = batch;
      batch = [];
      await storeBatch(ctx, opened.name, records, summary);
    }
    if (changed.length > 0) {
      const records = changed;
      changed = [];
      await updateChanged(ctx, opened.name, records, summary);
    }
    if (fetched.length > 0) {
      const records = fetched;
      fetched = [];
      const { fills, unmatched } = await pairWithStubs(ctx.store, records);
      summary.merged += await fillStubs(ctx, fills);
      summary.updated += fills.length;
      summary.embedded += fills.length;
      summary.duplicates += unmatched.length;
    }
    // Everything handed out so far is stored or was a duplicate/problem: durable progress.
    opened.commit();
    emitProgress();
  };

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
      const keys = dedupKeys(record);
      if (keys.length === 0) {
        summary.problems.push(problemOf(opened.name, record, 'skipped: the record has no title, arXiv id or DOI'));
        continue;
      }
      if (keys.some((key) => knownKeys.has(key))) {
        // A Zotero item yielded again was changed in Zotero (the sync state passes unchanged ones
        // over): it updates its stored paper when that paper came from the same Zotero item.
        if (record.recordKey?.startsWith('zotero:')) {
          for (const key of keys) knownKeys.add(key);
          changed.push(record);
          if (changed.length >= batchSize) await flush();
        } else if (fetcher && !record.pending) {
          for (const key of keys) knownKeys.add(key);
          fetched.push(record);
          if (fetched.length >= batchSize) await flush();
        } else summary.duplicates++;
        continue;
      }
      for (const key of keys) knownKeys.add(key);
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (error) {
    if (!signal.aborted) {
      if (error instanceof FacetError) throw error;
      throw new FacetError('IMPORT_FAILED', `import of ${opened.name} failed after ${summary.added} new papers: ${(error as Error).message}`);
    }
    // Cancelled: keep what was read (store it, then commit) so the next run starts after it.
    summary.cancelled = true;
    await flush();
  }
  summary.skipped = (lastProgress as LibraryProgress | null)?.skipped ?? 0;
  if (removedKeys.length > 0) {
    const shown = removedKeys.slice(0, 10).join(', ');
    summary.problems.push({
      source: opened.name,
      line: null,
      record: null,
      severity: 'warning',
      message: `${removedKeys.length} item(s) were deleted or trashed in Zotero since the last import and are kept in Facet: ${shown}${removedKeys.length > 10 ? ', …' : ''}`,
    });
  }
  summary.durationMs = Date.now() - started;
  return summary;
}

/**
 * Rewrites stored papers from changed Zotero items: each one whose stored paper (same id) carries
 * the same Zotero record key. Re-embedded only when the title or abstract changed. Records whose
 * paper came from elsewhere count as duplicates.
 */
async function updateChanged(ctx: LibraryImportContext, sourceName: string, records: LibraryRecord[], summary: LibraryImportSummary): Promise<void> {
  const ids = records.map((record) => paperIdFor(record));
  const stored = new Map((await ctx.store.getMany(ids)).map((paper) => [paper.id, paper]));
  const updates: NewPaper[] = [];
  const toEmbed: { index: number; record: LibraryRecord }[] = [];
  for (const [i, record] of records.entries()) {
    const id = ids[i]!;
    const paper = stored.get(id);
    const identity = paper ? await ctx.store.identityOf(id) : null;
    if (!paper || !identity || identity.library.recordKey !== record.recordKey) {
      summary.duplicates++;
      continue;
    }
    const digestChanged = paper.title !== record.title || paper.abstract !== record.abstract;
    const update = newPaperOf(ctx, sourceName, record, null);
    update.dedupKeys = [...new Set([...identity.dedupKeys, ...update.dedupKeys])];
    if (digestChanged || !paper.embedded) toEmbed.push({ index: updates.length, record });
    else update.vectors = await storedVectors(ctx.store, id);
    updates.push(update);
  }
  if (toEmbed.length > 0) {
    const vectors = await ctx.embedder.embed(toEmbed.map(({ record }) => ({ title: record.title, abstract: record.abstract })));
    if (vectors.length !== toEmbed.length) throw new FacetError('MODEL', `the embedder returned ${vectors.length} vectors for ${toEmbed.length} papers`);
    toEmbed.forEach(({ index }, k) => {
      updates[index]!.vectors = vectors[k]!;
    });
    summary.embedded += toEmbed.length;
  }
  await ctx.store.replacePapers(updates);
  summary.updated += updates.length;
}

/** The four stored vectors of a paper (MODEL error when it has none yet). */
export async function storedVectors(store: PaperStore, id: string): Promise<AspectVectors> {
  const [generic, task, method, dataset] = await Promise.all([
    store.getVector(id, 'generic'),
    store.getVector(id, 'task'),
    store.getVector(id, 'method'),
    store.getVector(id, 'dataset'),
  ]);
  if (!generic || !task || !method || !dataset) throw new FacetError('MODEL', `paper ${JSON.stringify(id)} has no vectors yet (embedding is pending)`);
  return { generic, task, method, dataset };
}

function newPaperOf(ctx: LibraryImportContext, sourceName: string, record: LibraryRecord, vectors: AspectVectors | null): NewPaper {
  const pending = record.pending === true;
  return {
    ...paperFieldsOf(record, sourceName, pending ? { task: [], method: [], dataset: [] } : ctx.tagger.tag(record.title, record.abstract)),
    vectors,
    pending,
    ...(record.citationKey ? { citeKey: record.citationKey } : {}),
    library: {
      ...(record.filePath ? { filePath: record.filePath } : {}),
      ...(record.collections ? { collections: record.collections } : {}),
      ...(record.tags ? { tags: record.tags } : {}),
      ...(record.recordKey ? { recordKey: record.recordKey } : {}),
    },
  };
}

/** Tags and embeds the records with content, stores them with the pending stubs in one write. */
async function storeBatch(ctx: LibraryImportContext, sourceName: string, records: LibraryRecord[], summary: LibraryImportSummary): Promise<void> {
  const content = records.filter((record) => !record.pending);
  const vectors = content.length > 0 ? await ctx.embedder.embed(content.map((r) => ({ title: r.title, abstract: r.abstract }))) : [];
  if (vectors.length !== content.length) {
    throw new FacetError('MODEL', `the embedder returned ${vectors.length} vectors for ${content.length} papers`);
  }
  let next = 0;
  const papers: NewPaper[] = records.map((record) => newPaperOf(ctx, sourceName, record, record.pending ? null : vectors[next++]!));
  await ctx.store.addPapers(papers);
  summary.added += papers.length;
  summary.embedded += content.length;
  summary.pending += papers.length - content.length;
  summary.titleOnly += content.filter((r) => r.abstract.trim().length === 0).length;
}

function problemOf(source: string, record: LibraryRecord, message: string): ImportProblem {
  return { source, line: record.sourceLine, record: record.recordKey ?? (record.title || null), severity: 'warning', message };
}
