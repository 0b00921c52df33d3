/**
 * "Not relevant" feedback, simulated: a user with liked papers looks at For you, marks the
 * highest-ranked paper that is not theirs as not relevant, and looks again, for a few rounds.
 *
 * Three variants separate what the feedback itself does from merely hiding the paper:
 * - "hide only": the marked papers are left out of the candidates and nothing else changes;
 * - "negative": they are also negatives for the ranker (dislikedProximityPenalty 0);
 * - "negative + proximity": as the app does (the default penalty).
 */
import type { Aspect } from '../../../src-main/common/contract.ts';
import { rankForYou } from '../../../src-main/core/recommend/index.ts';
import type { ForYouOptions, RankMethod, ReadingFeedback, LexicalSimilarity } from '../../../src-main/core/recommend/index.ts';
import { mean, recallAtK, reciprocalRank } from './metrics.ts';
import type { SyntheticUser } from './users.ts';

export const FEEDBACK_VARIANTS = ['hide only', 'negative', 'negative + proximity'] as const;
export type FeedbackVariant = (typeof FEEDBACK_VARIANTS)[number];

export interface FeedbackRow {
  kind: string;
  aspect: Aspect;
  method: RankMethod;
  variant: FeedbackVariant;
  /** 0 = before any feedback. */
  round: number;
  recallAtK: number;
  mrr: number;
  recallPerUser: number[];
}

export function evaluateFeedback(
  users: readonly SyntheticUser[],
  vectors: ReadonlyMap<string, Float32Array>,
  options: { aspect: Aspect; method: RankMethod; liked: number; rounds: number; k: number; rankOptions?: ForYouOptions; variants?: readonly FeedbackVariant[]; lexicon?: LexicalSimilarity },
): FeedbackRow[] {
  const rows: FeedbackRow[] = [];
  for (const variant of options.variants ?? FEEDBACK_VARIANTS) {
    const perRound: { recall: number[]; mrr: number[] }[] = Array.from({ length: options.rounds + 1 }, () => ({ recall: [], mrr: [] }));
    for (const user of users) {
      const relevant = new Set(user.heldOut);
      const reading = new Map<string, ReadingFeedback>();
      for (const id of user.liked.slice(0, options.liked)) reading.set(id, { status: 'read', rating: null, notRelevant: false });
      const hidden = new Set<string>();
      const rankOptions: ForYouOptions = { ...options.rankOptions, method: options.method, ...(variant === 'negative' ? { dislikedProximityPenalty: 0 } : {}) };
      for (let round = 0; round <= options.rounds; round++) {
        const candidates = [...user.heldOut, ...user.distractors].filter((id) => !hidden.has(id)).sort();
        const ranked = rankForYou({ aspect: options.aspect, vectors, reading, candidates, options: rankOptions, lexicon: options.lexicon }).items.map((item) => item.id);
        perRound[round]!.recall.push(recallAtK(ranked, relevant, options.k));
        perRound[round]!.mrr.push(reciprocalRank(ranked, relevant));
        const wrong = ranked.find((id) => !relevant.has(id));
        if (!wrong) break;
        hidden.add(wrong);
        if (variant !== 'hide only') reading.set(wrong, { status: 'none', rating: null, notRelevant: true });
      }
    }
    perRound.forEach((values, round) => {
      rows.push({ kind: users[0]?.kind ?? '', aspect: options.aspect, method: options.method, variant, round, recallAtK: mean(values.recall), mrr: mean(values.mrr), recallPerUser: values.recall });
    });
  }
  return rows;
}
