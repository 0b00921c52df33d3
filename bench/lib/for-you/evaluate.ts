/**
 * Runs "For you" for synthetic users and scores it: for each user, aspect, liked-set size and
 * ranking method, the user's liked papers are marked read, the whole pool is the library (weak
 * negatives come from it), and the held-out papers plus distractors are the candidates.
 *
 * Methods compared: "centroid" is the plain baseline (cosine to the liked centroid and nothing
 * else, whatever the app's defaults add to its centroid method); "classifier" the app's classifier
 * method with its default settings; "auto" exactly what the app does (its centroid method below
 * the threshold, its classifier method from it on). All three run the app's own rankForYou.
 */
import type { Aspect } from '../../../src-main/common/contract.ts';
import { DEFAULT_FOR_YOU_OPTIONS, rankForYou } from '../../../src-main/core/recommend/index.ts';
import type { ForYouOptions, LexicalSimilarity, RankMethod, ReadingFeedback } from '../../../src-main/core/recommend/index.ts';
import { mean, recallAtK, reciprocalRank } from './metrics.ts';
import type { SyntheticUser } from './users.ts';

export interface EvaluationOptions {
  aspects: readonly Aspect[];
  methods: readonly RankMethod[];
  likedSizes: readonly number[];
  k: number;
  rankOptions?: ForYouOptions;
  /** The library's lexical index, as the app passes it (the plain centroid never uses it). */
  lexicon?: LexicalSimilarity;
}

export interface Cell {
  kind: string;
  aspect: Aspect;
  method: RankMethod;
  liked: number;
  users: number;
  recallAtK: number;
  mrr: number;
  /** Per-user values, for confidence intervals and paired comparisons. */
  recallPerUser: number[];
  mrrPerUser: number[];
}

export function evaluateUsers(
  users: readonly SyntheticUser[],
  vectorsByAspect: ReadonlyMap<Aspect, ReadonlyMap<string, Float32Array>>,
  options: EvaluationOptions,
  progress: (done: number, total: number) => void = () => {},
): Cell[] {
  const cells = new Map<string, Cell>();
  const total = users.length * options.aspects.length * options.likedSizes.length;
  let done = 0;
  for (const user of users) {
    const relevant = new Set(user.heldOut);
    const candidates = [...user.heldOut, ...user.distractors].sort();
    for (const aspect of options.aspects) {
      const vectors = vectorsByAspect.get(aspect);
      if (!vectors) throw new Error(`no ${aspect} vectors`);
      for (const size of options.likedSizes) {
        if (size > user.liked.length) throw new Error(`user ${user.id} has ${user.liked.length} liked papers, fewer than ${size}`);
        const reading = new Map<string, ReadingFeedback>();
        for (const id of user.liked.slice(0, size)) reading.set(id, { status: 'read', rating: null, notRelevant: false });
        const threshold = options.rankOptions?.minPositivesForClassifier ?? DEFAULT_FOR_YOU_OPTIONS.minPositivesForClassifier;
        const optionsFor = (method: RankMethod): ForYouOptions => {
          if (method === 'centroid') return { ...options.rankOptions, method: 'centroid', centroidNearestBlend: 0, lexicalBlend: 0 };
          if (method === 'classifier') return { ...options.rankOptions, method: 'classifier' };
          // "auto" in the bench is what the app does: its default method, and for the app's "auto"
          // the classifier from the threshold on.
          const appMethod = options.rankOptions?.method ?? DEFAULT_FOR_YOU_OPTIONS.method;
          if (appMethod !== 'auto') return { ...options.rankOptions, method: appMethod };
          return { ...options.rankOptions, method: size >= threshold ? 'classifier' : 'centroid' };
        };
        // Methods that resolve to the same options (auto and one of the others) share one ranking,
        // so the classifier is trained once.
        const rankings = new Map<string, string[]>();
        const rank = (method: RankMethod): string[] => {
          const effective = optionsFor(method);
          const key = JSON.stringify(effective);
          let ranked = rankings.get(key);
          if (!ranked) {
            const result = rankForYou({ aspect, vectors, reading, candidates, options: effective, lexicon: options.lexicon });
            ranked = result.items.map((item) => item.id);
            rankings.set(key, ranked);
          }
          return ranked;
        };
        for (const method of options.methods) {
          const ranked = rank(method);
          const key = `${user.kind}|${aspect}|${method}|${size}`;
          let cell = cells.get(key);
          if (!cell) {
            cell = { kind: user.kind, aspect, method, liked: size, users: 0, recallAtK: 0, mrr: 0, recallPerUser: [], mrrPerUser: [] };
            cells.set(key, cell);
          }
          cell.users++;
          cell.recallPerUser.push(recallAtK(ranked, relevant, options.k));
          cell.mrrPerUser.push(reciprocalRank(ranked, relevant));
        }
        progress(++done, total);
      }
    }
  }
  for (const cell of cells.values()) {
    cell.recallAtK = mean(cell.recallPerUser);
    cell.mrr = mean(cell.mrrPerUser);
  }
  return [...cells.values()];
}

/** Per-user differences (a - b) of paired cells: mean and how many users a wins, ties, loses. */
export function pairedDifference(a: readonly number[], b: readonly number[]): { mean: number; wins: number; ties: number; losses: number } {
  if (a.length !== b.length) throw new Error('paired comparison needs the same users on both sides');
  let wins = 0;
  let ties = 0;
  let losses = 0;
  const diffs = a.map((value, i) => value - b[i]!);
  for (const diff of diffs) {
    if (diff > 1e-12) wins++;
    else if (diff < -1e-12) losses++;
    else ties++;
  }
  return { mean: mean(diffs), wins, ties, losses };
}
