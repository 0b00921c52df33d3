/**
 * Matching a paper known only by its title (a digest entry without an arXiv id or DOI) to arXiv's
 * record of it. The query asks arXiv for the title as a phrase; an answer counts only when its
 * title is the same paper's title: equal once normalised, or word sets with a Dice coefficient of
 * at least MIN_TITLE_MATCH and the same length within one word either way. A near miss is left
 * unmatched rather than filled with another paper's metadata.
 */
import { normaliseTitle } from '../import/index.ts';
import { titleSimilarity } from './duplicates.ts';
import type { LibraryRecord } from './types.ts';

/** Dice over title words; high, because a wrong match would overwrite a paper's metadata. */
export const MIN_TITLE_MATCH = 0.9;
/** Answers asked for per title: the same paper is first or near it when the phrase matches. */
export const TITLE_QUERY_RESULTS = 5;
/** Shorter titles ("Attention", "BERT") name too many papers to be matched by title alone. */
export const MIN_TITLE_WORDS = 4;

/** The arXiv API `search_query` for a title, or null when the title is too short to match on. */
export function arxivTitleQuery(title: string): string | null {
  const words = titleWordList(title);
  if (words.length < MIN_TITLE_WORDS) return null;
  // Quotes make a phrase; everything but letters, digits and spaces is dropped so the query
  // syntax (AND, parentheses, colons) cannot be formed by a title.
  return `ti:"${words.join(' ')}"`;
}

/** The answer that is the same paper as `title`, best first; null when none is close enough. */
export function bestTitleMatch(title: string, candidates: readonly LibraryRecord[]): LibraryRecord | null {
  const wanted = titleWordList(title);
  let best: { record: LibraryRecord; score: number } | null = null;
  for (const record of candidates) {
    const got = titleWordList(record.title);
    const score = got.join(' ') === wanted.join(' ') ? 1 : titleSimilarity(title, record.title);
    if (score < MIN_TITLE_MATCH || Math.abs(got.length - wanted.length) > 1) continue;
    if (best === null || score > best.score) best = { record, score };
  }
  return best?.record ?? null;
}

/** The title's words once normalised (normaliseTitle), in order, repeats kept. */
function titleWordList(title: string): string[] {
  return normaliseTitle(title).split(' ').filter((word) => word !== '');
}
