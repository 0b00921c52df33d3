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
 * temp folder per model id). Full runs write bench/results/for-you.json; smoke runs write to a temp
 * folder (or --out-dir).
 */
import type { Aspect } from '../src-main/common/contract.ts';
import { ASPECTS } from '../src-main/common/contract.ts';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { DEFAULT_FOR_YOU_OPTIONS } from '../src-main/core/recommend/index.ts';
import { parseFlags } from './lib/cli-args.ts';
import { describeModel, embedPapers } from './lib/facet-embedding.ts';
import { deriveMethodsForPapers, METHOD_LABELS_NOTE } from './lib/method-labels.ts';
import { PWC_TDMS_FILE, requireFile } from './lib/paths.ts';
import { heldOutPapers, loadPwcPapers } from './lib/pwc-data.ts';
import { resolveOutDir, writeJson } from './lib/results-io.ts';
import { textTable } from './lib/table.ts';
import { evaluateUsers } from './lib/for-you/evaluate.ts';
import { evaluateFeedback } from './lib/for-you/feedback.ts';
import { ASPECT_HEADER, SIZE_HEADER, aspectRows, sizeRows } from './lib/for-you/report.ts';
import { buildUsers } from './lib/for-you/users.ts';
import { cacheFile, readVectorCache, writeVectorCache } from './lib/for-you/vector-cache.ts';
import type { SyntheticUser } from './lib/for-you/users.ts';

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), { values: ['users', 'seed', 'out-dir', 'model-dir'], flags: ['smoke'] });
  const smoke = flags.has('smoke');
  const usersPerKind = Number(values.get('users') ?? (smoke ? 6 : 30));
  const seed = Number(values.get('seed') ?? 20261123);
  if (!Number.isInteger(usersPerKind) || usersPerKind < 1) throw new Error('--users must be a positive integer');
  const likedSizes = smoke ? [2, 5, 10] : [1, 2, 3, 5, 10];
  const k = 10;
  const heldOut = 5;
  const distractors = 200;
  const maxLiked = Math.max(...likedSizes);
  const log = (line: string) => console.error(line);

  const modelDir = resolveModelDir({ modelDir: values.get('model-dir') });
  const model = describeModel(modelDir);
  const { papers } = await loadPwcPapers(requireFile(PWC_TDMS_FILE, 'Papers-with-Code leaderboard papers'));
  const { pool } = heldOutPapers(papers);
  log(`for-you: ${pool.length} held-out papers; model ${model.id} (${model.dims} dims${model.provisional ? ', provisional' : ''})`);

  const methods = await deriveMethodsForPapers(pool);
  const taskUsers = buildUsers(pool.map((p) => ({ id: p.id, labels: p.tasks })), { kind: 'task', users: usersPerKind, maxLiked, heldOut, distractors, seed });
  const methodUsers = buildUsers(pool.map((p, i) => ({ id: p.id, labels: methods[i]! })), { kind: 'method', users: usersPerKind, maxLiked, heldOut, distractors, seed: seed + 1 });
  const users: SyntheticUser[] = [...taskUsers, ...methodUsers];

  const ids = pool.map((paper) => paper.id);
  const cache = cacheFile(model.id, ids);
  let embedded = readVectorCache(cache, model.id, ids);
  if (embedded) log(`  vectors from cache ${cache}`);
  else {
    embedded = await embedPapers(pool, modelDir, log);
    writeVectorCache(cache, model.id, ids, ASPECTS, embedded);
  }
  const vectorsByAspect = new Map<Aspect, Map<string, Float32Array>>();
  for (const aspect of ASPECTS) vectorsByAspect.set(aspect, new Map(pool.map((paper, i) => [paper.id, embedded![i]![aspect]])));

  const started = performance.now();
  let lastLog = 0;
  const cells = evaluateUsers(users, vectorsByAspect, { aspects: ASPECTS, methods: ['centroid', 'classifier', 'auto'], likedSizes, k }, (done, total) => {
    if (performance.now() - lastLog > 10_000 || done === total) {
      lastLog = performance.now();
      log(`  ranked ${done}/${total} user × aspect × size`);
    }
  });
  const seconds = (performance.now() - started) / 1000;

  const out: string[] = [];
  out.push(`For you: recall@${k} and MRR, classifier vs plain centroid (${usersPerKind} users per kind, ${heldOut} held out among ${distractors} distractors, ${pool.length}-paper library)`);
  out.push(`model ${model.id}${model.provisional ? ' (provisional)' : ''}; ± is a 95% CI over users; Δ is classifier minus centroid, paired per user`);
  for (const kind of ['task', 'method']) {
    out.push('', `${kind} users, ${maxLiked} liked papers:`, textTable(ASPECT_HEADER, aspectRows(cells, kind, ASPECTS, maxLiked)));
    out.push('', `${kind} users on the ${kind} aspect, by liked-set size (auto switches at ${DEFAULT_FOR_YOU_OPTIONS.minPositivesForClassifier}):`, textTable(SIZE_HEADER, sizeRows(cells, kind, kind as Aspect, likedSizes)));
  }
  // "Not relevant" feedback: each user (10 liked) marks the top wrong paper, three rounds in a row.
  const feedbackRounds = 3;
  const feedback = (['task', 'method'] as const).flatMap((kind) =>
    (['centroid', 'classifier'] as const).flatMap((method) =>
      evaluateFeedback(users.filter((user) => user.kind === kind), vectorsByAspect.get(kind)!, { aspect: kind, method, liked: maxLiked, rounds: feedbackRounds, k }),
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

  const outDir = resolveOutDir(values.get('out-dir'), smoke);
  const file = writeJson(outDir, 'for-you.json', {
    benchmark: 'for-you',
    smoke,
    seed,
    model,
    library: pool.length,
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
}

main().catch((error: unknown) => {
  console.error(`for-you benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
