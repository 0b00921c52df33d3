/**
 * The library.* handlers (library.import / cancel / resolvePending / matchTitles / duplicates /
 * notDuplicate / merge). Imports, stub filling and merges are writes, so they run on the
 * service's write queue; cancel does not wait for it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { FacetError, type RequestName } from '../../common/contract.ts';
import type { PaperStore } from '../store/index.ts';
import type { CoreHandlers, Embedder } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';
import type { Tagger } from '../ingest/index.ts';
import { findDuplicates, mergeLibraryPapers } from './library-duplicates.ts';
import { LIBRARY_STATE_DIR, runLibraryImport } from './library-import.ts';
import type { MetadataFetchOverrides } from './metadata-source.ts';
import { NotDuplicateList } from './not-duplicates.ts';
import { healIndexes } from './library-upkeep.ts';
import { resolvePendingStubs } from './resolve-pending.ts';
import type { SerialQueue } from './serial-queue.ts';
import { matchTitlesOnArxiv } from './title-match-run.ts';

export type LibraryRequestName = Extract<
  RequestName,
  'library.import' | 'library.cancel' | 'library.resolvePending' | 'library.matchTitles' | 'library.duplicates' | 'library.notDuplicate' | 'library.merge'
>;
export type LibraryHandlers = Pick<CoreHandlers, LibraryRequestName>;

export interface LibraryServiceOptions {
  dataDir: string;
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
  events: FacetEventEmitter;
  writes: SerialQueue;
  reading: Pick<CoreHandlers, 'reading.get' | 'reading.set'>;
  isClosing: () => boolean;
  /** Where the metadata APIs are (tests, mirrors); see metadata-source.ts. */
  metadataFetch: MetadataFetchOverrides;
  batchSize?: number;
}

export interface LibraryService {
  handlers: LibraryHandlers;
  /** Cancels every running import (on close); resolves nothing itself: the write queue drains. */
  cancelAll(): number;
}

export function openLibraryService(options: LibraryServiceOptions): LibraryService {
  const { store, events, writes } = options;
  const running = new Map<string, AbortController>();
  const cancel = (importId: string | undefined): number => {
    let count = 0;
    for (const [id, controller] of running) {
      if (importId !== undefined && id !== importId) continue;
      if (!controller.signal.aborted) {
        controller.abort(new Error('cancelled'));
        count++;
      }
    }
    return count;
  };

  /** Runs a cancellable write under `importId` (registered before queueing, so an early cancel still counts). */
  const cancellable = <T>(requested: string | undefined, work: (importId: string, signal: AbortSignal) => Promise<T>): Promise<T> => {
    const importId = requested ?? randomUUID();
    if (running.has(importId)) return Promise.reject(new FacetError('BAD_REQUEST', `an import with id ${JSON.stringify(importId)} is already running`));
    const controller = new AbortController();
    running.set(importId, controller);
    return writes
      .run(async () => {
        if (options.isClosing()) throw new FacetError('INTERNAL', 'the library is closing');
        return work(importId, controller.signal);
      })
      .finally(() => running.delete(importId));
  };
  const afterRewrite = async () => {
    await store.refreshIndexes();
    events.emit('library.onDidChange', { papers: await store.count() });
  };
  const notDuplicates = NotDuplicateList.in(path.join(options.dataDir, LIBRARY_STATE_DIR));

  const handlers: LibraryHandlers = {
    'library.import': ({ source, importId }) =>
      cancellable(importId, async (id, signal) => {
        const summary = await runLibraryImport(options, source, id, signal);
        if (summary.added > 0 || summary.updated > 0) await afterRewrite();
        // Nothing changed: still rebuild indexes a killed run may have left missing or stale.
        else await healIndexes(store);
        return summary;
      }),

    'library.resolvePending': ({ importId, limit }) =>
      cancellable(importId, async (id, signal) => {
        const summary = await resolvePendingStubs(options, id, limit, signal);
        if (summary.filled > 0) await afterRewrite();
        return summary;
      }),

    'library.matchTitles': ({ importId, limit }) =>
      cancellable(importId, async (id, signal) => {
        const summary = await matchTitlesOnArxiv(options, id, limit, signal);
        if (summary.matched > 0) await afterRewrite();
        return summary;
      }),

    'library.cancel': async ({ importId }) => ({ cancelled: cancel(importId) }),

    'library.duplicates': ({ limit, minCosine }) => findDuplicates(store, limit, minCosine, notDuplicates.keys()),

    'library.notDuplicate': async ({ a, b, undo }) => {
      if (!undo) {
        const found = await store.getMany([a, b]);
        for (const id of [a, b]) if (!found.some((paper) => paper.id === id)) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
      }
      const changed = notDuplicates.set(a, b, !undo);
      return { a, b, notDuplicate: !undo, changed };
    },

    'library.merge': ({ a, b, keep }) =>
      writes.run(async () => {
        if (options.isClosing()) throw new FacetError('INTERNAL', 'the library is closing');
        const result = await mergeLibraryPapers(options, a, b, keep);
        // The kept row was rewritten: fold it into the full-text index so keyword search finds it.
        await afterRewrite();
        return result;
      }),
  };
  return { handlers, cancelAll: () => cancel(undefined) };
}
