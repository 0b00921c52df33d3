/** recommend.*: "For you", "not relevant" feedback and today's digest, each item explained against liked papers. */
import type { Aspect, DigestItem, LikedNeighbour, Paper, PaperSummary, Recommendation } from '../../common/contract.ts';
import { idsNeedingTerms, plainExplanation, rankDigest, rankForYou, withSharedTerms, type ForYouItem } from '../recommend/index.ts';
import type { CoreHandlers } from '../types.ts';
import { summaryOf } from './paper-summary.ts';
import type { ReadingContext } from './reading-context.ts';

export type RecommendHandlers = Pick<CoreHandlers, 'recommend.forYou' | 'recommend.notRelevant' | 'recommend.digest'>;

export function recommendHandlers(context: ReadingContext): RecommendHandlers {
  const { reading, sync, vectorsFor, papersById, requirePapers, explainer, lexicon } = context;
  return {
    'recommend.forYou': async ({ aspect, k, includeToRead }) => {
      sync();
      const vectors = await vectorsFor(aspect);
      const result = rankForYou({ aspect, vectors, reading: reading.snapshot(), options: { k, includeToRead }, lexicon: await lexicon() });
      const papers = await papersById(idsNeedingTerms(result.items));
      const items = withSharedTerms(result.items, aspect, papers, await explainer()).flatMap((item): Recommendation[] => {
        const paper = papers.get(item.id);
        if (!paper) return [];
        return [{ paper: summaryOf(paper), score: item.score, rank: item.rank, ...explainItem(item.id, item.why, papers, aspect) }];
      });
      return { aspect, method: result.method, positives: result.positives, negatives: result.negatives, candidates: result.candidates, items };
    },

    'recommend.notRelevant': async ({ id, notRelevant }) => {
      sync();
      await requirePapers([id]);
      return reading.set(id, { notRelevant });
    },

    'recommend.digest': async ({ ids, aspect, top }) => {
      sync();
      const known = await papersById([...new Set(ids)]);
      const inLibrary = ids.filter((id) => known.has(id));
      if (inLibrary.length === 0) return { aspect, method: 'none', items: [] };
      const vectors = await vectorsFor(aspect);
      const snapshot = reading.snapshot();
      const ranked = rankDigest({ aspect, ids: inLibrary, vectors, reading: snapshot, top, lexicon: await lexicon() });
      // A digest paper the person already liked is not explained by itself.
      const result = { ...ranked, items: ranked.items.map((item) => (item.why ? { ...item, why: { ...item.why, liked: item.why.liked.filter((liked) => liked.id !== item.id) } } : item)) };
      const likedPapers = await papersById(idsNeedingTerms(result.items).filter((id) => !known.has(id)));
      const papers = new Map([...known, ...likedPapers]);
      const items = withSharedTerms(result.items, aspect, papers, await explainer()).map((item): DigestItem => {
        const explained = item.why ? explainItem(item.id, item.why, papers, aspect) : { liked: [], sharedTerms: [], reason: null, explanation: null };
        return { paper: summaryOf(papers.get(item.id)!), score: item.score, rank: item.rank, top: item.top, ...explained, reading: snapshot.get(item.id) ?? null };
      });
      return { aspect, method: result.method, items };
    },
  };
}

/** Liked neighbours with their papers, a sentence naming the nearest by title, and the plain-words one. */
function explainItem(id: string, why: ForYouItem['why'], papers: ReadonlyMap<string, Paper>, aspect: Aspect) {
  const likedPapers = why.liked.flatMap((neighbour) => {
    const paper = papers.get(neighbour.id);
    return paper ? [{ paper, similarity: neighbour.similarity }] : [];
  });
  const liked: LikedNeighbour[] = likedPapers.map(({ paper, similarity }) => ({ paper: summaryOf(paper), similarity }));
  const own = papers.get(id)?.terms ?? { task: [], method: [], dataset: [] };
  const explanation = plainExplanation(own, likedPapers.map(({ paper }) => paper), aspect);
  return { liked, sharedTerms: why.sharedTerms, reason: reasonWithTitles(aspect, liked, why.aspectReason ?? ''), explanation };
}

/**
 * 'close to "Title" (0.82) and 2 more papers you liked; shared method: SimCLR'. `aspectReason` is
 * the explainer's sentence for the aspect (left out for generic, or when empty).
 */
export function reasonWithTitles(aspect: Aspect, liked: readonly LikedNeighbour[], aspectReason: string): string {
  const nearest = liked[0];
  if (!nearest) return '';
  const title = shortTitle(nearest.paper);
  const others = liked.length - 1;
  const closeTo = `close to “${title}” (${nearest.similarity.toFixed(2)})${others > 0 ? ` and ${others} more ${others === 1 ? 'paper' : 'papers'} you liked` : ', a paper you liked'}`;
  return aspect === 'generic' || aspectReason === '' ? closeTo : `${closeTo}; ${aspectReason}`;
}

function shortTitle(paper: PaperSummary): string {
  return paper.title.length > 80 ? `${paper.title.slice(0, 77).trimEnd()}…` : paper.title;
}
