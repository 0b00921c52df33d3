/**
 * papers.search: every result matches the query, and says how.
 * - keyword: the full-text index's hits (BM25 over title + abstract), each with the words it matched;
 * - semantic: the papers whose generic vector is at least SEMANTIC_MIN_COSINE from the query's;
 * - hybrid: the union of both, ordered by reciprocal rank fusion of the two lists.
 * A query nothing matches gives no results in any mode.
 */
import type { SearchHit, SearchMatch, SearchMode } from '../../common/contract.ts';
import type { PaperStore, StoredHit } from '../store/index.ts';
import { reciprocalRankFusion } from '../store/rank-fusion.ts';
import { summaryOf } from '../service/paper-summary.ts';
import { matchedWords, queryStems } from './matched-words.ts';
import { SEMANTIC_MIN_COSINE } from './semantic-threshold.ts';

export interface SearchRequest {
  query: string;
  mode: SearchMode;
  limit: number;
}

export interface SearchOptions {
  /** Lowest cosine of a semantic match (default SEMANTIC_MIN_COSINE). */
  minCosine?: number;
}

/** How deep each list is read before fusing (hybrid) so that good hits of either list survive the cut. */
function fusionDepth(limit: number): number {
  return Math.max(limit * 2, 50);
}

export async function searchPapers(
  store: PaperStore,
  queryVector: (query: string) => Promise<Float32Array>,
  { query, mode, limit }: SearchRequest,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  const minCosine = options.minCosine ?? SEMANTIC_MIN_COSINE;
  const stems = queryStems(query);
  const depth = mode === 'hybrid' ? fusionDepth(limit) : limit;
  const [keyword, semantic] = await Promise.all([
    mode === 'semantic' ? Promise.resolve([] as StoredHit[]) : store.keyword(query, depth),
    mode === 'keyword' ? Promise.resolve([] as StoredHit[]) : queryVector(query).then((vector) => store.nearest(vector, 'generic', depth)),
  ]);
  const semanticHits = semantic.filter((hit) => hit.score >= minCosine);
  const similarity = new Map(semanticHits.map((hit) => [hit.paper.id, hit.score]));
  const keywordIds = new Set(keyword.map((hit) => hit.paper.id));
  const papers = new Map([...keyword, ...semanticHits].map((hit) => [hit.paper.id, hit.paper]));

  const order =
    mode === 'keyword'
      ? keyword.map((hit) => ({ id: hit.paper.id, score: hit.score }))
      : mode === 'semantic'
        ? semanticHits.map((hit) => ({ id: hit.paper.id, score: hit.score }))
        : reciprocalRankFusion([keyword.map((hit) => hit.paper.id), semanticHits.map((hit) => hit.paper.id)]);

  return order.slice(0, limit).map((entry, index): SearchHit => {
    const paper = papers.get(entry.id)!;
    const match: SearchMatch = {
      keyword: keywordIds.has(entry.id),
      words: keywordIds.has(entry.id) ? matchedWords(stems, `${paper.title}\n${paper.abstract}`) : [],
      semantic: similarity.has(entry.id),
      similarity: similarity.get(entry.id) ?? null,
    };
    return { paper: summaryOf(paper), score: entry.score, rank: index + 1, match, reason: matchReason(match) };
  });
}

/** "matches “contrastive”, “loss”", "semantic match", or both. */
export function matchReason(match: SearchMatch): string {
  const parts: string[] = [];
  if (match.keyword) {
    const shown = match.words.slice(0, 5).map((word) => `“${word}”`);
    parts.push(shown.length > 0 ? `matches ${shown.join(', ')}${match.words.length > 5 ? ` and ${match.words.length - 5} more` : ''}` : 'keyword match');
  }
  if (match.semantic) parts.push('semantic match');
  return parts.join(' · ');
}
