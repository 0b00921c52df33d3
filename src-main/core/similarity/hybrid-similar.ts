/**
 * Paper-to-paper similarity under one aspect: the lexical cosine over the library's own TF-IDF and
 * the dense cosine of the aspect vectors, fused as
 *
 *   score = w * lexical + (1 - w) * dense,
 *
 * w being the model's lexical weight for the aspect (chosen on dev splits when the model was built).
 * Both cosines are absolute, so a score means the same for every query paper.
 *
 * Candidates: up to EXACT_MAX_PAPERS every embedded paper is scored (exact). Above it, the union of
 * the dense ANN's and the lexical index's best CANDIDATE_FACTOR * k (at least MIN_CANDIDATES)
 * papers is scored exactly; a paper outside both lists would need a high score on the side where it
 * ranked low.
 *
 * The lexical side is an in-process index rather than LanceDB's full-text index: with a whole paper
 * as the query, LanceDB's BM25 search took longer than the whole fused ranking here (bench/similar.ts
 * measures both), and it scores by BM25 rather than a cosine, so its scores are not on one scale.
 */
import { FacetError, type Aspect } from '../../common/contract.ts';
import type { PaperStore } from '../store/index.ts';
import { dot } from '../util/vectors.ts';
import type { LexicalIndex, LexicalScores } from './lexical-index.ts';

export const EXACT_MAX_PAPERS = 5_000;
export const CANDIDATE_FACTOR = 5;
export const MIN_CANDIDATES = 200;

export interface FusedHit {
  id: string;
  score: number;
  lexical: number;
  dense: number;
}

export interface SimilarQuery {
  id: string;
  aspect: Aspect;
  k: number;
  within?: readonly string[];
}

/** The fused score; exported so tests and the benchmark state the formula once. */
export function fuse(lexicalWeight: number, lexical: number, dense: number): number {
  return lexicalWeight * lexical + (1 - lexicalWeight) * dense;
}

/** `vector` is the query paper's aspect vector when the caller has read it already. */
export async function hybridSimilar(
  store: PaperStore,
  lexicon: LexicalIndex,
  lexicalWeight: number,
  query: SimilarQuery,
  known?: Float32Array | null,
): Promise<FusedHit[]> {
  const vector = known === undefined ? await store.getVector(query.id, query.aspect) : known;
  if (vector === null) throw new FacetError('MODEL', `paper ${JSON.stringify(query.id)} has no vectors yet (embedding is pending)`);
  const within = query.within ? new Set(query.within.filter((id) => id !== query.id)) : undefined;
  const none = { get: () => 0, top: () => [] };
  const lexical: Pick<LexicalScores, 'get' | 'top'> = lexicalWeight > 0 && lexicon.has(query.id) ? lexicon.scores(query.id) : none;

  let dense: Map<string, number>;
  if (within) {
    dense = cosines(vector, await store.vectorsOf([...within], query.aspect));
  } else {
    // Small libraries: every paper is a dense candidate (one flat scan that returns only ids and
    // cosines), so the fused ranking is exact.
    const depth = lexicon.size <= EXACT_MAX_PAPERS ? Math.max(lexicon.size, 1) : Math.max(MIN_CANDIDATES, CANDIDATE_FACTOR * query.k);
    const ann = await store.nearestIds(vector, query.aspect, depth, query.id);
    dense = new Map(ann.map((hit) => [hit.id, hit.score]));
    const missing = lexical
      .top(depth)
      .map((hit) => hit.id)
      .filter((id) => !dense.has(id));
    for (const [id, score] of cosines(vector, await store.vectorsOf(missing, query.aspect))) dense.set(id, score);
  }
  const hits: FusedHit[] = [];
  for (const [id, d] of dense) {
    const l = lexical.get(id);
    hits.push({ id, score: fuse(lexicalWeight, l, d), lexical: l, dense: d });
  }
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return hits.slice(0, query.k);
}

function cosines(query: Float32Array, vectors: ReadonlyMap<string, Float32Array>): Map<string, number> {
  const out = new Map<string, number>();
  // Stored vectors are unit-norm, so the dot product is the cosine.
  for (const [id, vector] of vectors) out.set(id, dot(query, vector));
  return out;
}
