/**
 * A fake core for bridge tests only: records the (validated) arguments each handler received and
 * lets a test push events. It is never used outside test/unit.
 */
import { FacetError, type EventListener, type EventName, type EventPayloads, type FacetEvents, type ModelInfo, type PaperSummary, type Aspect, type PaperMap } from '../../../src-main/common/contract.ts';
import type { CoreHandlers } from '../../../src-main/core/types.ts';

export const fakeModel: ModelInfo = {
  id: 'fake',
  name: 'Fake model',
  dims: 4,
  aspects: ['generic', 'task', 'method', 'dataset'],
  provisional: true,
  description: 'test double',
};

export function fakePaper(index: number): PaperSummary {
  return {
    id: `p${index}`,
    title: `Paper ${index}`,
    authors: [],
    year: 2020,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    titleOnly: false,
    importedAt: '2026-01-01T00:00:00.000Z',
  };
}

export interface FakeCore {
  handlers: CoreHandlers;
  events: FacetEvents;
  calls: { method: string; args: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  listenerCount(): number;
}

function emptyMap(aspect: Aspect): PaperMap {
  return { aspect, modelId: 'fake', ids: [], titles: [], x: [], y: [], regions: [], landmarks: 0, addedSinceLayout: 0, laidOutAt: '2026-01-01T00:00:00.000Z', layoutMs: 0 };
}

export function createFakeCore(): FakeCore {
  const calls: { method: string; args: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const record = (method: string, args: unknown) => calls.push({ method, args });
  const handlers: CoreHandlers = {
    'papers.list': async (args) => {
      record('papers.list', args);
      const items = Array.from({ length: Math.min(args.limit, 3) }, (_, i) => fakePaper(args.offset + i));
      return { total: 3, offset: args.offset, items };
    },
    'papers.get': async (args) => {
      record('papers.get', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.id}`);
    },
    'papers.search': async (args) => {
      record('papers.search', args);
      return [];
    },
    'papers.similar': async (args) => {
      record('papers.similar', args);
      throw new Error('vector index exploded');
    },
    'import.run': async (args) => {
      record('import.run', args);
      return {
        importId: 'i1',
        sources: args.sources.map((source) => (source.kind === 'file' ? source.path : source.name)),
        parsed: 0,
        added: 0,
        duplicates: 0,
        titleOnly: 0,
        embedded: 0,
        problems: [],
        durationMs: 1,
      };
    },
    'library.stats': async (args) => {
      record('library.stats', args);
      return { papers: 0, embedded: 0, pendingEmbedding: 0, titleOnly: 0, dataDir: '/tmp/x', model: fakeModel };
    },
    'model.info': async (args) => {
      record('model.info', args);
      return fakeModel;
    },
    // The reading list of this fake is always empty; edits fail like an unknown paper would.
    'reading.set': async (args) => {
      record('reading.set', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.id}`);
    },
    'reading.setMany': async (args) => {
      record('reading.setMany', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.ids[0]}`);
    },
    'reading.get': async (args) => {
      record('reading.get', args);
      return null;
    },
    'reading.list': async (args) => {
      record('reading.list', args);
      return { total: 0, offset: args.offset, items: [] };
    },
    'reading.tags': async (args) => {
      record('reading.tags', args);
      return [];
    },
    'recommend.forYou': async (args) => {
      record('recommend.forYou', args);
      return { aspect: args.aspect, method: 'none', positives: 0, negatives: 0, candidates: 0, items: [] };
    },
    'recommend.notRelevant': async (args) => {
      record('recommend.notRelevant', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.id}`);
    },
    'recommend.digest': async (args) => {
      record('recommend.digest', args);
      return { aspect: args.aspect, method: 'none', items: [] };
    },
    'export.run': async (args) => {
      record('export.run', args);
      return { format: args.format, count: 0, path: null, text: '', bytes: 0, fileName: 'facet-papers.bib' };
    },
    'library.import': async (args) => {
      record('library.import', args);
      throw new FacetError('IMPORT_FAILED', 'the fake core imports nothing');
    },
    'library.cancel': async (args) => {
      record('library.cancel', args);
      return { cancelled: 0 };
    },
    'library.duplicates': async (args) => {
      record('library.duplicates', args);
      return [];
    },
    'library.merge': async (args) => {
      record('library.merge', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.a}`);
    },
    'library.resolvePending': async (args) => {
      record('library.resolvePending', args);
      throw new FacetError('BAD_REQUEST', 'the fake core has network use off');
    },
    'library.matchTitles': async (args) => {
      record('library.matchTitles', args);
      throw new FacetError('BAD_REQUEST', 'the fake core has network use off');
    },
    'library.notDuplicate': async (args) => {
      record('library.notDuplicate', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.a}`);
    },
    'settings.get': async (args) => {
      record('settings.get', args);
      return { allowNetwork: false, crossrefMailto: null };
    },
    'settings.set': async (args) => {
      record('settings.set', args);
      return { allowNetwork: args.allowNetwork ?? false, crossrefMailto: args.crossrefMailto ?? null };
    },
    'papers.crossAspect': async (args) => {
      record('papers.crossAspect', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.id}`);
    },
    'papers.compare': async (args) => {
      record('papers.compare', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.a}`);
    },
    'papers.delete': async (args) => {
      record('papers.delete', args);
      return { deleted: args.ids, undoToken: 'fake-undo', readingKept: 0 };
    },
    'papers.restore': async (args) => {
      record('papers.restore', args);
      return { restored: [], alreadyPresent: [] };
    },
    'papers.update': async (args) => {
      record('papers.update', args);
      throw new FacetError('NOT_FOUND', `no paper with id ${args.id}`);
    },
    'map.get': async (args) => {
      record('map.get', args);
      return emptyMap(args.aspect);
    },
    'map.recompute': async (args) => {
      record('map.recompute', args);
      return emptyMap(args.aspect);
    },
  };
  return {
    handlers,
    calls,
    events: {
      on<E extends EventName>(event: E, listener: EventListener<E>) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        const wrapped = listener as (payload: unknown) => void;
        set.add(wrapped);
        return () => set.delete(wrapped);
      },
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount() {
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
  };
}
