/**
 * Synthetic "For you" users. Each user likes papers that share one label (a task, or a derived
 * method); some more papers with that label are held out and hidden among papers without it. A
 * good ranker puts the held-out papers near the top.
 *
 * Users are drawn with a seeded PRNG, so a run is repeatable. Each user gets the largest liked set
 * asked for; smaller liked sets are prefixes of it, so every liked-set size sees the same held-out
 * papers and distractors (the sizes differ only in how much the person has told us).
 */
import { sample, seededRandom } from '../../../src-main/core/recommend/vectors.ts';

export interface LabelledPaper {
  id: string;
  labels: readonly string[];
}

export interface SyntheticUser {
  id: string;
  kind: string;
  label: string;
  /** Liked papers, in the order they are revealed (prefixes give smaller liked sets). */
  liked: string[];
  /** Papers with the label that the ranker must find. */
  heldOut: string[];
  /** Papers without the label, among which the held-out ones are hidden. */
  distractors: string[];
}

export interface UserOptions {
  kind: string;
  users: number;
  maxLiked: number;
  heldOut: number;
  distractors: number;
  seed: number;
  /** Labels on more than this share of papers are too broad to be a person's interest. */
  maxLabelShare?: number;
}

export function buildUsers(papers: readonly LabelledPaper[], options: UserOptions): SyntheticUser[] {
  const random = seededRandom(options.seed);
  const byLabel = new Map<string, string[]>();
  for (const paper of papers) for (const label of paper.labels) {
    const list = byLabel.get(label) ?? [];
    list.push(paper.id);
    byLabel.set(label, list);
  }
  const needed = options.maxLiked + options.heldOut;
  const maxShare = options.maxLabelShare ?? 0.2;
  const eligible = [...byLabel.entries()]
    .filter(([, ids]) => ids.length >= needed && ids.length <= maxShare * papers.length)
    .map(([label]) => label)
    .sort();
  if (eligible.length === 0) {
    throw new Error(`no ${options.kind} label has at least ${needed} papers (and at most ${Math.round(maxShare * 100)}% of ${papers.length}); use fewer liked or held-out papers`);
  }
  const labelsOf = new Map(papers.map((paper) => [paper.id, new Set(paper.labels)]));
  const users: SyntheticUser[] = [];
  // Labels are drawn without replacement while they last, then again (a new draw of papers).
  let labelPool: string[] = [];
  for (let u = 0; u < options.users; u++) {
    if (labelPool.length === 0) labelPool = sample(eligible, eligible.length, random);
    const label = labelPool.pop()!;
    const members = sample([...byLabel.get(label)!].sort(), needed, random);
    const others = papers.filter((paper) => !labelsOf.get(paper.id)!.has(label)).map((paper) => paper.id);
    users.push({
      id: `${options.kind}-${u}`,
      kind: options.kind,
      label,
      liked: members.slice(0, options.maxLiked),
      heldOut: members.slice(options.maxLiked),
      distractors: sample(others, options.distractors, random),
    });
  }
  return users;
}
