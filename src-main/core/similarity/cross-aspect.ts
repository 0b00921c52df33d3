/**
 * Cross-aspect neighbours: papers close to the open one under one aspect (`like`) and far from it
 * under another (`unlike`) — "same method, other tasks". Each candidate's score is
 *
 *   score = like − λ · max(0, unlike − τ) − μ · [the two papers share a tagged term of the unlike aspect]
 *
 * where `like` and `unlike` are the fused similarities papers.similar ranks by (hybrid-similar.ts).
 * Closeness under `unlike` costs only above τ: a paper need not be unrelated under it, only not close.
 * λ, τ and μ per aspect pair were chosen on the dev halves of bench:quality's cross-aspect setting
 * (relevant = relevant under `like` and not under `unlike`); the test halves report them once.
 *
 * Candidates are the best max(CROSS_MIN_CANDIDATES, CROSS_CANDIDATE_FACTOR · k) fused neighbours
 * under `like`: the cost only reorders papers that are already close under `like`.
 */
import { FacetError, type Aspect } from '../../common/contract.ts';
import type { PaperStore } from '../store/index.ts';
import { dot } from '../util/vectors.ts';
import { fuse, hybridSimilar } from './hybrid-similar.ts';
import type { LexicalIndex } from './lexical-index.ts';

/** The aspect pairs the app offers, with the label a person reads (the renderer, which imports no core code, repeats them). */
export const CROSS_ASPECT_PAIRS = [
  { aspect: 'method', unlike: 'task', label: 'Same method, other tasks' },
  { aspect: 'task', unlike: 'method', label: 'Same task, other methods' },
  { aspect: 'dataset', unlike: 'method', label: 'Same dataset, other methods' },
] as const satisfies readonly { aspect: Aspect; unlike: Aspect; label: string }[];

export interface CrossAspectParams {
  /** λ: how much closeness under the unlike aspect costs. */
  unlikeWeight: number;
  /** τ: unlike similarity up to this costs nothing. */
  unlikeFloor: number;
  /** μ: the cost of sharing a tagged term of the unlike aspect. */
  termPenalty: number;
}

/**
 * Chosen on bench:quality's dev halves: the grid point with the best nDCG@10 (the panel shows ten)
 * averaged over SciREX and PwC (bench/lib/cross-aspect-bench.ts, pooledGridBest). For datasets the
 * dev grid favoured the term penalty alone; λ adds nothing there. Pairs not listed use the default.
 */
export const CROSS_ASPECT_PARAMS: Readonly<Record<string, CrossAspectParams>> = {
  'method/task': { unlikeWeight: 1.5, unlikeFloor: 0.3, termPenalty: 0 },
  'task/method': { unlikeWeight: 0.5, unlikeFloor: 0, termPenalty: 0.1 },
  'dataset/method': { unlikeWeight: 0.25, unlikeFloor: 0.4, termPenalty: 0.4 },
};

/** For pairs no benchmark tuned (any other pair the contract accepts). */
export const DEFAULT_CROSS_PARAMS: CrossAspectParams = { unlikeWeight: 0.5, unlikeFloor: 0.3, termPenalty: 0.1 };

export function crossParamsFor(aspect: Aspect, unlike: Aspect): CrossAspectParams {
  return CROSS_ASPECT_PARAMS[`${aspect}/${unlike}`] ?? DEFAULT_CROSS_PARAMS;
}

/** The cross-aspect score; exported so tests and the benchmark state the formula once. */
export function crossAspectScore(like: number, unlike: number, sharesUnlikeTerm: boolean, params: CrossAspectParams): number {
  return like - params.unlikeWeight * Math.max(0, unlike - params.unlikeFloor) - (sharesUnlikeTerm ? params.termPenalty : 0);
}

/** How deep the `like` ranking is read for candidates. */
export const CROSS_MIN_CANDIDATES = 200;
export const CROSS_CANDIDATE_FACTOR = 20;

export interface CrossHit {
  id: string;
  score: number;
  /** Fused similarity under the like aspect. */
  like: number;
  /** Fused similarity under the unlike aspect. */
  unlike: number;
}

export interface CrossQuery {
  id: string;
  aspect: Aspect;
  unlike: Aspect;
  k: number;
}

/**
 * Ranks candidates by the cross-aspect score. `sharesUnlikeTerm(id)` tells whether a candidate
 * shares a tagged term of the unlike aspect with the query paper (the caller reads the tags).
 */
export async function crossAspectSimilar(
  store: PaperStore,
  lexicon: LexicalIndex,
  lexicalWeight: Partial<Record<Aspect, number>>,
  query: CrossQuery,
  sharesUnlikeTerm: (ids: readonly string[]) => Promise<ReadonlySet<string>>,
  params: CrossAspectParams = crossParamsFor(query.aspect, query.unlike),
): Promise<CrossHit[]> {
  if (query.aspect === query.unlike) throw new FacetError('BAD_REQUEST', `the unlike aspect must differ from the aspect (both ${query.aspect})`);
  const depth = Math.max(CROSS_MIN_CANDIDATES, CROSS_CANDIDATE_FACTOR * query.k);
  const candidates = await hybridSimilar(store, lexicon, lexicalWeight[query.aspect] ?? 0, { id: query.id, aspect: query.aspect, k: depth });
  if (candidates.length === 0) return [];
  const own = await store.getVector(query.id, query.unlike);
  if (own === null) throw new FacetError('MODEL', `paper ${JSON.stringify(query.id)} has no vectors yet (embedding is pending)`);
  const ids = candidates.map((hit) => hit.id);
  const [vectors, sharing] = await Promise.all([store.vectorsOf(ids, query.unlike), sharesUnlikeTerm(ids)]);
  const wUnlike = lexicalWeight[query.unlike] ?? 0;
  const hits = candidates.map((hit): CrossHit => {
    const vector = vectors.get(hit.id);
    // Stored vectors are unit-norm: the dot product is the cosine.
    const unlike = fuse(wUnlike, hit.lexical, vector ? dot(own, vector) : 0);
    return { id: hit.id, like: hit.score, unlike, score: crossAspectScore(hit.score, unlike, sharing.has(hit.id), params) };
  });
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return hits.slice(0, query.k);
}
