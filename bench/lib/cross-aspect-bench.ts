/**
 * The cross-aspect setting of bench:quality: "same method, other tasks" and its siblings. For a
 * pair (like, unlike) a pool paper j is relevant to query i when it is relevant under `like` and
 * NOT relevant under `unlike` (the same judgements as the single-aspect tables). Queries are papers
 * with at least one such paper; all other papers of the split are ranked.
 *
 * Systems, all from the app's own fused similarities (core's fuse and crossAspectScore):
 *   plain     the like aspect's fused ranking, as papers.similar returns it
 *   filtered  the same ranking with every paper that shares a tagged term of the unlike aspect
 *             (tagger output, folded) moved below all others
 *   cross     crossAspectScore with the parameters the app uses (core/similarity/cross-aspect.ts)
 * On dev the grid of (λ, μ) is also scored, which is how the app's parameters were chosen.
 */
import type { Aspect, AspectTerms } from '../../src-main/common/contract.ts';
import type { TermFolding } from '../../src-main/core/aspects/term-folding.ts';
import { CROSS_ASPECT_PAIRS, crossAspectScore, crossParamsFor, type CrossAspectParams } from '../../src-main/core/similarity/cross-aspect.ts';
import { pairedBootstrap, type Interval } from './bootstrap.ts';
import { evaluateDetailed, type DetailedEvaluation } from './evaluate-detailed.ts';
import { queryMetrics, type MeanMetrics } from './metrics.ts';
import { topK, type PoolScorer } from './ranking.ts';

export const CROSS_RELEVANCE =
  'cross-aspect pair (like, unlike): a paper is relevant when it is relevant to the query under the like aspect and not under the unlike aspect (the single-aspect judgements above); queries are papers with >= 1 such paper; systems: plain = the like aspect\'s fused ranking (papers.similar), filtered = that ranking with papers sharing a tagged term of the unlike aspect (tagger output, folded) moved below the rest, cross = like − λ·max(0, unlike − τ) − μ·[shares a tagged unlike term] with the app\'s λ, τ, μ (core/similarity/cross-aspect.ts, chosen on the dev grid)';

export const CROSS_SYSTEMS = ['plain', 'filtered', 'cross'] as const;
export type CrossSystem = (typeof CROSS_SYSTEMS)[number];

/** The filter baseline as a special case of the score: no λ, and a penalty larger than any score. */
export const FILTER_PARAMS: CrossAspectParams = { unlikeWeight: 0, unlikeFloor: 0, termPenalty: 10 };

export const CROSS_GRID = {
  unlikeWeight: [0, 0.25, 0.5, 1, 1.5, 2, 3],
  unlikeFloor: [0, 0.1, 0.2, 0.3, 0.4],
  termPenalty: [0, 0.05, 0.1, 0.2, 0.4, 10],
} as const;

export interface CrossPairResult {
  queries: number;
  results: Record<CrossSystem, { atK: MeanMetrics; mapFull: number }>;
  /** Paired bootstrap of system minus plain: full-ranking MAP. */
  vsPlain: Partial<Record<CrossSystem, Interval>>;
  /** The same for nDCG@k, the criterion the parameters were chosen by. */
  vsPlainNdcg: Partial<Record<CrossSystem, Interval>>;
  params: CrossAspectParams;
  /** Dev only: every grid point's nDCG@k (the selection criterion) and full-ranking MAP, best first. */
  grid?: (CrossAspectParams & { ndcg: number; mapAtK: number; mapFull: number })[];
}

export type PairKey = `${Aspect}/${Aspect}`;

/** Per pool paper and aspect, the folded keys of its tagged terms. */
export function termKeys(terms: readonly AspectTerms[], folding: TermFolding): Record<'task' | 'method' | 'dataset', Set<string>[]> {
  const keysOf = (aspect: 'task' | 'method' | 'dataset') => terms.map((t) => new Set(t[aspect].map((term) => folding.key(aspect, term))));
  return { task: keysOf('task'), method: keysOf('method'), dataset: keysOf('dataset') };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const key of a) if (b.has(key)) return true;
  return false;
}

/** Scores one query row of every pool paper once per aspect, then combines them per parameter set. */
class CrossScorer implements PoolScorer {
  readonly size: number;
  private readonly likeRow: Float32Array;
  private readonly unlikeRow: Float32Array;

  constructor(
    private readonly like: PoolScorer,
    private readonly unlike: PoolScorer,
    private readonly unlikeKeys: readonly ReadonlySet<string>[],
    private readonly params: CrossAspectParams,
  ) {
    this.size = like.size;
    this.likeRow = new Float32Array(this.size);
    this.unlikeRow = new Float32Array(this.size);
  }

  scores(query: number, out: Float32Array): void {
    this.like.scores(query, this.likeRow);
    this.unlike.scores(query, this.unlikeRow);
    const own = this.unlikeKeys[query]!;
    for (let i = 0; i < this.size; i++) out[i] = crossAspectScore(this.likeRow[i]!, this.unlikeRow[i]!, intersects(own, this.unlikeKeys[i]!), this.params);
  }
}

/** Caches a scorer's rows: the grid scores the same queries many times. */
export class CachedScorer implements PoolScorer {
  readonly size: number;
  private readonly rows = new Map<number, Float32Array>();

  constructor(private readonly inner: PoolScorer) {
    this.size = inner.size;
  }

  scores(query: number, out: Float32Array): void {
    let row = this.rows.get(query);
    if (!row) {
      row = new Float32Array(this.size);
      this.inner.scores(query, row);
      this.rows.set(query, row);
    }
    out.set(row);
  }
}

export function crossRelevance(like: readonly ReadonlySet<number>[], unlike: readonly ReadonlySet<number>[]): Set<number>[] {
  return like.map((set, i) => new Set([...set].filter((j) => !unlike[i]!.has(j))));
}

/** nDCG@k of every query (papers with >= 1 relevant paper), in query order, as evaluateDetailed visits them. */
function ndcgPerQuery(scorer: PoolScorer, relevant: readonly ReadonlySet<number>[], k: number): number[] {
  const scores = new Float32Array(scorer.size);
  const out: number[] = [];
  relevant.forEach((set, query) => {
    if (set.size === 0) return;
    scorer.scores(query, scores);
    out.push(queryMetrics(topK(scores, k, query), set, k).ndcg);
  });
  return out;
}

export interface CrossInputs {
  /** The fused scorer (what papers.similar ranks by) of each Facet aspect. */
  fused: (aspect: Aspect) => PoolScorer;
  relevance: (aspect: Aspect) => Set<number>[];
  unlikeKeys: (aspect: Aspect) => Set<string>[];
  k: number;
  seed: number;
  /** Score the (λ, μ) grid too (dev). */
  grid: boolean;
}

export function evaluateCrossAspect(inputs: CrossInputs): Partial<Record<PairKey, CrossPairResult>> {
  const out: Partial<Record<PairKey, CrossPairResult>> = {};
  for (const pair of CROSS_ASPECT_PAIRS) {
    const relevant = crossRelevance(inputs.relevance(pair.aspect), inputs.relevance(pair.unlike));
    const queries = relevant.filter((set) => set.size > 0).length;
    if (queries === 0) continue;
    const like = new CachedScorer(inputs.fused(pair.aspect));
    const unlike = new CachedScorer(inputs.fused(pair.unlike));
    const keys = inputs.unlikeKeys(pair.unlike);
    const params = crossParamsFor(pair.aspect, pair.unlike);
    const scorers: Record<CrossSystem, PoolScorer> = {
      plain: like,
      filtered: new CrossScorer(like, unlike, keys, FILTER_PARAMS),
      cross: new CrossScorer(like, unlike, keys, params),
    };
    const runs = Object.fromEntries(CROSS_SYSTEMS.map((s) => [s, evaluateDetailed(scorers[s], relevant, inputs.k)])) as Record<CrossSystem, DetailedEvaluation>;
    const ndcg = Object.fromEntries(CROSS_SYSTEMS.map((s) => [s, ndcgPerQuery(scorers[s], relevant, inputs.k)])) as Record<CrossSystem, number[]>;
    const result: CrossPairResult = {
      queries,
      results: Object.fromEntries(CROSS_SYSTEMS.map((s) => [s, { atK: runs[s].atK, mapFull: runs[s].mapFull }])) as CrossPairResult['results'],
      vsPlain: {
        filtered: pairedBootstrap(runs.filtered.apFull, runs.plain.apFull, inputs.seed),
        cross: pairedBootstrap(runs.cross.apFull, runs.plain.apFull, inputs.seed),
      },
      vsPlainNdcg: {
        filtered: pairedBootstrap(ndcg.filtered, ndcg.plain, inputs.seed),
        cross: pairedBootstrap(ndcg.cross, ndcg.plain, inputs.seed),
      },
      params,
    };
    if (inputs.grid) {
      result.grid = [];
      for (const unlikeWeight of CROSS_GRID.unlikeWeight) {
        for (const unlikeFloor of unlikeWeight === 0 ? [0] : CROSS_GRID.unlikeFloor) {
          for (const termPenalty of CROSS_GRID.termPenalty) {
            const run = evaluateDetailed(new CrossScorer(like, unlike, keys, { unlikeWeight, unlikeFloor, termPenalty }), relevant, inputs.k);
            result.grid.push({ unlikeWeight, unlikeFloor, termPenalty, ndcg: run.atK.ndcg, mapAtK: run.atK.map, mapFull: run.mapFull });
          }
        }
      }
      result.grid.sort((a, b) => b.ndcg - a.ndcg);
    }
    out[`${pair.aspect}/${pair.unlike}`] = result;
  }
  return out;
}

/**
 * The grid point with the best dev nDCG@k averaged over the settings that scored the pair (how the
 * app's parameters were chosen); null when no setting has a grid.
 */
export function pooledGridBest(grids: readonly (CrossPairResult['grid'] | undefined)[]): (CrossAspectParams & { ndcg: number }) | null {
  const scored = grids.filter((grid): grid is NonNullable<typeof grid> => grid !== undefined && grid.length > 0);
  if (scored.length === 0) return null;
  const sums = new Map<string, CrossAspectParams & { ndcg: number }>();
  for (const grid of scored) {
    for (const point of grid) {
      const key = `${point.unlikeWeight}/${point.unlikeFloor}/${point.termPenalty}`;
      const entry = sums.get(key) ?? { unlikeWeight: point.unlikeWeight, unlikeFloor: point.unlikeFloor, termPenalty: point.termPenalty, ndcg: 0 };
      entry.ndcg += point.ndcg / scored.length;
      sums.set(key, entry);
    }
  }
  // Ties go to the smaller λ, τ, μ (the simpler score), in that order.
  return [...sums.values()].sort((a, b) => b.ndcg - a.ndcg || a.unlikeWeight - b.unlikeWeight || a.unlikeFloor - b.unlikeFloor || a.termPenalty - b.termPenalty)[0]!;
}
