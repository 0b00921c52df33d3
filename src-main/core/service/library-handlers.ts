/**
 * The library.* handlers of issue 6 (library.import / cancel / duplicates / merge). Imports and
 * merges are writes, so they run on the service's write queue; cancel does not wait for it.
 */
import { randomUUID } from 'node:crypto';
import { FacetError, type RequestName } from '../../common/contract.ts';
import type { PaperStore } from '../store/index.ts';
import type { CoreHandlers, Embedder } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';
import type { Tagger } from './import-run.ts';
import { findDuplicates, mergeLibraryPapers } from './library-duplicates.ts';
import { runLibraryImport } from './library-import.ts';
import type { SerialQueue } from './serial-queue.ts';

export type LibraryRequestName = Extract<RequestName, 'library.import' | 'library.cancel' | 'library.duplicates' | 'library.merge'>;
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

  const handlers: LibraryHandlers = {
    'library.import': ({ source, importId: requested }) => {
      const importId = requested ?? randomUUID();
      if (running.has(importId)) return Promise.reject(new FacetError('BAD_REQUEST', `an import with id ${JSON.stringify(importId)} is already running`));
      // Registered before queueing, so a cancel that arrives while an earlier write runs still counts.
      const controller = new AbortController();
      running.set(importId, controller);
      return writes
        .run(async () => {
          if (options.isClosing()) throw new FacetError('INTERNAL', 'the library is closing');
          const summary = await runLibraryImport(options, source, importId, controller.signal);
          if (summary.added > 0 || summary.updated > 0) {
            await store.refreshIndexes();
            events.emit('library.onDidChange', { papers: await store.count() });
          }
          return summary;
        })
        .finally(() => running.delete(importId));
    },

    'library.cancel': async ({ importId }) => ({ cancelled: cancel(importId) }),

    'library.duplicates': ({ limit, minCosine }) => findDuplicates(store, limit, minCosine),

    'library.merge': ({ a, b, keep }) =>
      writes.run(async () => {
        if (options.isClosing()) throw new FacetError('INTERNAL', 'the library is closing');
        const result = await mergeLibraryPapers(options, a, b, keep);
        // The kept row was rewritten: fold it into the full-text index so keyword search finds it.
        await store.refreshIndexes();
        events.emit('library.onDidChange', { papers: await store.count() });
        return result;
      }),
  };
  return { handlers, cancelAll: () => cancel(undefined) };
}
