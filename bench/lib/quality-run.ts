/**
 * One quality evaluation over one pool: relevance per aspect, then every requested system on every
 * aspect (so the Facet aspect vectors show a diagonal when they specialise).
 */
import type { AspectVectors } from '../../src-main/core/types.ts';
import { evaluateScorer } from './evaluate.ts';
import { averageOfMeans, type MeanMetrics } from './metrics.ts';
import { digestText, type PwcPaper } from './pwc-data.ts';
import { makeScorer, QUALITY_ASPECTS, type QualityAspect, type QualitySystem } from './quality-systems.ts';
import { buildRelevance, MAX_PAPERS_PER_LABEL } from './relevance.ts';

export type SystemResults = Partial<Record<QualitySystem, Record<QualityAspect, MeanMetrics>>>;

export interface LabelledPool {
  papers: readonly PwcPaper[];
  /** Derived method labels, one list per paper, same order. */
  methods: readonly (readonly string[])[];
  vectors?: readonly AspectVectors[];
}

export interface PoolStats {
  papers: number;
  /** Per aspect: queries (papers with >= 1 relevant paper), labels kept, labels dropped as too common. */
  aspects: Record<QualityAspect, { queries: number; labelsKept: number; labelsDroppedAsCommon: number; papersWithLabels: number }>;
}

export function aspectLabels(pool: LabelledPool, aspect: QualityAspect): readonly (readonly string[])[] {
  if (pool.methods.length !== pool.papers.length) {
    throw new Error(`method labels for ${pool.methods.length} papers, pool has ${pool.papers.length}`);
  }
  if (aspect === 'task') return pool.papers.map((paper) => paper.tasks);
  if (aspect === 'dataset') return pool.papers.map((paper) => paper.datasets);
  return pool.methods;
}

export function evaluatePool(
  pool: LabelledPool,
  systems: readonly QualitySystem[],
  k: number,
  seed: number,
  log: (line: string) => void = () => {},
): { results: SystemResults; stats: PoolStats } {
  const texts = pool.papers.map(digestText);
  const judgements = Object.fromEntries(
    QUALITY_ASPECTS.map((aspect) => [aspect, buildRelevance(aspectLabels(pool, aspect), MAX_PAPERS_PER_LABEL)]),
  ) as Record<QualityAspect, ReturnType<typeof buildRelevance>>;
  const stats: PoolStats = {
    papers: pool.papers.length,
    aspects: Object.fromEntries(
      QUALITY_ASPECTS.map((aspect) => {
        const judged = judgements[aspect];
        return [
          aspect,
          {
            queries: judged.relevant.filter((set) => set.size > 0).length,
            labelsKept: judged.labelsKept,
            labelsDroppedAsCommon: judged.labelsDropped,
            papersWithLabels: aspectLabels(pool, aspect).filter((labels) => labels.length > 0).length,
          },
        ];
      }),
    ) as PoolStats['aspects'],
  };
  const results: SystemResults = {};
  for (const system of systems) {
    const started = performance.now();
    const scorer = makeScorer(system, { texts, vectors: pool.vectors, seed });
    const perAspect = {} as Record<QualityAspect, MeanMetrics>;
    for (const aspect of QUALITY_ASPECTS) perAspect[aspect] = evaluateScorer(scorer, judgements[aspect].relevant, k);
    results[system] = perAspect;
    log(`  ${system}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { results, stats };
}

/** Unweighted mean over folds of each fold's means, per system and aspect. */
export function averageFolds(folds: readonly SystemResults[], systems: readonly QualitySystem[]): SystemResults {
  const out: SystemResults = {};
  for (const system of systems) {
    const perAspect = {} as Record<QualityAspect, MeanMetrics>;
    for (const aspect of QUALITY_ASPECTS) {
      perAspect[aspect] = averageOfMeans(folds.map((fold) => {
        const value = fold[system]?.[aspect];
        if (!value) throw new Error(`fold results lack ${system}/${aspect}`);
        return value;
      }));
    }
    out[system] = perAspect;
  }
  return out;
}

/** Seeded assignment of papers to `folds` folds of (near) equal size: fold of paper i. */
export function assignFolds(ids: readonly string[], folds: number, seed: number, shuffle: <T>(items: readonly T[], seed: number) => T[]): Map<string, number> {
  const order = shuffle(ids, seed);
  return new Map(order.map((id, index) => [id, index % folds]));
}
