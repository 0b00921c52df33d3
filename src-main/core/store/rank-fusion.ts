/**
 * Reciprocal rank fusion: each list contributes 1 / (K + rank) for every item it ranks (rank from
 * 1). It needs no score calibration between BM25 and cosine, which live on unrelated scales.
 *
 * Why not LanceDB's `rerankers.RRFReranker` in a hybrid query (vector search + fullTextSearch +
 * rerank), compared on 400 synthetic papers and 5 queries, top 20 of a depth of 50:
 * - it counts ranks from 0, so `RRFReranker.create(61)` is what reproduces these scores
 *   (with 60 every score differed);
 * - with equal scores it orders papers its own way, while this breaks ties by id, so results are
 *   the same from run to run and testable: the top-20 order differed in 5 of 5 queries (in 4 of
 *   them only among papers with equal scores);
 * - a hybrid query applies one `where` to both sides, but the keyword list here also finds papers
 *   not embedded yet (pending re-embedding); only the semantic list is filtered by model.
 * Using it would change ranking results, so the fusion stays here.
 */
export const RRF_K = 60;

export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, index) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1));
    });
  }
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
