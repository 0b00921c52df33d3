/**
 * Why a paper is suggested, in words a reader uses: "Because you liked “A” and “B” (both about
 * contrastive learning)". No scores, no method names. The topics are the aspect terms the paper
 * shares with each liked paper it names (all three aspects for "overall"); terms shared with every
 * named paper are said once ("both about …"), otherwise each paper gets its own ("also about …").
 */
import type { Aspect, AspectTerms } from '../../common/contract.ts';

/** How many liked papers the sentence names; the rest are counted ("and 2 more"). */
export const NAMED_LIKED = 2;
/** How many topics one parenthesis lists. */
const TOPICS_SHOWN = 3;
const TITLE_CHARS = 60;

export interface LikedForExplanation {
  title: string;
  terms: AspectTerms;
}

/** The candidate's terms (its own spelling) that `other` also has, under the aspect (all aspects for generic). */
export function topicsShared(own: AspectTerms, other: AspectTerms, aspect: Aspect): string[] {
  const keys = aspect === 'generic' ? (['task', 'method', 'dataset'] as const) : ([aspect] as const);
  const theirs = new Set(keys.flatMap((key) => other[key].map((term) => term.toLowerCase())));
  const shared: string[] = [];
  for (const key of keys) {
    for (const term of own[key]) if (theirs.has(term.toLowerCase()) && !shared.some((seen) => seen.toLowerCase() === term.toLowerCase())) shared.push(term);
  }
  return shared;
}

function quoted(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= TITLE_CHARS) return `“${clean}”`;
  // Cut at a word boundary when one is near, so no word is left half-written.
  const cut = clean.slice(0, TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `“${(space > TITLE_CHARS * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,:;.-]+$/, '')}…”`;
}

/** Name lists mix "Large Language Model" with "imagenet-1k"; in a sentence, plain capitalised words read lower case (acronyms stay). */
function inSentence(topic: string): string {
  return topic.replace(/(^|\s)([A-Z][a-z]+(?:[-'][A-Za-z][a-z]*)*)(?=\s|$)/g, (_, space: string, word: string) => `${space}${word.toLowerCase()}`);
}

function topicList(topics: readonly string[]): string {
  const shown = topics.slice(0, TOPICS_SHOWN).map(inSentence);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * The sentence for one suggestion; '' when no liked paper explains it (nothing liked yet).
 * `liked` is nearest first.
 */
export function plainExplanation(own: AspectTerms, liked: readonly LikedForExplanation[], aspect: Aspect): string {
  if (liked.length === 0) return '';
  const named = liked.slice(0, NAMED_LIKED);
  const more = liked.length - named.length;
  const perPaper = named.map((paper) => topicsShared(own, paper.terms, aspect));
  const common = perPaper[0]!.filter((topic) => perPaper.every((topics) => topics.some((other) => other.toLowerCase() === topic.toLowerCase())));
  const moreText = more > 0 ? ` and ${more} more ${more === 1 ? 'paper' : 'papers'} you liked` : '';

  if (named.length === 1) {
    const topics = perPaper[0]!;
    return `Because you liked ${quoted(named[0]!.title)}${moreText}${topics.length > 0 ? ` (also about ${topicList(topics)})` : ''}`;
  }
  const titles = named.map((paper) => quoted(paper.title));
  if (common.length > 0) {
    const both = named.length === 2 && more === 0 ? 'both' : 'all';
    return `Because you liked ${titles.join(more > 0 ? ', ' : ' and ')}${moreText} (${both} about ${topicList(common)})`;
  }
  const parts = named.map((_, index) => `${titles[index]}${perPaper[index]!.length > 0 ? ` (also about ${topicList(perPaper[index]!)})` : ''}`);
  return `Because you liked ${parts.join(more > 0 ? ', ' : ' and ')}${moreText}`;
}
