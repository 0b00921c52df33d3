/**
 * What the reading, recommend and export handlers share: the reading store (synced with other
 * processes before each request), the library's papers by id, and the cached aspect vectors
 * the ranker trains on. Built once by openReadingService (reading-handlers.ts).
 */
import { FacetError, type Aspect, type Paper, type ReadingState } from '../../common/contract.ts';
import type { NeighbourExplainer } from '../aspects/index.ts';
import type { ReadingStore } from '../reading/index.ts';
import type { LexicalSimilarity } from '../recommend/index.ts';
import type { PaperStore } from '../store/index.ts';

/** Ids per store lookup: keeps each `id IN (…)` filter small. */
const LOOKUP_CHUNK = 500;

export interface ReadingContext {
  store: PaperStore;
  reading: ReadingStore;
  /** Reads other processes' edits into `reading` (each changed paper is pushed as an event). */
  sync: () => void;
  /** One aspect's vector of every embedded paper, cached until the library's counts change. */
  vectorsFor: (aspect: Aspect) => Promise<Map<string, Float32Array>>;
  /** Stored papers by id; unknown ids are left out. */
  papersById: (ids: readonly string[]) => Promise<Map<string, Paper>>;
  /** Like papersById, but throws NOT_FOUND naming (up to five of) the ids not stored. */
  requirePapers: (ids: readonly string[]) => Promise<Map<string, Paper>>;
  explainer: () => Promise<NeighbourExplainer>;
  lexicon: () => Promise<LexicalSimilarity | undefined>;
}

export function paperLookups(store: PaperStore): Pick<ReadingContext, 'papersById' | 'requirePapers'> {
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
  return { papersById, requirePapers };
}

/** The ranker's training vectors, read once per aspect and kept until the paper or embedded count changes. */
export function cachedVectors(store: PaperStore): ReadingContext['vectorsFor'] {
  const cache = new Map<Aspect, { key: string; vectors: Map<string, Float32Array> }>();
  return async (aspect) => {
    const key = `${await store.count()}/${await store.countEmbedded()}`;
    const cached = cache.get(aspect);
    if (cached && cached.key === key) return cached.vectors;
    const vectors = await store.allVectors(aspect);
    cache.set(aspect, { key, vectors });
    return vectors;
  };
}

/** On the list: a status other than none, or tags, a note or a rating. "Not relevant" alone is feedback, not a list entry. */
export function isOnList(state: ReadingState): boolean {
  return state.status !== 'none' || state.tags.length > 0 || state.note !== '' || state.rating !== null;
}
