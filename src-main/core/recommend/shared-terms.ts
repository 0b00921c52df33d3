/**
 * Fills in the shared aspect terms of ranked items after ranking, from the papers' tagged terms
 * (Paper.terms) and the aspect tagger's sharedTerms. The service uses this instead of the
 * synchronous `sharedTerms` option when it loads terms only for the items it returns and their
 * nearest liked papers.
 */
import type { Aspect, AspectTerms } from '../../common/contract.ts';
import { sharedTerms } from '../aspects/reason.ts';
import { reasonSentence } from './for-you.ts';
import type { ForYouItem } from './for-you.ts';

/** Ids whose terms `withSharedTerms` needs: the items and their nearest liked papers. */
export function idsNeedingTerms(items: readonly { id: string; why: ForYouItem['why'] | null }[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (!item.why) continue;
    ids.add(item.id);
    for (const liked of item.why.liked) ids.add(liked.id);
  }
  return [...ids].sort();
}

/** Copies of the items with sharedTerms and reason filled in (papers without terms share none). */
export function withSharedTerms<T extends { id: string; why: ForYouItem['why'] | null }>(items: readonly T[], aspect: Aspect, terms: ReadonlyMap<string, AspectTerms>): T[] {
  return items.map((item) => {
    if (!item.why) return item;
    const own = terms.get(item.id);
    const shared: string[] = [];
    if (own && aspect !== 'generic') {
      for (const liked of item.why.liked) {
        const other = terms.get(liked.id);
        if (!other) continue;
        for (const term of sharedTerms(own, other, aspect)) if (!shared.includes(term)) shared.push(term);
      }
    }
    return { ...item, why: { ...item.why, sharedTerms: shared, reason: reasonSentence(aspect, item.why.liked, shared) } };
  });
}
