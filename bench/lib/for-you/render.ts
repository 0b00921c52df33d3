/**
 * The "For you" section of bench/RESULTS.md, rendered from bench/results/for-you.json (so the
 * Markdown cannot drift from the numbers). Where the app's ranker loses to the plain centroid is
 * listed from the data, not written by hand.
 */
import { markdownTable } from '../table.ts';
import { ci95 } from './metrics.ts';
import { pairedDifference } from './evaluate.ts';
import type { Cell } from './evaluate.ts';
import type { FeedbackRow } from './feedback.ts';

export interface ForYouJson {
  smoke: boolean;
  seed: number;
  tuning?: { seed: number; script: string; note: string };
  model: { id: string; provisional: boolean };
  library: number;
  usersPerKind: number;
  heldOut: number;
  distractors: number;
  k: number;
  likedSizes: number[];
  rankOptions: Record<string, unknown>;
  rankingSeconds: number;
  methodLabels: string;
  cells: Cell[];
  feedback: FeedbackRow[];
}

const KINDS = ['task', 'method'] as const;
const ASPECTS = ['generic', 'task', 'method', 'dataset'] as const;

function f(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function signed(value: number): string {
  return Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}` : 'n/a';
}

function cellOf(cells: readonly Cell[], kind: string, aspect: string, method: string, liked: number): Cell | undefined {
  return cells.find((cell) => cell.kind === kind && cell.aspect === aspect && cell.method === method && cell.liked === liked);
}

/** The app's ranker ("auto") against the plain centroid, paired per user. */
function versus(cells: readonly Cell[], kind: string, aspect: string, liked: number) {
  const ranker = cellOf(cells, kind, aspect, 'auto', liked);
  const centroid = cellOf(cells, kind, aspect, 'centroid', liked);
  if (!ranker || !centroid) return null;
  return {
    ranker,
    centroid,
    recall: pairedDifference(ranker.recallPerUser, centroid.recallPerUser),
    mrr: pairedDifference(ranker.mrrPerUser, centroid.mrrPerUser),
  };
}

/** How many per-user paired differences (ranker minus centroid) lie outside their 95% interval of zero. */
function significance(json: ForYouJson): string {
  let cells = 0;
  const beyond: string[] = [];
  for (const kind of KINDS) {
    for (const aspect of ASPECTS) {
      for (const size of json.likedSizes) {
        const v = versus(json.cells, kind, aspect, size);
        if (!v) continue;
        for (const [name, a, b] of [[`R@${json.k}`, v.ranker.recallPerUser, v.centroid.recallPerUser], ['MRR', v.ranker.mrrPerUser, v.centroid.mrrPerUser]] as const) {
          cells++;
          const diffs = a.map((value, i) => value - b[i]!);
          const mean = diffs.reduce((sum, value) => sum + value, 0) / diffs.length;
          const half = ci95(diffs);
          if (Number.isFinite(half) && Math.abs(mean) > half) beyond.push(`${kind} users, ${aspect}, ${size} liked, ${name} ${signed(mean)} ±${f(half)}`);
        }
      }
    }
  }
  return `Of the ${cells} paired differences in the table (recall and MRR), ${beyond.length} lie outside their 95% interval${beyond.length > 0 ? `: ${beyond.join('; ')}` : ''}.`;
}

export function renderForYou(json: ForYouJson): string {
  const out: string[] = [];
  const k = json.k;
  const maxLiked = Math.max(...json.likedSizes);
  out.push('## For you: recommendations from the reading list (npx tsx bench/for-you.ts)', '');
  if (json.smoke) out.push('> **SMOKE RUN** — few users; not a full result.\n');
  out.push(
    `Library: ${json.library} held-out Papers-with-Code papers (never in the model's training). ${json.usersPerKind} synthetic users per kind: a task user likes papers sharing a leaderboard task, a method user papers sharing a method label; ${json.heldOut} more papers with the label are hidden among ${json.distractors} without it. Recall@${k} and MRR of those ${json.heldOut}; ± is a 95% CI over users; Δ is paired per user; win/tie/loss counts users. Model \`${json.model.id}\`${json.model.provisional ? ' (provisional)' : ''}. Ranking took ${json.rankingSeconds} s.`,
    '',
    `**Seeds.** Reported run: seed ${json.seed}.${json.tuning ? ` The ranker's settings were chosen on dev seed ${json.tuning.seed} (\`${json.tuning.script}\`), other users drawn from the same pool, before this run; seed ${json.seed} was not used for tuning. ${json.tuning.note}` : ' No tuning seed recorded.'}`,
    '',
    `**Compared.** "Centroid" is the plain baseline: cosine to the centroid of the liked papers, nothing else. "Ranker" is the app's own \`rankForYou\` with its defaults and the pool's lexical index (${json.rankOptions.method === 'auto' ? `\`auto\`: the centroid method below ${String(json.rankOptions.minPositivesForClassifier)} liked papers, the classifier method from there on` : `the ${String(json.rankOptions.method)} method at every size, with the lexical part weighted ${String(json.rankOptions.lexicalBlend)}`}); "classifier" is the classifier method at every size. Settings: \`${JSON.stringify(json.rankOptions)}\`.`,
    '',
  );

  out.push(`### Per aspect, ${maxLiked} liked papers: ranker vs plain centroid`, '');
  const aspectRows: string[][] = [];
  for (const kind of KINDS) {
    for (const aspect of ASPECTS) {
      const v = versus(json.cells, kind, aspect, maxLiked);
      if (!v) continue;
      aspectRows.push([
        kind,
        aspect,
        `${f(v.centroid.recallAtK)} ±${f(ci95(v.centroid.recallPerUser))}`,
        `${f(v.ranker.recallAtK)} ±${f(ci95(v.ranker.recallPerUser))}`,
        signed(v.recall.mean),
        `${v.recall.wins}/${v.recall.ties}/${v.recall.losses}`,
        f(v.centroid.mrr),
        f(v.ranker.mrr),
        signed(v.mrr.mean),
      ]);
    }
  }
  out.push(markdownTable(['users', 'aspect', `centroid R@${k}`, `ranker R@${k}`, `Δ R@${k}`, 'win/tie/loss', 'centroid MRR', 'ranker MRR', 'Δ MRR'], aspectRows), '');

  out.push(`### By liked-set size: ranker minus plain centroid, Δ R@${k} / Δ MRR`, '');
  const sizeRows: string[][] = [];
  for (const kind of KINDS) {
    for (const aspect of ASPECTS) {
      const row: string[] = [kind, aspect];
      for (const size of json.likedSizes) {
        const v = versus(json.cells, kind, aspect, size);
        row.push(v ? `${signed(v.recall.mean)} / ${signed(v.mrr.mean)}` : 'n/a');
      }
      sizeRows.push(row);
    }
  }
  const meanRow = ['all', 'mean of the rows above'];
  const verdicts = new Map<string, number[]>();
  for (const size of json.likedSizes) {
    const pairs = KINDS.flatMap((kind) => ASPECTS.map((aspect) => versus(json.cells, kind, aspect, size))).filter((v) => v !== null);
    const average = (pick: (v: NonNullable<ReturnType<typeof versus>>) => number) => pairs.reduce((sum, v) => sum + pick(v), 0) / pairs.length;
    const recall = average((v) => v.recall.mean);
    const mrr = average((v) => v.mrr.mean);
    meanRow.push(pairs.length > 0 ? `${signed(recall)} / ${signed(mrr)}` : 'n/a');
    const sign = (value: number) => (value > 1e-9 ? 'ahead' : value < -1e-9 ? 'behind' : 'level');
    const verdict = sign(recall) === sign(mrr) ? `${sign(recall)} in both recall and MRR` : `${sign(recall)} in recall, ${sign(mrr)} in MRR`;
    verdicts.set(verdict, [...(verdicts.get(verdict) ?? []), size]);
  }
  sizeRows.push(meanRow);
  out.push(markdownTable(['users', 'aspect', ...json.likedSizes.map((size) => `${size} liked`)], sizeRows), '');
  out.push(
    `Averaged over the ${KINDS.length * ASPECTS.length} rows, the ranker is ${[...verdicts].map(([verdict, sizes]) => `${verdict} at ${sizes.join(', ')} liked`).join('; ')}${json.rankOptions.method === 'auto' && json.rankOptions.lexicalBlend === 0 ? ' (1 liked paper is the centroid itself)' : ''}. ${significance(json)}`,
    '',
  );

  const losses: string[] = [];
  for (const kind of KINDS) {
    for (const aspect of ASPECTS) {
      for (const size of json.likedSizes) {
        const v = versus(json.cells, kind, aspect, size);
        if (!v) continue;
        const parts: string[] = [];
        if (v.recall.mean < -1e-9) parts.push(`R@${k} ${signed(v.recall.mean)} (${v.recall.wins}/${v.recall.ties}/${v.recall.losses})`);
        if (v.mrr.mean < -1e-9) parts.push(`MRR ${signed(v.mrr.mean)}`);
        if (parts.length > 0) losses.push(`${kind} users, ${aspect}, ${size} liked: ${parts.join(', ')}`);
      }
    }
  }
  out.push(
    losses.length === 0
      ? 'The ranker is at or above the plain centroid in every cell above (recall and MRR).'
      : `**Where the ranker loses to the plain centroid** (${losses.length} of ${KINDS.length * ASPECTS.length * json.likedSizes.length} cells, recall or MRR below): ${losses.join('; ')}.`,
    '',
  );

  if (json.feedback.length === 0) {
    out.push(json.methodLabels, '');
    return out.join('\n');
  }
  const rounds = Math.max(...json.feedback.map((row) => row.round));
  const feedbackRows = json.feedback
    .filter((row) => row.round === rounds)
    .map((row) => {
      const before = json.feedback.find((other) => other.kind === row.kind && other.method === row.method && other.variant === row.variant && other.round === 0)!;
      return [`${row.kind} / ${row.method}`, row.variant, f(before.recallAtK), f(row.recallAtK), signed(row.recallAtK - before.recallAtK), f(row.mrr)];
    });
  out.push(
    `### "Not relevant" feedback: ${rounds} rounds of marking the top wrong paper (${maxLiked} liked, matching aspect)`,
    '',
    `"Hide only" drops the marked paper and uses it for nothing else; "negative" also learns from it (proximity penalty 0); "negative + proximity" is what the app does with its defaults (dislikedProximityPenalty ${String(json.rankOptions.dislikedProximityPenalty)}${json.rankOptions.dislikedProximityPenalty === 0 ? ', so it equals "negative"' : ''}). Centroid rows use the centroid method at 10 liked papers, which the app uses only for a single liked paper.`,
    '',
    markdownTable(['users / method', 'variant', `R@${k} before`, `R@${k} after`, 'Δ', 'MRR after'], feedbackRows),
    '',
    json.methodLabels,
    '',
  );
  return out.join('\n');
}
