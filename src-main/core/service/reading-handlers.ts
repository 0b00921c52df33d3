/**
 * The reading-list side of the core: reading state (reading.*, reading-state-handlers.ts), "For you"
 * and today's digest (recommend.*, recommend-handlers.ts) and exports (export.run,
 * export-handlers.ts), over one reading store, ranker and writers shared through reading-context.ts.
 *
 * - Reading state lives in `<dataDir>/reading/` (the reading store's journal), keyed by paper id,
 *   apart from the papers table: re-imports, model changes and re-embedding never touch it.
 * - Every change, made here or found in the journal from another process (polled every
 *   READING_POLL_MS), is pushed as `reading.onDidChange`.
 * - The ranker trains on one aspect's vectors of the whole library. They are read once per aspect
 *   and kept until the library's paper or embedded counts change (an import or re-embedding here
 *   or in another process).
 */
import type { RequestName } from '../../common/contract.ts';
import { TermFolding, lazyExplainer, type NeighbourExplainer } from '../aspects/index.ts';
import { openReadingStore, type ReadingStore } from '../reading/index.ts';
import type { LexicalSimilarity } from '../recommend/index.ts';
import type { PaperStore } from '../store/index.ts';
import type { CoreHandlers } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';
import { exportHandlers } from './export-handlers.ts';
import { cachedVectors, paperLookups, type ReadingContext } from './reading-context.ts';
import { readingStateHandlers } from './reading-state-handlers.ts';
import { recommendHandlers } from './recommend-handlers.ts';

/** How often edits made by other processes (the CLI beside the app) are looked for. */
export const READING_POLL_MS = 2000;

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

  const context: ReadingContext = {
    store,
    reading,
    sync,
    vectorsFor: cachedVectors(store),
    ...paperLookups(store),
    explainer: options.explainer ?? lazyExplainer(TermFolding.plain()),
    lexicon: async () => (options.lexicon ? await options.lexicon() : undefined),
  };
  const handlers: ReadingHandlers = { ...readingStateHandlers(context), ...recommendHandlers(context), ...exportHandlers(context) };

  return {
    handlers,
    close() {
      clearInterval(poll);
      stopForwarding();
      reading.close();
    },
  };
}
