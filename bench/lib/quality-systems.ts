/**
 * The systems the quality benchmark compares, and how each one scores a pool. Every system is a
 * paper-to-paper similarity: a pool paper is the query, all other pool papers are ranked.
 */
import type { Aspect } from '../../src-main/common/contract.ts';
import type { AspectVectors } from '../../src-main/core/types.ts';
import { Bm25Scorer, BM25_B, BM25_K1 } from './bm25.ts';
import { DenseCosineScorer, RandomScorer, toNormalisedMatrix, type PoolScorer } from './ranking.ts';
import { TfidfScorer } from './tfidf.ts';

export const QUALITY_ASPECTS = ['task', 'method', 'dataset'] as const;
export type QualityAspect = (typeof QUALITY_ASPECTS)[number];

export const FACET_SYSTEMS = ['facet-generic', 'facet-task', 'facet-method', 'facet-dataset'] as const;
export const QUALITY_SYSTEMS = ['random', 'tfidf', 'bm25', ...FACET_SYSTEMS] as const;
export type QualitySystem = (typeof QUALITY_SYSTEMS)[number];
export type FacetSystem = (typeof FACET_SYSTEMS)[number];

export const SYSTEM_DESCRIPTIONS: Record<QualitySystem, string> = {
  random: 'uniform random scores per query (seeded)',
  tfidf: 'TF-IDF cosine: raw term count x smoothed idf ln((1+N)/(1+df))+1, L2-normalised; idf from the pool',
  bm25: `BM25, document as query (distinct query terms), k1=${BM25_K1}, b=${BM25_B}, idf ln(1+(N-df+0.5)/(df+0.5)); statistics from the pool`,
  'facet-generic': "cosine similarity of Facet's generic (overall) vectors",
  'facet-task': "cosine similarity of Facet's task vectors",
  'facet-method': "cosine similarity of Facet's method vectors",
  'facet-dataset': "cosine similarity of Facet's dataset vectors",
};

/** Why no hybrid row appears. Facet's hybrid search fuses a text query's keyword and vector hits. */
export const HYBRID_NOTE =
  "No hybrid system: Facet's hybrid search (PaperStore.hybrid) fuses keyword and generic-vector hits for a typed text query; " +
  'paper-to-paper similarity (papers.similar) is vector-only, so there is no hybrid paper-to-paper system to evaluate.';

export function facetAspect(system: FacetSystem): Aspect {
  return system.slice('facet-'.length) as Aspect;
}

export function isFacetSystem(system: QualitySystem): system is FacetSystem {
  return (FACET_SYSTEMS as readonly string[]).includes(system);
}

export interface PoolInputs {
  texts: readonly string[];
  /** Facet's vectors per pool paper, when a Facet system is evaluated. */
  vectors?: readonly AspectVectors[];
  seed: number;
}

export function makeScorer(system: QualitySystem, pool: PoolInputs): PoolScorer {
  switch (system) {
    case 'random':
      return new RandomScorer(pool.texts.length, pool.seed);
    case 'tfidf':
      return new TfidfScorer(pool.texts);
    case 'bm25':
      return new Bm25Scorer(pool.texts);
    default: {
      if (!pool.vectors) throw new Error(`system ${system} needs Facet vectors for the pool`);
      const aspect = facetAspect(system);
      return new DenseCosineScorer(toNormalisedMatrix(pool.vectors.map((vectors) => vectors[aspect])));
    }
  }
}
