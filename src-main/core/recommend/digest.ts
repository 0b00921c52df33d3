/**
 * Today's digest: the papers just imported from a digest page, ranked for the person with the same
 * scorer as "For you", the top ones marked. Papers already on the reading list (to read, reading,
 * read, dismissed, rated or not relevant) keep their place in the ranking (a digest is about what
 * came in today), but are never marked as top.
 */
import type { Aspect } from '../../common/contract.ts';
import { isCandidate } from './feedback.ts';
import type { ReadingFeedback } from './feedback.ts';
import { DEFAULT_FOR_YOU_OPTIONS, buildScorer, explain } from './for-you.ts';
import type { ForYouInput, ForYouItem, ForYouOptions } from './for-you.ts';

export interface DigestInput {
  aspect: Aspect;
  /** The digest's paper ids, in page order. */
  ids: readonly string[];
  /** This aspect's vectors for the whole library (the scorer trains on it). */
  vectors: ReadonlyMap<string, Float32Array>;
  reading: ReadonlyMap<string, ReadingFeedback>;
  /** How many to mark as top (default 5). */
  top?: number;
  options?: ForYouOptions;
  /** The library's lexical similarities (see ForYouInput.lexicon). */
  lexicon?: ForYouInput['lexicon'];
}

export interface DigestItem {
  id: string;
  /** 1-based; papers without vectors come last in page order. */
  rank: number;
  /** Null for a paper not embedded yet. */
  score: number | null;
  top: boolean;
  /** Null for a paper not embedded yet. */
  why: ForYouItem['why'] | null;
}

export interface DigestResult {
  aspect: Aspect;
  method: 'classifier' | 'centroid' | 'none';
  items: DigestItem[];
}

export function rankDigest(input: DigestInput): DigestResult {
  const topCount = input.top ?? 5;
  const scorer = buildScorer(input);
  const options = { ...DEFAULT_FOR_YOU_OPTIONS, ...input.options };
  const seen = new Set<string>();
  const ids = input.ids.filter((id) => !seen.has(id) && seen.add(id));
  const embedded = ids.filter((id) => input.vectors.has(id));
  const missing = ids.filter((id) => !input.vectors.has(id));
  if (scorer.method === 'none') {
    // Nothing liked yet: keep page order, mark nothing.
    return {
      aspect: input.aspect,
      method: 'none',
      items: ids.map((id, index) => ({ id, rank: index + 1, score: null, top: false, why: null })),
    };
  }
  const scored = embedded
    .map((id, order) => ({ id, order, score: scorer.score(input.vectors.get(id)!, id) }))
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const items: DigestItem[] = [];
  let marked = 0;
  for (const entry of scored) {
    const eligible = isCandidate(input.reading.get(entry.id), false);
    const top = eligible && marked < topCount;
    if (top) marked++;
    items.push({
      id: entry.id,
      rank: items.length + 1,
      score: entry.score,
      top,
      why: explain(entry.id, scorer.positives, input, options),
    });
  }
  for (const id of missing) items.push({ id, rank: items.length + 1, score: null, top: false, why: null });
  return { aspect: input.aspect, method: scorer.method, items };
}
