/** reading.*: a paper's reading state, the reading list page and its tags. */
import type { ReadingListItem, ReadingState } from '../../common/contract.ts';
import { buildScorer } from '../recommend/index.ts';
import type { CoreHandlers } from '../types.ts';
import { summaryOf } from './paper-summary.ts';
import { isOnList, type ReadingContext } from './reading-context.ts';

export type ReadingStateHandlers = Pick<CoreHandlers, 'reading.set' | 'reading.setMany' | 'reading.get' | 'reading.list' | 'reading.tags'>;

export function readingStateHandlers(context: ReadingContext): ReadingStateHandlers {
  const { reading, sync, vectorsFor, papersById, requirePapers, lexicon } = context;
  return {
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
  };
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
