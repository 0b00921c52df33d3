/**
 * openFacet(): the core every front end (CLI, HTTP bridge, Electron shell) talks to. It implements
 * one handler per request of the contract, and pushes the contract's events.
 *
 * Layout of a data folder: `<dataDir>/library/` holds the LanceDB table and the store's meta file;
 * `<dataDir>/reading/` the reading list's journal (service/reading-handlers.ts), kept apart so that
 * re-imports, model changes and re-embedding never touch it.
 *
 * Writes (imports, re-embedding after a model change) run one at a time; reads run freely.
 * Errors reach the caller as FacetError (NOT_FOUND, MODEL, IMPORT_FAILED, …), never as empty results.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FacetError, type FacetEvents, type ModelInfo, type Neighbour, type Paper } from '../common/contract.ts';
import { TermFolding, lazyExplainer, type NeighbourExplainer } from './aspects/index.ts';
import { LazyAspectTagger } from './aspects/lazy-tagger.ts';
import { hybridSimilar } from './similarity/hybrid-similar.ts';
import { LibraryLexicon } from './similarity/library-lexicon.ts';
import { resolveModelDir } from './data-dir.ts';
import { LazyEmbedder } from './embed/lazy-embedder.ts';
import { PaperStore } from './store/index.ts';
import { LibraryLock } from './store/library-lock.ts';
import { searchPapers } from './search/search-papers.ts';
import type { CoreHandlers, Embedder } from './types.ts';
import { FacetEventEmitter } from './service/events.ts';
import type { Tagger } from './ingest/index.ts';
import { runImport } from './service/import-run.ts';
import { summaryOf } from './service/paper-summary.ts';
import { openReadingService, type ReadingService } from './service/reading-handlers.ts';
import { openLibraryService } from './service/library-handlers.ts';
import { metadataOverridesFromEnv, type MetadataFetchOverrides } from './service/metadata-source.ts';
import { openSettingsHandlers } from './service/settings-handlers.ts';
import { openAspectHandlers } from './service/aspect-handlers.ts';
import { openPaperEdits } from './service/paper-edits.ts';
import { paperLinks } from './service/paper-links.ts';
import { reembedPending } from './service/reembed.ts';
import { LibraryWriteQueue } from './service/library-writes.ts';
import { INDEX_REPAIR_ID, healIndexes, repairDuplicatesIfChanged } from './service/library-upkeep.ts';
import { openMapService, type LayoutRunner } from './map/index.ts';

export interface OpenFacetOptions {
  /** Folder for the library (created if missing). */
  dataDir: string;
  /** The model folder; default: resolveModelDir() (FACET_MODEL_DIR, else the one under resources/models). */
  modelDir?: string;
  /** The tagger's name lists; default: resources/aspects. */
  aspectsDir?: string;
  /** Where the embedding worker's entry is, when the default lookup does not fit (see embed/worker-embedder.ts). */
  workerUrl?: URL;
  /** Use this embedder instead of loading the ONNX model. Unit tests pass a fake one; nothing else should. */
  embedder?: Embedder;
  /** Use this tagger instead of loading the name lists (unit tests). */
  tagger?: Tagger;
  /** Papers per atomic write during import and re-embedding. */
  batchSize?: number;
  /**
   * Where the arXiv and Crossref APIs are and how requests are paced (tests point these at a local
   * server). Default: the public APIs, or FACET_ARXIV_API_URL / FACET_CROSSREF_API_URL. Whether the
   * network is used at all is the library's setting (settings.set allowNetwork), never this.
   */
  metadataFetch?: MetadataFetchOverrides;
  /** Longest wait for another process's write before failing with BUSY (default: 10 min, or FACET_WRITER_WAIT_MS). */
  writerWaitMs?: number;
  /** Where map layouts run; default: a worker thread per layout (unit tests run them inline). */
  mapLayoutRunner?: LayoutRunner;
  /**
   * Build the library's lexical index in the background soon after opening (once the first page
   * of the library has been served), so the first "more like this" does not wait for it. For
   * long-lived processes (the app, browser mode); a one-shot CLI command builds it only when a
   * command needs it.
   */
  warmSimilarity?: boolean;
}

export interface FacetCore {
  handlers: CoreHandlers;
  events: FacetEvents;
  /** Resolves once background work started so far (re-embedding after a model change) has finished. */
  idle(): Promise<void>;
  /** Finishes the write in flight, stops background work, releases the model and the table. */
  close(): Promise<void>;
}

/** With warmSimilarity, the lexical index starts building this long after opening if no page of the library was asked for first. */
const WARM_UP_DELAY_MS = 2_000;

/** Imports adding at least this many papers stop the model worker before the index phase. */
const RELEASE_MODEL_BEFORE_INDEXING = 10_000;

/** Subfolder of the data folder holding the LanceDB database. */
export const LIBRARY_DIR = 'library';

export async function openFacet(options: OpenFacetOptions): Promise<FacetCore> {
  const dataDir = path.resolve(options.dataDir);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new FacetError('INTERNAL', `cannot create the data folder ${dataDir}: ${(error as Error).message}`);
  }
  // The ONNX worker starts on the first text to embed (an import, a semantic query, re-embedding),
  // so opening a library to read it never loads the model.
  const embedder = options.embedder ?? new LazyEmbedder(resolveModelDir({ modelDir: options.modelDir }), { workerUrl: options.workerUrl });
  const events = new FacetEventEmitter();
  let closing = false;
  const libraryDir = path.join(dataDir, LIBRARY_DIR);
  // Every write, from this process or another, holds the library's writer lock (see library-writes.ts).
  const writes = new LibraryWriteQueue({ lock: new LibraryLock(libraryDir), events, isClosing: () => closing, waitMs: options.writerWaitMs });
  let store: PaperStore;
  let tagger: Tagger;
  let reading: ReadingService;
  let explainer: () => Promise<NeighbourExplainer>;
  let lexicalIndex: LibraryLexicon;
  try {
    // The name lists are read now; the tagger's matchers are built on the first paper to tag.
    const openedTagger = options.tagger ?? (await LazyAspectTagger.load(options.aspectsDir));
    tagger = openedTagger;
    explainer = lazyExplainer(() => openedTagger.folding ?? TermFolding.plain(), options.aspectsDir);
    store = (await PaperStore.open(libraryDir, { id: embedder.info.id, dims: embedder.info.dims }, { exclusive: (purpose, write) => writes.exclusive(purpose, write) })).store;
    writes.attach(store);
    lexicalIndex = new LibraryLexicon(store);
    const lexicon = lexicalIndex;
    try {
      reading = openReadingService({ dataDir, store, events, explainer, lexicon: () => lexicon.current() });
    } catch (error) {
      await store.close();
      throw error;
    }
  } catch (error) {
    await embedder.close();
    throw error;
  }

  const batchSize = options.batchSize;

  // Rows duplicated by older versions, and indexes a killed process left missing or stale, are
  // repaired now in the background, unless another process is writing (its import heals them).
  writes
    .runIfFree('library upkeep', async () => {
      const repaired = await repairDuplicatesIfChanged(store);
      if (repaired.rowsRemoved > 0) {
        console.error(`facet: merged ${repaired.rowsRemoved} duplicate rows of ${repaired.ids} papers left by an older version`);
        events.emit('library.onDidChange', { papers: await store.count() });
      }
      await healIndexes(store, {
        onRebuild: () => events.emit('library.onDidProgress', indexRepairProgress(0)),
        onHealthy: () => events.emit('library.onDidProgress', indexRepairProgress(1)),
      });
    })
    .catch((error: unknown) => console.error(`facet: library upkeep stopped: ${(error as Error).message}`));

  const reembed = () => writes.run(() => reembedPending(store, embedder, events, () => closing, batchSize));
  // Papers left without vectors (model changed, or an earlier re-embedding stopped) are picked up
  // now, in the background; the failure, if any, surfaces on the next write (which retries).
  if ((await store.countPending()) > 0) {
    reembed().catch((error: unknown) => console.error(`facet: re-embedding stopped: ${(error as Error).message}`));
  }

  const queryVector = async (query: string): Promise<Float32Array> => {
    const [vectors] = await embedder.embed([{ title: query, abstract: '' }]);
    if (!vectors) throw new FacetError('MODEL', 'the embedder returned no vector for the query');
    return vectors.generic;
  };

  const library = openLibraryService({
    dataDir,
    store,
    embedder,
    tagger,
    events,
    writes,
    reading: reading.handlers,
    isClosing: () => closing,
    metadataFetch: { ...metadataOverridesFromEnv(), ...options.metadataFetch },
    batchSize,
  });
  const settings = openSettingsHandlers(dataDir, events);
  const paperEdits = openPaperEdits({ dataDir, store, embedder, tagger, events, writes, reading: reading.handlers, isClosing: () => closing });

  const map = openMapService({ dataDir, source: store, modelId: embedder.info.id, dims: embedder.info.dims, events, runner: options.mapLayoutRunner });
  const aspectHandlers = openAspectHandlers({ store, lexicon: lexicalIndex, explainer, lexicalWeight: embedder.info.lexicalWeight ?? {}, aspects: embedder.info.aspects });
  // The warm-up is CPU work on this thread: it starts once the first page of the library has been
  // served (or WARM_UP_DELAY_MS after opening when none is asked for), so the window's first paint
  // never waits behind it.
  let warmUpPending = options.warmSimilarity === true;
  const startWarmUp = () => {
    if (!warmUpPending || closing) return;
    warmUpPending = false;
    clearTimeout(warmUpTimer);
    lexicalIndex.warmUp();
  };
  const warmUpTimer = warmUpPending ? setTimeout(startWarmUp, WARM_UP_DELAY_MS).unref() : undefined;

  const handlers: CoreHandlers = {
    'papers.list': async ({ offset, limit, sort }) => {
      const page = await store.list(offset, limit, sort);
      // After this answer has gone out.
      if (warmUpPending) setImmediate(startWarmUp);
      return page;
    },

    'papers.get': async ({ id }) => {
      const paper = (await store.get(id)) ?? (await paperWithSourceKey(store, id));
      return { ...paper, links: paperLinks(paper) };
    },

    'papers.search': (args) => searchPapers(store, queryVector, args),

    'papers.similar': async ({ id, aspect, k, within }) => {
      // One lookup for the source (its vector and only the columns shown or explained), the ranking,
      // then one read of the neighbours' shown columns.
      const [stored, lexicon, explain] = await Promise.all([store.neighbourSource(id, aspect), lexicalIndex.current(), explainer()]);
      if (!stored) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
      const source = stored.paper;
      const hits = await hybridSimilar(store, lexicon, embedder.info.lexicalWeight?.[aspect] ?? 0, { id, aspect, k, within }, stored.vector);
      const papers = new Map((await store.neighbourPapers(hits.map((hit) => hit.id))).map((paper) => [paper.id, paper]));
      return hits.flatMap((hit, index): Neighbour[] => {
        const paper = papers.get(hit.id);
        if (!paper) return [];
        const { sharedTerms, reason } = explain.explain(source, paper, aspect);
        return [{ paper: summaryOf(paper), score: hit.score, rank: index + 1, sharedTerms, reason }];
      });
    },

    'import.run': ({ sources }) =>
      writes.run(async () => {
        if (closing) throw new FacetError('INTERNAL', 'the library is closing');
        // Papers still without vectors get them before new ones arrive (and a failure shows here).
        await reembedPending(store, embedder, events, () => closing, batchSize);
        const importId = randomUUID();
        const started = Date.now();
        const summary = await runImport({ store, embedder, tagger, events, batchSize }, sources, importId);
        const last = summary.sources[summary.sources.length - 1] ?? '';
        // How long the index build takes is not known ahead: no count to show, only the phase.
        const indexing = () => events.emit('import.onDidProgress', { importId, source: last, phase: 'index', done: 0, total: null });
        if (summary.added > 0) {
          indexing();
          // Building the indexes of a large import needs memory the idle model worker holds; it
          // starts again on the next text to embed.
          if (summary.added >= RELEASE_MODEL_BEFORE_INDEXING && embedder instanceof LazyEmbedder) await embedder.release();
          await store.refreshIndexes();
        }
        // Also after an import that added nothing: what a killed import left unindexed is rebuilt.
        await healIndexes(store, { onRebuild: summary.added > 0 ? undefined : indexing });
        summary.durationMs = Date.now() - started;
        events.emit('import.onDidProgress', { importId, source: last, phase: 'done', done: summary.added, total: summary.added });
        events.emit('import.onDidFinish', summary);
        if (summary.added > 0) events.emit('library.onDidChange', { papers: await store.count() });
        return summary;
      }, 'import'),

    'library.stats': async () => {
      // pendingEmbedding leaves out identifier stubs (metadata pending), which are never embedded.
      const [papers, embedded, titleOnly, pendingEmbedding] = await Promise.all([store.count(), store.countEmbedded(), store.countTitleOnly(), store.countPending()]);
      return { papers, embedded, pendingEmbedding, titleOnly, dataDir, model: modelInfo(embedder.info) };
    },

    'model.info': async () => modelInfo(embedder.info),

    ...reading.handlers,

    ...library.handlers,

    ...settings,

    ...aspectHandlers,
    ...paperEdits,
    ...map.handlers,
  };

  let closed: Promise<void> | null = null;
  return {
    handlers,
    events,
    idle: () => writes.idle(),
    close: () => {
      closed ??= (async () => {
        closing = true;
        clearTimeout(warmUpTimer);
        library.cancelAll();
        await writes.idle();
        await map.idle();
        await lexicalIndex.settled();
        reading.close();
        events.clear();
        await store.close();
        await embedder.close();
      })();
      return closed;
    },
  };
}

/** Progress of the open-time index repair (0 = started, 1 = done), on the library's progress event. */
function indexRepairProgress(done: number) {
  return { importId: INDEX_REPAIR_ID, source: 'search indexes', done, total: 1, skipped: 0, added: 0, ratePerSecond: 0, etaSeconds: null };
}

function modelInfo(info: ModelInfo): ModelInfo {
  return { ...info, aspects: [...info.aspects], ...(info.lexicalWeight ? { lexicalWeight: { ...info.lexicalWeight } } : {}) };
}

/**
 * The paper a reference names when it is no paper's id: the one that came with it as its source key
 * (a JSON record's id, a BibTeX key, …). A key two papers came with is refused as ambiguous.
 */
async function paperWithSourceKey(store: PaperStore, ref: string): Promise<Paper> {
  const ids = await store.idsWithSourceKey(ref, 3);
  if (ids.length > 1) throw new FacetError('BAD_REQUEST', `${JSON.stringify(ref)} is the source key of several papers (${ids.slice(0, 2).join(', ')}${ids.length > 2 ? ', …' : ''}): use a paper id`);
  const paper = ids[0] === undefined ? null : await store.get(ids[0]);
  if (!paper) throw new FacetError('NOT_FOUND', `no paper with id or source key ${JSON.stringify(ref)}`);
  return paper;
}
