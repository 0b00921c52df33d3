/**
 * The reading-list side of the core: reading state (reading.*), "For you" and today's digest
 * (recommend.*) and exports (export.run), over H8's reading store, ranker and writers.
 *
 * - Reading state lives in `<dataDir>/reading/` (the reading store's journal), keyed by paper id,
 *   apart from the papers table: re-imports, model changes and re-embedding never touch it.
 * - Every change, made here or found in the journal from another process (polled every
 *   READING_POLL_MS), is pushed as `reading.onDidChange`.
 * - The ranker trains on one aspect's vectors of the whole library. They are read once per aspect
 *   and kept until the library's paper or embedded counts change (an import or re-embedding here
 *   or in another process).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  FacetError,
  type Aspect,
  type DigestItem,
  type ExportFormat,
  type ExportSelection,
  type LikedNeighbour,
  type Paper,
  type PaperSummary,
  type ReadingListItem,
  type ReadingState,
  type Recommendation,
  type RequestName,
} from '../../common/contract.ts';
import { TermFolding, lazyExplainer, type NeighbourExplainer } from '../aspects/index.ts';
import { EXPORT_EXTENSIONS, exportPapers } from '../export/index.ts';
import { openReadingStore, type ReadingStore } from '../reading/index.ts';
import { buildScorer, idsNeedingTerms, plainExplanation, rankDigest, rankForYou, withSharedTerms, type ForYouItem, type LexicalSimilarity } from '../recommend/index.ts';
import type { PaperStore } from '../store/index.ts';
import type { CoreHandlers } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';
import { summaryOf } from './paper-summary.ts';

/** How often edits made by other processes (the CLI beside the app) are looked for. */
export const READING_POLL_MS = 2000;
/** Ids per store lookup: keeps each `id IN (…)` filter small. */
const LOOKUP_CHUNK = 500;

export type ReadingRequestName = Extract<RequestName, `reading.${string}` | `recommend.${string}` | `export.${string}`>;
export type ReadingHandlers = Pick<CoreHandlers, ReadingRequestName>;

export interface ReadingService {
  handlers: ReadingHandlers;
  /** Stops polling and compacts the journal. */
  close(): void;
}

export interface ReadingServiceOptions {
  dataDir: string;
  store: PaperStore;
  events: FacetEventEmitter;
  /** Where journal warnings go (torn or unreadable lines); default stderr. */
  onWarning?: (message: string) => void;
  pollMs?: number;
  /** Explains recommendations against liked papers; default: spelling-only folding. */
  explainer?: () => Promise<NeighbourExplainer>;
  /** The library's lexical index, current with the store (the lexical part of For you and the digest ranking). */
  lexicon?: () => Promise<LexicalSimilarity>;
}

export function openReadingService(options: ReadingServiceOptions): ReadingService {
  const { store, events } = options;
  const explainer = options.explainer ?? lazyExplainer(TermFolding.plain());
  const lexicon = async () => (options.lexicon ? await options.lexicon() : undefined);
  const reading: ReadingStore = openReadingStore(options.dataDir, {
    onWarning: options.onWarning ?? ((message) => console.error(`facet: reading list: ${message}`)),
  });
  const stopForwarding = reading.onDidChange((change) =>
    events.emit('reading.onDidChange', { paperId: change.paperId, current: change.current, external: change.external }),
  );
  /**
   * Other processes' edits, before every request and every READING_POLL_MS. The store finds
   * appends and compactions alike (by the journal's generation) and reports each changed paper
   * through onDidChange, which the listener above forwards.
   */
  const sync = () => {
    reading.refresh();
  };
  const poll = setInterval(() => {
    try {
      sync();
    } catch (error) {
      console.error(`facet: reading list: could not read other processes' edits: ${(error as Error).message}`);
    }
  }, options.pollMs ?? READING_POLL_MS);
  poll.unref();

  const vectorCache = new Map<Aspect, { key: string; vectors: Map<string, Float32Array> }>();
  const vectorsFor = async (aspect: Aspect): Promise<Map<string, Float32Array>> => {
    const key = `${await store.count()}/${await store.countEmbedded()}`;
    const cached = vectorCache.get(aspect);
    if (cached && cached.key === key) return cached.vectors;
    const vectors = await store.allVectors(aspect);
    vectorCache.set(aspect, { key, vectors });
    return vectors;
  };

  const papersById = async (ids: readonly string[]): Promise<Map<string, Paper>> => {
    const found = new Map<string, Paper>();
    for (let start = 0; start < ids.length; start += LOOKUP_CHUNK) {
      for (const paper of await store.getMany(ids.slice(start, start + LOOKUP_CHUNK))) found.set(paper.id, paper);
    }
    return found;
  };

  const requirePapers = async (ids: readonly string[]): Promise<Map<string, Paper>> => {
    const found = await papersById(ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      const shown = missing.slice(0, 5).map((id) => JSON.stringify(id)).join(', ');
      throw new FacetError('NOT_FOUND', `no paper with id ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
    }
    return found;
  };

  /** Liked neighbours with their papers, a sentence naming the nearest by title, and the plain-words one. */
  const explainItem = (id: string, why: ForYouItem['why'], papers: ReadonlyMap<string, Paper>, aspect: Aspect) => {
    const likedPapers = why.liked.flatMap((neighbour) => {
      const paper = papers.get(neighbour.id);
      return paper ? [{ paper, similarity: neighbour.similarity }] : [];
    });
    const liked: LikedNeighbour[] = likedPapers.map(({ paper, similarity }) => ({ paper: summaryOf(paper), similarity }));
    const own = papers.get(id)?.terms ?? { task: [], method: [], dataset: [] };
    const explanation = plainExplanation(own, likedPapers.map(({ paper }) => paper), aspect);
    return { liked, sharedTerms: why.sharedTerms, reason: reasonWithTitles(aspect, liked, why.aspectReason ?? ''), explanation };
  };

  const handlers: ReadingHandlers = {
    'reading.set': async ({ id, patch }) => {
      sync();
      await requirePapers([id]);
      return reading.set(id, patch);
    },

    'reading.setMany': async ({ ids, patch }) => {
      sync();
      const unique = [...new Set(ids)];
      await requirePapers(unique);
      // One journal write (and fsync) for all of them, and one event per paper.
      return reading.setMany(unique, patch);
    },

    'reading.get': async ({ id }) => {
      sync();
      return reading.get(id);
    },

    'reading.list': async ({ status, tag, minRating, includeNone, sort, aspect, offset, limit }) => {
      sync();
      let states = reading.list({ status, tag, minRating });
      if (!includeNone && status === undefined) states = states.filter(isOnList);
      const scores = new Map<string, number>();
      if (sort === 'relevance') {
        const vectors = await vectorsFor(aspect);
        const scorer = buildScorer({ vectors, reading: reading.snapshot(), lexicon: await lexicon() });
        if (scorer.method !== 'none') {
          for (const state of states) {
            const vector = vectors.get(state.paperId);
            if (vector) scores.set(state.paperId, scorer.score(vector, state.paperId));
          }
        }
      }
      states = sortStates(states, sort, scores);
      const page = states.slice(offset, offset + limit);
      const papers = await papersById(page.map((state) => state.paperId));
      const items: ReadingListItem[] = page.map((state) => {
        const paper = papers.get(state.paperId);
        return { reading: state, paper: paper ? summaryOf(paper) : null, score: scores.get(state.paperId) ?? null };
      });
      return { total: states.length, offset, items };
    },

    'reading.tags': async () => {
      sync();
      const counts = new Map<string, number>();
      for (const state of reading.snapshot().values()) for (const tag of state.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
    },

    'recommend.forYou': async ({ aspect, k, includeToRead }) => {
      sync();
      const vectors = await vectorsFor(aspect);
      const result = rankForYou({ aspect, vectors, reading: reading.snapshot(), options: { k, includeToRead }, lexicon: await lexicon() });
      const papers = await papersById(idsNeedingTerms(result.items));
      const items = withSharedTerms(result.items, aspect, papers, await explainer()).flatMap((item): Recommendation[] => {
        const paper = papers.get(item.id);
        if (!paper) return [];
        return [{ paper: summaryOf(paper), score: item.score, rank: item.rank, ...explainItem(item.id, item.why, papers, aspect) }];
      });
      return { aspect, method: result.method, positives: result.positives, negatives: result.negatives, candidates: result.candidates, items };
    },

    'recommend.notRelevant': async ({ id, notRelevant }) => {
      sync();
      await requirePapers([id]);
      return reading.set(id, { notRelevant });
    },

    'recommend.digest': async ({ ids, aspect, top }) => {
      sync();
      const known = await papersById([...new Set(ids)]);
      const inLibrary = ids.filter((id) => known.has(id));
      if (inLibrary.length === 0) return { aspect, method: 'none', items: [] };
      const vectors = await vectorsFor(aspect);
      const snapshot = reading.snapshot();
      const ranked = rankDigest({ aspect, ids: inLibrary, vectors, reading: snapshot, top, lexicon: await lexicon() });
      // A digest paper the person already liked is not explained by itself.
      const result = { ...ranked, items: ranked.items.map((item) => (item.why ? { ...item, why: { ...item.why, liked: item.why.liked.filter((liked) => liked.id !== item.id) } } : item)) };
      const likedPapers = await papersById(idsNeedingTerms(result.items).filter((id) => !known.has(id)));
      const papers = new Map([...known, ...likedPapers]);
      const items = withSharedTerms(result.items, aspect, papers, await explainer()).map((item): DigestItem => {
        const explained = item.why ? explainItem(item.id, item.why, papers, aspect) : { liked: [], sharedTerms: [], reason: null, explanation: null };
        return { paper: summaryOf(papers.get(item.id)!), score: item.score, rank: item.rank, top: item.top, ...explained, reading: snapshot.get(item.id) ?? null };
      });
      return { aspect, method: result.method, items };
    },

    'export.run': async ({ format, selection, path: target, includeAbstract, withReadingState, includeDismissed }) => {
      sync();
      const snapshot = reading.snapshot();
      const keepDismissed = includeDismissed || (selection.kind === 'reading' && selection.status?.includes('dismissed') === true);
      const ids = selectionIds(reading, selection).filter((id) => keepDismissed || !isDismissed(snapshot.get(id)));
      const [papers, sources] = await Promise.all([papersById(ids), store.sourceRecordsOf(ids)]);
      const items = ids.flatMap((id) => {
        const paper = papers.get(id);
        return paper ? [{ paper: { ...paper, source: sources.get(id) ?? null }, reading: snapshot.get(id) ?? null }] : [];
      });
      const title = selection.kind === 'reading' ? 'Reading list' : 'Papers';
      const text = exportPapers(items, format, { includeAbstract, title, withReadingState });
      const bytes = Buffer.byteLength(text, 'utf8');
      const fileName = exportFileName(selection, format);
      if (target !== undefined) {
        const written = path.resolve(target);
        writeTextAtomic(written, text);
        return { format, count: items.length, path: written, text: null, bytes, fileName };
      }
      return { format, count: items.length, path: null, text, bytes, fileName };
    },
  };

  return {
    handlers,
    close() {
      clearInterval(poll);
      stopForwarding();
      reading.close();
    },
  };
}

/** Dismissed, or marked "not relevant": left out of exports unless asked for. */
function isDismissed(state: ReadingState | undefined): boolean {
  return state !== undefined && (state.status === 'dismissed' || state.notRelevant);
}

/** On the list: a status other than none, or tags, a note or a rating. "Not relevant" alone is feedback, not a list entry. */
function isOnList(state: ReadingState): boolean {
  return state.status !== 'none' || state.tags.length > 0 || state.note !== '' || state.rating !== null;
}

function sortStates(states: ReadingState[], sort: string, scores: ReadonlyMap<string, number>): ReadingState[] {
  const byUpdated = (a: ReadingState, b: ReadingState) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.paperId.localeCompare(b.paperId));
  const sorted = [...states];
  if (sort === 'added') sorted.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : byUpdated(a, b)));
  else if (sort === 'rating') sorted.sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0) || byUpdated(a, b));
  else if (sort === 'relevance') sorted.sort((a, b) => (scores.get(b.paperId) ?? -Infinity) - (scores.get(a.paperId) ?? -Infinity) || byUpdated(a, b));
  else sorted.sort(byUpdated);
  return sorted;
}

function selectionIds(reading: ReadingStore, selection: ExportSelection): string[] {
  if (selection.kind === 'ids') return [...new Set(selection.ids)];
  const states = reading.list({ status: selection.status, tag: selection.tag, minRating: selection.minRating });
  return (selection.status === undefined ? states.filter(isOnList) : states).map((state) => state.paperId);
}

function exportFileName(selection: ExportSelection, format: ExportFormat): string {
  const base = selection.kind === 'reading' ? ['facet-reading-list', ...(selection.status ?? []), selection.tag ? 'tagged' : ''].filter(Boolean).join('-') : 'facet-papers';
  return `${base}.${EXPORT_EXTENSIONS[format]}`;
}

/**
 * 'close to "Title" (0.82) and 2 more papers you liked; shared method: SimCLR'. `aspectReason` is
 * the explainer's sentence for the aspect (left out for generic, or when empty).
 */
export function reasonWithTitles(aspect: Aspect, liked: readonly LikedNeighbour[], aspectReason: string): string {
  const nearest = liked[0];
  if (!nearest) return '';
  const title = shortTitle(nearest.paper);
  const others = liked.length - 1;
  const closeTo = `close to “${title}” (${nearest.similarity.toFixed(2)})${others > 0 ? ` and ${others} more ${others === 1 ? 'paper' : 'papers'} you liked` : ', a paper you liked'}`;
  return aspect === 'generic' || aspectReason === '' ? closeTo : `${closeTo}; ${aspectReason}`;
}

function shortTitle(paper: PaperSummary): string {
  return paper.title.length > 80 ? `${paper.title.slice(0, 77).trimEnd()}…` : paper.title;
}

/** Writes the whole text or nothing: a temp file in the same folder, fsync'd, renamed over the target. */
function writeTextAtomic(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    const fd = fs.openSync(temporary, 'w');
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    throw new FacetError('BAD_REQUEST', `cannot write the export to ${file}: ${(error as Error).message}`);
  }
}
