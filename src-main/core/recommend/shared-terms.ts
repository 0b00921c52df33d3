/**
 * Fills in the shared aspect terms and the reason of ranked items after ranking, from the papers'
 * tagged terms and text (through the NeighbourExplainer). The service uses this instead of the
 * synchronous `sharedTerms` option when it loads papers only for the items it returns and their
 * nearest liked papers.
 */
import type { Aspect } from '../../common/contract.ts';
import type { ComparedPaper, NeighbourExplainer } from '../aspects/neighbour-reason.ts';
import { reasonSentence } from './for-you.ts';
import type { ForYouItem } from './for-you.ts';

/** Ids whose papers `withSharedTerms` needs: the items and their nearest liked papers. */
export function idsNeedingTerms(items: readonly { id: string; why: ForYouItem['why'] | null }[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (!item.why) continue;
    ids.add(item.id);
    for (const liked of item.why.liked) ids.add(liked.id);
  }
  return [...ids].sort();
}

/**
 * Copies of the items with sharedTerms, aspectReason and reason filled in. A paper missing from
 * `papers` shares nothing; the generic aspect has no terms and keeps the closeness sentence only.
 */
export function withSharedTerms<T extends { id: string; why: ForYouItem['why'] | null }>(
  items: readonly T[],
  aspect: Aspect,
  papers: ReadonlyMap<string, ComparedPaper>,
  explainer: NeighbourExplainer,
): T[] {
  return items.map((item) => {
    if (!item.why) return item;
    const own = papers.get(item.id);
    if (!own || aspect === 'generic') return { ...item, why: { ...item.why, sharedTerms: [], reason: reasonSentence(aspect, item.why.liked, []) } };
    const liked = item.why.liked.flatMap((neighbour) => {
      const paper = papers.get(neighbour.id);
      return paper ? [paper] : [];
    });
    const explained = explainer.explainAgainst(own, liked, aspect);
    const closeness = reasonSentence(aspect, item.why.liked, []);
    return {
      ...item,
      why: { ...item.why, sharedTerms: explained.sharedTerms, aspectReason: explained.reason, reason: closeness === '' ? explained.reason : `${closeness}; ${explained.reason}` },
    };
  });
}
