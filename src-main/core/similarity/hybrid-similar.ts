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

const NO_LEXICAL: Pick<LexicalScores, 'get' | 'top'> = { get: () => 0, top: () => [] };

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
  const useLexical = lexicalWeight > 0 && lexicon.has(query.id);

  let dense: Map<string, number>;
  let lexical: Pick<LexicalScores, 'get' | 'top'>;
  if (within) {
    const vectors = store.vectorsOf([...within], query.aspect);
    lexical = useLexical ? lexicon.scores(query.id) : NO_LEXICAL;
    dense = cosines(vector, await vectors);
  } else {
    // Small libraries: every paper is a dense candidate (one flat scan that returns only ids and
    // cosines), so the fused ranking is exact, and only lexical candidates the scan lacks (papers
    // without vectors) are looked up after it.
    const exact = lexicon.size <= EXACT_MAX_PAPERS;
    const depth = exact ? Math.max(lexicon.size, 1) : Math.max(MIN_CANDIDATES, CANDIDATE_FACTOR * query.k);
    // Larger ones: the ANN search runs in LanceDB's threads while the lexical side is scored here,
    // and the vectors of the lexical candidates are read beside it, so the three overlap instead of
    // adding up. Either way the ANN's own cosine is kept for a paper both lists hold.
    const ann = store.nearestIds(vector, query.aspect, depth, query.id);
    lexical = useLexical ? lexicon.scores(query.id) : NO_LEXICAL;
    const lexicalIds = lexical.top(depth).map((hit) => hit.id);
    const [annHits, early] = await Promise.all([ann, exact ? null : store.vectorsOf(lexicalIds, query.aspect)]);
    dense = new Map(annHits.map((hit) => [hit.id, hit.score]));
    const vectors = early ?? (await store.vectorsOf(lexicalIds.filter((id) => !dense.has(id)), query.aspect));
    for (const [id, score] of cosines(vector, vectors)) if (!dense.has(id)) dense.set(id, score);
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
