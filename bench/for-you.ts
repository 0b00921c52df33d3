/**
 * "For you" quality benchmark: recall@10 and MRR of the per-aspect classifier against the plain
 * centroid, for synthetic users built from the Papers-with-Code leaderboard papers.
 *
 *   npx tsx bench/for-you.ts [--smoke] [--users N] [--seed N] [--out-dir DIR] [--model-dir DIR]
 *
 * Papers: the held-out pool (validation/test splits only, never in train), so the aspect model has
 * not seen them. Users: each likes papers sharing a task (leaderboard label) or a method (derived
 * from the text by src-main/core/aspects, not gold); 5 more papers with the label are hidden among
 * 200 papers without it. Vectors come from the app's ONNX model through its embedder (cached in the
 * temp folder per model id). Full runs on the reported seed write bench/results/for-you.json and
 * regenerate bench/RESULTS.md; smoke runs and other seeds write to a temp folder (or --out-dir).
 * The ranker's defaults are tuned on another seed with bench/for-you-tune.ts, never on this one.
 */
import type { Aspect } from '../src-main/common/contract.ts';
import { ASPECTS } from '../src-main/common/contract.ts';
import { DEFAULT_FOR_YOU_OPTIONS } from '../src-main/core/recommend/index.ts';
import { parseFlags } from './lib/cli-args.ts';
import { METHOD_LABELS_NOTE } from './lib/method-labels.ts';
import { isCommittedResultsDir, resolveOutDir, writeJson } from './lib/results-io.ts';
import { textTable } from './lib/table.ts';
import { evaluateUsers } from './lib/for-you/evaluate.ts';
import { evaluateFeedback } from './lib/for-you/feedback.ts';
import { ASPECT_HEADER, SIZE_HEADER, aspectRows, sizeRows } from './lib/for-you/report.ts';
import { REPORTED_SEED, TUNING_SEED, loadForYouSetup } from './lib/for-you/setup.ts';
import { renderResultsMarkdown } from './render-results.ts';

/** How the defaults were chosen on the dev seed (bench/for-you-tune.ts), for the results text. */
const TUNING_NOTE =
  'Grids, the selection rule and the dev-seed tables: [results/for-you-tuning.md](results/for-you-tuning.md). On the dev seed the chosen setting (the centroid method with the lexical part at 0.5) gained on average at every liked-set size, but its worst kind × aspect cell still lost up to 0.047 recall@10 to the plain centroid (2 and 3 liked).';

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), { values: ['users', 'seed', 'out-dir', 'model-dir'], flags: ['smoke'] });
  const smoke = flags.has('smoke');
  const log = (line: string) => console.error(line);
  const usersPerKind = Number(values.get('users') ?? (smoke ? 6 : 30));
  const seed = Number(values.get('seed') ?? REPORTED_SEED);
  if (seed === TUNING_SEED) log(`seed ${seed} is the tuning seed: numbers from it say how the defaults were chosen, not how well they do`);
  if (!Number.isInteger(usersPerKind) || usersPerKind < 1) throw new Error('--users must be a positive integer');
  const likedSizes = smoke ? [2, 5, 10] : [1, 2, 3, 5, 10];
  const k = 10;
  const heldOut = 5;
  const distractors = 200;
  const maxLiked = Math.max(...likedSizes);

  const { model, library, users, vectorsByAspect, lexicon } = await loadForYouSetup({ seed, usersPerKind, maxLiked, heldOut, distractors, modelDir: values.get('model-dir'), log });

  const started = performance.now();
  let lastLog = 0;
  const cells = evaluateUsers(users, vectorsByAspect, { aspects: ASPECTS, methods: ['centroid', 'classifier', 'auto'], likedSizes, k, lexicon }, (done, total) => {
    if (performance.now() - lastLog > 10_000 || done === total) {
      lastLog = performance.now();
      log(`  ranked ${done}/${total} user × aspect × size`);
    }
  });
  const seconds = (performance.now() - started) / 1000;

  const out: string[] = [];
  out.push(`For you: recall@${k} and MRR, classifier vs plain centroid (${usersPerKind} users per kind, ${heldOut} held out among ${distractors} distractors, ${library}-paper library)`);
  out.push(`model ${model.id}${model.provisional ? ' (provisional)' : ''}; ± is a 95% CI over users; Δ is classifier minus centroid, paired per user`);
  for (const kind of ['task', 'method']) {
    out.push('', `${kind} users, ${maxLiked} liked papers:`, textTable(ASPECT_HEADER, aspectRows(cells, kind, ASPECTS, maxLiked)));
    out.push('', `${kind} users on the ${kind} aspect, by liked-set size (auto: the app's default, ${DEFAULT_FOR_YOU_OPTIONS.method} method with lexical part ×${DEFAULT_FOR_YOU_OPTIONS.lexicalBlend}):`, textTable(SIZE_HEADER, sizeRows(cells, kind, kind as Aspect, likedSizes)));
  }
  // "Not relevant" feedback: each user (10 liked) marks the top wrong paper, three rounds in a row.
  const feedbackRounds = 3;
  const feedback = (['task', 'method'] as const).flatMap((kind) =>
    (['centroid', 'classifier'] as const).flatMap((method) =>
      evaluateFeedback(users.filter((user) => user.kind === kind), vectorsByAspect.get(kind)!, { aspect: kind, method, liked: maxLiked, rounds: feedbackRounds, k, lexicon }),
    ),
  );
  const feedbackRows = feedback
    .filter((row) => row.round === feedbackRounds)
    .map((row) => {
      const before = feedback.find((other) => other.kind === row.kind && other.method === row.method && other.variant === row.variant && other.round === 0)!;
      return [`${row.kind} / ${row.method}`, row.variant, before.recallAtK.toFixed(3), row.recallAtK.toFixed(3), `${row.recallAtK - before.recallAtK >= 0 ? '+' : ''}${(row.recallAtK - before.recallAtK).toFixed(3)}`, row.mrr.toFixed(3)];
    });
  out.push('', `"Not relevant" feedback: ${feedbackRounds} rounds of marking the top wrong paper (${maxLiked} liked, matching aspect):`, textTable(['users / method', 'variant', `R@${k} before`, `R@${k} after`, 'Δ', 'MRR after'], feedbackRows));
  out.push('', METHOD_LABELS_NOTE);
  console.log(out.join('\n'));

  // Only the reported seed's full run goes to the committed results; other seeds go to a temp folder.
  const outDir = resolveOutDir(values.get('out-dir'), smoke || seed !== REPORTED_SEED);
  const file = writeJson(outDir, 'for-you.json', {
    benchmark: 'for-you',
    smoke,
    seed,
    tuning: {
      seed: TUNING_SEED,
      script: 'bench/for-you-tune.ts',
      note: TUNING_NOTE,
    },
    model,
    library,
    usersPerKind,
    heldOut,
    distractors,
    k,
    likedSizes,
    rankOptions: DEFAULT_FOR_YOU_OPTIONS,
    rankingSeconds: Number(seconds.toFixed(1)),
    methodLabels: METHOD_LABELS_NOTE,
    users: users.map((user) => ({ id: user.id, label: user.label })),
    cells,
    feedback,
  });
  log(`wrote ${file}`);
  if (!smoke && isCommittedResultsDir(outDir)) log(`updated ${renderResultsMarkdown()}`);
}

main().catch((error: unknown) => {
  console.error(`for-you benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
