/**
 * "For you": ranks papers a person has not looked at yet by how well they fit the papers they liked
 * and how far they are from the ones they dismissed, under one aspect's vectors.
 *
 * Pure functions over vectors and reading state; no I/O. The service loads one aspect's vectors
 * for the library and the reading snapshot, and calls `rankForYou`.
 *
 * Method ("auto"):
 * - With at least `minPositivesForClassifier` liked papers: a per-aspect logistic regression, liked
 *   papers (label 1) against disliked papers (label 0, each weighted like one liked paper) and a
 *   seeded random sample of the rest of the library as weak negatives (label 0, together weighted
 *   like all liked papers), as arxiv-sanity does with tf-idf. The weak negatives teach the model
 *   what is common to every paper (embeddings share a large common direction), so it ranks by what
 *   is specific to the liked ones. Measured against the centroid in bench/for-you.ts.
 * - With fewer: the liked centroid minus half the disliked centroid (Rocchio). A classifier on one or
 *   two examples mostly learns noise; the threshold default comes from the bench (docs/READING.md).
 * Every item explains itself: its nearest liked papers with similarities, and the aspect terms it
 * shares with them (through the injected `sharedTerms`, normally the aspect tagger's).
 */
import type { Aspect } from '../../common/contract.ts';
import { feedbackSets, isCandidate } from './feedback.ts';
import type { ReadingFeedback } from './feedback.ts';
import { decision, sigmoid, trainLogistic } from './logistic.ts';
import type { WeightedExample } from './logistic.ts';
import { dot, normalisedMean, sample, seededRandom } from './vectors.ts';

export const RANK_METHODS = ['auto', 'classifier', 'centroid'] as const;
export type RankMethod = (typeof RANK_METHODS)[number];

export interface ForYouOptions {
  /** How many items to return (all candidates when omitted). */
  k?: number;
  method?: RankMethod;
  /** "auto" uses the classifier from this many liked papers on. */
  minPositivesForClassifier?: number;
  /** How many random library papers serve as weak negatives. */
  unlabelledSample?: number;
  /** L2 penalty of the classifier. */
  l2?: number;
  /** Weight of the disliked centroid in the centroid method. */
  negativeWeight?: number;
  /** Classifier: weight of one disliked paper relative to one liked paper. */
  dislikedExampleWeight?: number;
  /**
   * Both methods: a paper closer to some disliked paper than to every liked one loses
   * this much per unit of the difference in cosine similarity (0 turns it off).
   */
  dislikedProximityPenalty?: number;
  /** Seed of the weak-negative sample: the same inputs and seed give the same ranking. */
  seed?: number;
  /** How many nearest liked papers each item names. */
  explainNeighbours?: number;
  /** Also suggest papers already marked "to read". */
  includeToRead?: boolean;
  /** Aspect terms two papers share under the aspect (the tagger's sharedTerms); none when omitted. */
  sharedTerms?: (candidateId: string, likedId: string, aspect: Aspect) => readonly string[];
}

export const DEFAULT_FOR_YOU_OPTIONS = {
  minPositivesForClassifier: 5,
  unlabelledSample: 1000,
  l2: 1e-3,
  negativeWeight: 0.5,
  dislikedExampleWeight: 1,
  dislikedProximityPenalty: 1,
  seed: 1,
  explainNeighbours: 3,
} as const;

export interface ForYouInput {
  aspect: Aspect;
  /** This aspect's vector for every embedded paper in the library (L2-normalised). */
  vectors: ReadonlyMap<string, Float32Array>;
  /** Reading state by paper id (papers without an entry are unread). */
  reading: ReadonlyMap<string, ReadingFeedback>;
  /** Restrict ranking to these ids (e.g. a digest); default: every candidate in `vectors`. */
  candidates?: readonly string[];
  options?: ForYouOptions;
}

export interface LikedNeighbour {
  id: string;
  /** Cosine similarity under the aspect. */
  similarity: number;
}

export interface ForYouItem {
  id: string;
  /** Classifier: probability of "liked" in [0, 1]. Centroid: cosine score in about [-1.5, 1]. */
  score: number;
  /** 1-based. */
  rank: number;
  why: {
    liked: LikedNeighbour[];
    sharedTerms: string[];
    /** A sentence a person can read; liked papers are named by id (the service may swap in titles). */
    reason: string;
  };
}

export interface ForYouResult {
  aspect: Aspect;
  /** What ranked the items; "none" when nothing is liked yet (items is then empty). */
  method: 'classifier' | 'centroid' | 'none';
  positives: number;
  negatives: number;
  /** Candidates considered (before `k`). */
  candidates: number;
  items: ForYouItem[];
}

/** Scores for each candidate id under the chosen method, plus what was used. */
export interface Scorer {
  method: 'classifier' | 'centroid' | 'none';
  positives: string[];
  negatives: string[];
  score: (vector: Float32Array) => number;
}

/** Builds the scoring function from feedback (exported for the bench and the digest ranker). */
export function buildScorer(input: Pick<ForYouInput, 'vectors' | 'reading' | 'options'>): Scorer {
  const options = { ...DEFAULT_FOR_YOU_OPTIONS, ...input.options };
  const { vectors } = input;
  const { positives, negatives } = feedbackSets(input.reading, (id) => vectors.has(id));
  if (positives.length === 0) return { method: 'none', positives, negatives, score: () => 0 };
  const dims = vectors.get(positives[0]!)!.length;
  for (const id of [...positives, ...negatives]) {
    if (vectors.get(id)!.length !== dims) throw new Error(`recommend: paper ${id} has a ${vectors.get(id)!.length}-dimensional vector, expected ${dims}`);
  }
  const method = options.method ?? 'auto';
  const useClassifier = method === 'classifier' || (method === 'auto' && positives.length >= options.minPositivesForClassifier);

  if (!useClassifier) {
    const liked = normalisedMean(positives.map((id) => vectors.get(id)!), dims);
    const disliked = negatives.length > 0 ? normalisedMean(negatives.map((id) => vectors.get(id)!), dims) : null;
    const beta = options.negativeWeight;
    const centroidScore = (vector: Float32Array) => dot(liked, vector) - (disliked ? beta * dot(disliked, vector) : 0);
    return { method: 'centroid', positives, negatives, score: withDislikedProximity(centroidScore, positives, negatives, vectors, options.dislikedProximityPenalty) };
  }

  const labelled = new Set([...positives, ...negatives]);
  const unlabelled: string[] = [];
  for (const id of vectors.keys()) if (!labelled.has(id)) unlabelled.push(id);
  unlabelled.sort();
  const weak = sample(unlabelled, options.unlabelledSample, seededRandom(options.seed));
  const examples: WeightedExample[] = [];
  const perPositive = 1 / positives.length;
  for (const id of positives) examples.push({ x: vectors.get(id)!, y: 1, weight: perPositive });
  // A disliked paper counts as much as a liked one, so one "not relevant" visibly moves the list.
  for (const id of negatives) examples.push({ x: vectors.get(id)!, y: 0, weight: perPositive * options.dislikedExampleWeight });
  for (const id of weak) examples.push({ x: vectors.get(id)!, y: 0, weight: 1 / weak.length });
  const model = trainLogistic(examples, dims, { l2: options.l2 });
  const classifierScore = (vector: Float32Array) => sigmoid(decision(model, vector));
  return { method: 'classifier', positives, negatives, score: withDislikedProximity(classifierScore, positives, negatives, vectors, options.dislikedProximityPenalty) };
}

/**
 * A linear model (or a centroid) cannot carve one small area out of a liked region: a single
 * "not relevant" barely moves it. So, as a nearest-neighbour correction, a paper whose nearest
 * disliked paper is closer than its nearest liked paper loses `penalty` times the difference.
 * Papers nearer to something liked are untouched, and with no dislikes nothing changes.
 */
function withDislikedProximity(
  score: (vector: Float32Array) => number,
  positives: readonly string[],
  negatives: readonly string[],
  vectors: ReadonlyMap<string, Float32Array>,
  penalty: number,
): (vector: Float32Array) => number {
  if (negatives.length === 0 || penalty <= 0) return score;
  const liked = positives.map((id) => vectors.get(id)!);
  const disliked = negatives.map((id) => vectors.get(id)!);
  const nearest = (group: readonly Float32Array[], vector: Float32Array) => group.reduce((best, other) => Math.max(best, dot(other, vector)), -Infinity);
  return (vector) => score(vector) - penalty * Math.max(0, nearest(disliked, vector) - nearest(liked, vector));
}

/** Ranks unread papers for the person; see the module comment for the method. */
export function rankForYou(input: ForYouInput): ForYouResult {
  const options = { ...DEFAULT_FOR_YOU_OPTIONS, ...input.options };
  const scorer = buildScorer(input);
  const candidateIds = (input.candidates ?? [...input.vectors.keys()]).filter(
    (id) => input.vectors.has(id) && isCandidate(input.reading.get(id), options.includeToRead ?? false),
  );
  const base = { aspect: input.aspect, method: scorer.method, positives: scorer.positives.length, negatives: scorer.negatives.length, candidates: candidateIds.length };
  if (scorer.method === 'none') return { ...base, items: [] };
  const scored = candidateIds.map((id) => ({ id, score: scorer.score(input.vectors.get(id)!) }));
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const top = options.k === undefined ? scored : scored.slice(0, options.k);
  return {
    ...base,
    items: top.map((item, index) => ({ ...item, rank: index + 1, why: explain(item.id, scorer.positives, input, options) })),
  };
}

/** The nearest liked papers and the aspect terms shared with them. */
export function explain(
  id: string,
  positives: readonly string[],
  input: Pick<ForYouInput, 'aspect' | 'vectors'>,
  options: Pick<ForYouOptions, 'explainNeighbours' | 'sharedTerms'> = {},
): ForYouItem['why'] {
  const vector = input.vectors.get(id)!;
  const liked = positives
    .map((likedId) => ({ id: likedId, similarity: dot(vector, input.vectors.get(likedId)!) }))
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1))
    .slice(0, options.explainNeighbours ?? DEFAULT_FOR_YOU_OPTIONS.explainNeighbours);
  const terms: string[] = [];
  if (options.sharedTerms && input.aspect !== 'generic') {
    for (const neighbour of liked) {
      for (const term of options.sharedTerms(id, neighbour.id, input.aspect)) if (!terms.includes(term)) terms.push(term);
    }
  }
  return { liked, sharedTerms: terms, reason: reasonSentence(input.aspect, liked, terms) };
}

/** "close to 3 papers you liked (nearest <id>, similarity 0.82); shared method: A, B". */
export function reasonSentence(aspect: Aspect, liked: readonly LikedNeighbour[], terms: readonly string[]): string {
  const nearest = liked[0];
  const parts: string[] = [];
  if (nearest) {
    parts.push(`close to ${liked.length === 1 ? 'a paper' : `${liked.length} papers`} you liked (nearest ${nearest.id}, similarity ${nearest.similarity.toFixed(2)})`);
  }
  if (terms.length > 0) parts.push(`shared ${aspect}: ${terms.slice(0, 6).join(', ')}${terms.length > 6 ? ` and ${terms.length - 6} more` : ''}`);
  return parts.join('; ');
}
