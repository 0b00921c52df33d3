/**
 * The systems the quality benchmark compares, and how each one scores a pool. Every system is a
 * paper-to-paper similarity: a pool paper is the query, all other pool papers are ranked.
 */
import type { Aspect } from '../../src-main/common/contract.ts';
import type { AspectVectors } from '../../src-main/core/types.ts';
import type { LexicalIndex } from '../../src-main/core/similarity/lexical-index.ts';
import { Bm25Scorer, BM25_B, BM25_K1 } from './bm25.ts';
import { HybridScorer } from './hybrid-scorer.ts';
import { LSA_BASELINE_RECIPE } from './lsa-baseline.ts';
import { DenseCosineScorer, RandomScorer, toNormalisedMatrix, type PoolScorer } from './ranking.ts';
import { TfidfScorer } from './tfidf.ts';

/** Relevance kinds: one per labelled aspect, and `overall` (sharing any label), judged for the generic aspect. */
export const QUALITY_ASPECTS = ['task', 'method', 'dataset', 'overall'] as const;
export type QualityAspect = (typeof QUALITY_ASPECTS)[number];

/** Which of Facet's aspects answers a relevance kind. */
export function facetAspectFor(aspect: QualityAspect): Aspect {
  return aspect === 'overall' ? 'generic' : aspect;
}

export const FACET_SYSTEMS = ['facet-generic', 'facet-task', 'facet-method', 'facet-dataset'] as const;
export const QUALITY_SYSTEMS = ['random', 'tfidf', 'bm25', 'lexical', 'lsa', ...FACET_SYSTEMS, 'facet-hybrid'] as const;
export type QualitySystem = (typeof QUALITY_SYSTEMS)[number];
export type FacetSystem = (typeof FACET_SYSTEMS)[number];

export const SYSTEM_DESCRIPTIONS: Record<QualitySystem, string> = {
  random: 'uniform random scores per query (seeded)',
  tfidf: 'TF-IDF cosine: raw term count x smoothed idf ln((1+N)/(1+df))+1, L2-normalised; idf from the pool',
  bm25: `BM25, document as query (distinct query terms), k1=${BM25_K1}, b=${BM25_B}, idf ln(1+(N-df+0.5)/(df+0.5)); statistics from the pool`,
  lexical: "Facet's lexical index alone (src-main/core/similarity/lexical-index.ts): sublinear tf 1+ln(tf) x smoothed idf of the pool, cosine",
  lsa: LSA_BASELINE_RECIPE,
  'facet-generic': "cosine of Facet's generic (overall) vectors",
  'facet-task': "cosine of Facet's task vectors",
  'facet-method': "cosine of Facet's method vectors",
  'facet-dataset': "cosine of Facet's dataset vectors",
  'facet-hybrid':
    "what papers.similar ranks by: per relevance kind, the answering aspect's lexical weight w (model manifest) times the lexical cosine plus (1 - w) times that aspect's dense cosine",
};

export function isFacetSystem(system: QualitySystem): boolean {
  return system.startsWith('facet-');
}

export interface PoolInputs {
  texts: readonly string[];
  /** Facet's vectors per pool paper, when a Facet system is evaluated. */
  vectors?: readonly AspectVectors[];
  /** The LSA baseline's vectors (its generic output), when `lsa` is evaluated. */
  lsaVectors?: readonly AspectVectors[];
  lexicalWeight?: Partial<Record<Aspect, number>>;
  lexicon: LexicalIndex;
  seed: number;
}

/** The scorer of `system` for relevance kind `aspect` (only facet-hybrid depends on it). */
export function makeScorer(system: QualitySystem, pool: PoolInputs, aspect: QualityAspect): PoolScorer {
  const dense = (vectors: readonly AspectVectors[] | undefined, which: Aspect) => {
    if (!vectors) throw new Error(`system ${system} needs vectors for the pool`);
    return toNormalisedMatrix(vectors.map((v) => v[which]));
  };
  switch (system) {
    case 'random':
      return new RandomScorer(pool.texts.length, pool.seed);
    case 'tfidf':
      return new TfidfScorer(pool.texts);
    case 'bm25':
      return new Bm25Scorer(pool.texts);
    case 'lexical':
      return new HybridScorer(pool.lexicon, null, 1);
    case 'lsa':
      return new DenseCosineScorer(dense(pool.lsaVectors, 'generic'));
    case 'facet-hybrid': {
      const which = facetAspectFor(aspect);
      return new HybridScorer(pool.lexicon, dense(pool.vectors, which), pool.lexicalWeight?.[which] ?? 0);
    }
    default:
      return new DenseCosineScorer(dense(pool.vectors, system.slice('facet-'.length) as Aspect));
  }
}
