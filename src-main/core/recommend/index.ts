/** "For you" and today's digest: pure ranking over one aspect's vectors and the reading state. */
export { rankForYou, buildScorer, explain, reasonSentence, RANK_METHODS, DEFAULT_FOR_YOU_OPTIONS } from './for-you.ts';
export type { ForYouInput, ForYouOptions, ForYouItem, ForYouResult, LexicalSimilarity, LikedNeighbour, RankMethod, Scorer } from './for-you.ts';
export { rankDigest } from './digest.ts';
export type { DigestInput, DigestItem, DigestResult } from './digest.ts';
export { feedbackSets, isCandidate, isNegative, isPositive, LIKED_MIN_RATING, DISLIKED_MAX_RATING } from './feedback.ts';
export type { FeedbackSets, ReadingFeedback } from './feedback.ts';
export { withSharedTerms, idsNeedingTerms } from './shared-terms.ts';
export { plainExplanation, topicsShared, NAMED_LIKED } from './plain-explanation.ts';
export type { LikedForExplanation } from './plain-explanation.ts';
