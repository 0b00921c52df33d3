/**
 * Which papers a person likes, dislikes, or has not seen yet, from their reading state.
 *
 * Positive: rated 4 or 5, or status "read"/"reading" without a low rating.
 * Negative: dismissed, marked "not relevant", or rated 1 or 2 (a low rating is an explicit dislike).
 * Negative wins over positive, so "not relevant" on a read paper takes it out of the liked set.
 * Candidates for "For you" are papers with no reading state of their own yet: status "none" and
 * neither liked nor disliked. "To read" papers are already on the list, so they are left out
 * unless asked for.
 */
import type { ReadingState } from '../reading/types.ts';

/** The part of a paper's reading state the recommender looks at. */
export type ReadingFeedback = Pick<ReadingState, 'status' | 'rating' | 'notRelevant'>;

export const LIKED_MIN_RATING = 4;
export const DISLIKED_MAX_RATING = 2;

export function isNegative(state: ReadingFeedback | undefined): boolean {
  if (!state) return false;
  return state.status === 'dismissed' || state.notRelevant || (state.rating !== null && state.rating <= DISLIKED_MAX_RATING);
}

export function isPositive(state: ReadingFeedback | undefined): boolean {
  if (!state || isNegative(state)) return false;
  if (state.rating !== null && state.rating >= LIKED_MIN_RATING) return true;
  return state.status === 'read' || state.status === 'reading';
}

/** True for a paper "For you" may suggest. */
export function isCandidate(state: ReadingFeedback | undefined, includeToRead = false): boolean {
  if (!state) return true;
  if (isPositive(state) || isNegative(state)) return false;
  return state.status === 'none' || (includeToRead && state.status === 'to-read');
}

export interface FeedbackSets {
  positives: string[];
  negatives: string[];
}

/** Liked and disliked paper ids among those with vectors, in a stable (sorted) order. */
export function feedbackSets(reading: ReadonlyMap<string, ReadingFeedback>, hasVector: (id: string) => boolean): FeedbackSets {
  const positives: string[] = [];
  const negatives: string[] = [];
  for (const [id, state] of reading) {
    if (!hasVector(id)) continue;
    if (isNegative(state)) negatives.push(id);
    else if (isPositive(state)) positives.push(id);
  }
  positives.sort();
  negatives.sort();
  return { positives, negatives };
}
