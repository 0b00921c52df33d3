/**
 * Tunes the "For you" ranker on a DEV seed, never on the reported one: the same kind of synthetic
 * users as bench/for-you.ts, drawn with another seed, ranked with the app's own score parts
 * (`buildScoreParts`) under a grid of settings. Writes a summary per setting and liked-set size.
 *
 *   npx tsx bench/for-you-tune.ts [--seed N] [--users N] [--smoke] [--out-dir DIR]
 *   npx tsx bench/for-you-tune.ts --feedback [--seed N] [--users N] [--out-dir DIR]
 *   npx tsx bench/for-you-tune.ts --summarise FILE[,FILE…]
 *
 * The grid: the classifier's L2 penalty and weak-negative sample size; for the classifier method
 * the weights of the centroid and nearest-liked parts added to the classifier's; for the centroid
 * method the weight of the nearest-liked part. Each setting is scored by recall@10 and MRR on
 * every kind of user × aspect × liked-set size, as in the benchmark. The chosen setting becomes
 * DEFAULT_FOR_YOU_OPTIONS, and only then does bench/for-you.ts run on the reported seed.
 *
 * --summarise ranks the settings of one or more grid outputs (JSON) by the selection rule: the mean,
 * over liked-set sizes, of the gain in recall@10 plus the gain in MRR over the plain centroid
 * (each gain averaged over the 2 kinds of user × 4 aspects).
 *
 * --feedback tunes what "not relevant" does, on top of the current defaults: the disliked-proximity
 * penalty and the weight of a disliked paper (classifier) or of the disliked centroid (centroid),
 * scored by the benchmark's simulation (3 rounds of marking the top wrong paper, 10 liked, aspect
 * matching the users) against merely hiding the marked papers.
 */
import fs from 'node:fs';
import type { Aspect } from '../src-main/common/contract.ts';
import { ASPECTS } from '../src-main/common/contract.ts';
import { SCORE_PARTS, buildScoreParts } from '../src-main/core/recommend/for-you.ts';
import type { ScorePartName } from '../src-main/core/recommend/for-you.ts';
import type { ForYouOptions, ReadingFeedback } from '../src-main/core/recommend/index.ts';
import { parseFlags } from './lib/cli-args.ts';
import { evaluateFeedback } from './lib/for-you/feedback.ts';
import { mean, recallAtK, reciprocalRank } from './lib/for-you/metrics.ts';
import type { SyntheticUser } from './lib/for-you/users.ts';
import { REPORTED_SEED, TUNING_SEED, loadForYouSetup } from './lib/for-you/setup.ts';
import { resolveOutDir, writeJson } from './lib/results-io.ts';
import { textTable } from './lib/table.ts';

interface Setting {
  method: 'classifier' | 'centroid';
  l2: number;
  unlabelledSample: number;
  negativeExclusion: number;
  weights: Record<ScorePartName, number>;
}

function settingKey(setting: Setting): string {
  const { classifier, centroid, nearest, lexical } = setting.weights;
  // The lexical part is named only when on, so keys of grids from before it existed still match.
  const withLexical = lexical === 0 ? '' : ` +lexical×${lexical}`;
  return setting.method === 'centroid'
    ? `centroid n=${setting.unlabelledSample} +nearest×${nearest}${withLexical}`
    : `classifier l2=${setting.l2} n=${setting.unlabelledSample} excl=${setting.negativeExclusion} ×${classifier} +centroid×${centroid} +nearest×${nearest}${withLexical}`;
}

/**
 * The grids run on the dev seed. "wide" came first (l2, sample size and blend weights); it showed
 * the classifier losing to the centroid on the task aspect for task users, which "exclusion"
 * then addressed (leaving the papers nearest the liked centroid out of the weak negatives).
 */
const GRIDS = {
  smoke: { l2s: [1e-2, 1], samples: [300], exclusions: [0, 0.05], centroidBlends: [0, 1], nearestBlends: [0, 0.5], centroidNearestBlends: [0, 0.5], lexicalBlends: [0, 1] },
  wide: { l2s: [1e-3, 1e-2, 1e-1, 1, 10], samples: [1000, 300], exclusions: [0], centroidBlends: [0, 0.25, 0.5, 1, 2, 4], nearestBlends: [0, 0.25, 0.5, 1], centroidNearestBlends: [0, 0.25, 0.5, 1, 2], lexicalBlends: [0] },
  exclusion: { l2s: [1e-3, 1e-2], samples: [300], exclusions: [0, 0.03, 0.1], centroidBlends: [0, 0.5, 1, 2, 4], nearestBlends: [0], centroidNearestBlends: [0], lexicalBlends: [0] },
  // The lexical part (TF-IDF cosine to the liked papers over the library's words) on top of the
  // settings the earlier grids chose, at both methods.
  lexical: { l2s: [1e-3], samples: [300], exclusions: [0.03], centroidBlends: [1], nearestBlends: [0], centroidNearestBlends: [0], lexicalBlends: [0, 0.25, 0.5, 1, 2, 4] },
};

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), { values: ['users', 'seed', 'out-dir', 'model-dir', 'sizes', 'grid', 'summarise'], flags: ['smoke', 'feedback'] });
  const smoke = flags.has('smoke');
  if (values.has('summarise')) {
    summarise(values.get('summarise')!.split(','));
    return;
  }
  const seed = Number(values.get('seed') ?? TUNING_SEED);
  if (seed === REPORTED_SEED) throw new Error(`seed ${REPORTED_SEED} is the reported seed; tune on another one`);
  const usersPerKind = Number(values.get('users') ?? (smoke ? 4 : 30));
  const likedSizes = values.has('sizes') ? values.get('sizes')!.split(',').map(Number) : smoke ? [2, 10] : [1, 2, 3, 5, 10];
  const k = 10;
  const log = (line: string) => console.error(line);
  const { model, library, users, vectorsByAspect, lexicon } = await loadForYouSetup({
    seed, usersPerKind, maxLiked: 10, heldOut: 5, distractors: 200, modelDir: values.get('model-dir'), log,
  });

  if (flags.has('feedback')) {
    tuneFeedback(users, vectorsByAspect, { seed, usersPerKind, k, smoke, outDir: values.get('out-dir'), log });
    return;
  }

  const gridName = values.get('grid') ?? (smoke ? 'smoke' : 'wide');
  const grid = GRIDS[gridName as keyof typeof GRIDS];
  if (!grid) throw new Error(`--grid must be one of ${Object.keys(GRIDS).join(', ')}`);
  const { l2s, samples, exclusions, centroidBlends, nearestBlends, centroidNearestBlends, lexicalBlends } = grid;

  // setting key -> cell key (kind|aspect|size) -> per-user recall and reciprocal rank
  const results = new Map<string, { setting: Setting; cells: Map<string, { recall: number[]; mrr: number[] }> }>();
  const record = (setting: Setting, cell: string, ranked: readonly string[], relevant: ReadonlySet<string>) => {
    const key = settingKey(setting);
    let entry = results.get(key);
    if (!entry) results.set(key, (entry = { setting, cells: new Map() }));
    let values = entry.cells.get(cell);
    if (!values) entry.cells.set(cell, (values = { recall: [], mrr: [] }));
    values.recall.push(recallAtK(ranked, relevant, k));
    values.mrr.push(reciprocalRank(ranked, relevant));
  };
  const rankBy = (candidates: readonly string[], z: Record<ScorePartName, Float64Array>, weights: Record<ScorePartName, number>) => {
    const scores = candidates.map((id, i) => ({ id, score: SCORE_PARTS.reduce((sum, name) => sum + (weights[name] === 0 ? 0 : weights[name] * z[name][i]!), 0) }));
    scores.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return scores.map((entry) => entry.id);
  };

  const started = performance.now();
  const total = users.length * ASPECTS.length * likedSizes.length;
  let done = 0;
  for (const user of users) {
    const relevant = new Set(user.heldOut);
    const candidates = [...user.heldOut, ...user.distractors].sort();
    for (const aspect of ASPECTS) {
      const vectors = vectorsByAspect.get(aspect)!;
      for (const size of likedSizes) {
        const reading = new Map<string, ReadingFeedback>();
        for (const id of user.liked.slice(0, size)) reading.set(id, { status: 'read', rating: null, notRelevant: false });
        const cell = `${user.kind}|${aspect}|${size}`;
        const standardise = (parts: ReturnType<typeof buildScoreParts>['parts']) => {
          const z = {} as Record<ScorePartName, Float64Array>;
          for (const name of SCORE_PARTS) {
            const part = parts[name];
            z[name] = new Float64Array(candidates.length);
            if (part) candidates.forEach((id, i) => (z[name][i] = (part.raw(vectors.get(id)!, id) - part.mean) / part.sd));
          }
          return z;
        };
        for (const unlabelledSample of samples) {
          const centroidParts = standardise(buildScoreParts({ vectors, reading, lexicon, options: { method: 'centroid', unlabelledSample } }).parts);
          for (const nearest of centroidNearestBlends) {
            for (const lexical of lexicalBlends) {
              const setting: Setting = { method: 'centroid', l2: 0, unlabelledSample, negativeExclusion: 0, weights: { classifier: 0, centroid: 1, nearest, lexical } };
              record(setting, cell, rankBy(candidates, centroidParts, setting.weights), relevant);
            }
          }
          for (const l2 of l2s) {
            for (const negativeExclusion of exclusions) {
              const z = standardise(buildScoreParts({ vectors, reading, lexicon, options: { method: 'classifier', l2, unlabelledSample, negativeExclusion } }).parts);
              for (const centroid of centroidBlends) {
                for (const nearest of nearestBlends) {
                  for (const lexical of lexicalBlends) {
                    const setting: Setting = { method: 'classifier', l2, unlabelledSample, negativeExclusion, weights: { classifier: 1, centroid, nearest, lexical } };
                    record(setting, cell, rankBy(candidates, z, setting.weights), relevant);
                  }
                }
              }
            }
          }
        }
        done++;
        if (done % 20 === 0 || done === total) log(`  ${done}/${total} user × aspect × size (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
  }

  // Summary: per setting and size, the mean over the 2 kinds × 4 aspects, the matching aspect
  // (task users on task, method users on method), and the worst kind × aspect cell against the
  // plain centroid (same users, same size).
  const kinds = ['task', 'method'];
  const baseline = results.get(settingKey({ method: 'centroid', l2: 0, unlabelledSample: samples[0]!, negativeExclusion: 0, weights: { classifier: 0, centroid: 1, nearest: 0, lexical: 0 } }))!;
  const summary = [...results.entries()].map(([key, entry]) => {
    const bySize = likedSizes.map((size) => {
      const cellKeys = kinds.flatMap((kind) => ASPECTS.map((aspect) => `${kind}|${aspect}|${size}`));
      const matching = kinds.map((kind) => `${kind}|${kind as Aspect}|${size}`);
      const avg = (keys: readonly string[], field: 'recall' | 'mrr') => mean(keys.map((cellKey) => mean(entry.cells.get(cellKey)![field])));
      const worstDelta = Math.min(...cellKeys.map((cellKey) => mean(entry.cells.get(cellKey)!.recall) - mean(baseline.cells.get(cellKey)!.recall)));
      const perCell = Object.fromEntries(cellKeys.map((cellKey) => [cellKey, { recall: Number(mean(entry.cells.get(cellKey)!.recall).toFixed(4)), mrr: Number(mean(entry.cells.get(cellKey)!.mrr).toFixed(4)) }]));
      return { size, recall: avg(cellKeys, 'recall'), mrr: avg(cellKeys, 'mrr'), matchingRecall: avg(matching, 'recall'), matchingMrr: avg(matching, 'mrr'), worstRecallDeltaVsCentroid: worstDelta, perCell };
    });
    return { key, setting: entry.setting, bySize };
  });

  const out: string[] = [`For you tuning on dev seed ${seed} (${usersPerKind} users per kind, ${library}-paper library, model ${model.id})`];
  for (const size of likedSizes) {
    const rows = summary
      .map((row) => ({ key: row.key, stats: row.bySize.find((entry) => entry.size === size)! }))
      .sort((a, b) => b.stats.recall - a.stats.recall || b.stats.mrr - a.stats.mrr)
      .slice(0, 12)
      .map(({ key, stats }) => [key, stats.recall.toFixed(3), stats.mrr.toFixed(3), stats.matchingRecall.toFixed(3), stats.matchingMrr.toFixed(3), stats.worstRecallDeltaVsCentroid.toFixed(3)]);
    const base = summary.find((row) => row.key === settingKey(baseline.setting))!.bySize.find((entry) => entry.size === size)!;
    rows.push(['(plain centroid)', base.recall.toFixed(3), base.mrr.toFixed(3), base.matchingRecall.toFixed(3), base.matchingMrr.toFixed(3), '0.000']);
    out.push('', `${size} liked: best settings by mean recall@${k} over kinds × aspects`, textTable(['setting', `R@${k}`, 'MRR', `matching R@${k}`, 'matching MRR', 'worst Δ R vs centroid'], rows));
  }
  console.log(out.join('\n'));
  const outDir = resolveOutDir(values.get('out-dir'), true);
  const file = writeJson(outDir, `for-you-tuning-${gridName}-${likedSizes.join('-')}.json`, { benchmark: 'for-you-tuning', grid: gridName, seed, usersPerKind, library, model, k, likedSizes, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), summary });
  log(`wrote ${file}`);
}

interface SummaryFile {
  seed: number;
  summary: { key: string; setting: Setting; bySize: { size: number; perCell: Record<string, { recall: number; mrr: number }> }[] }[];
}

/** The selection rule over grid outputs; see the module comment. */
function summarise(files: readonly string[]): void {
  const bySetting = new Map<string, Map<number, Record<string, { recall: number; mrr: number }>>>();
  const seeds = new Set<number>();
  for (const file of files) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryFile;
    seeds.add(json.seed);
    for (const entry of json.summary) {
      // Keys from before negativeExclusion existed name no exclusion: the same as excl=0.
      const key = entry.key.includes(' excl=') || entry.setting.method === 'centroid' ? entry.key : entry.key.replace(/ n=(\d+) /, ' n=$1 excl=0 ');
      const sizes = bySetting.get(key) ?? new Map();
      for (const size of entry.bySize) sizes.set(size.size, size.perCell);
      bySetting.set(key, sizes);
    }
  }
  if (seeds.has(REPORTED_SEED)) throw new Error(`${files.join(', ')}: a summary of the reported seed is not a tuning result`);
  const baseline = [...bySetting.entries()].find(([key]) => key.startsWith('centroid') && key.endsWith('+nearest×0'))?.[1];
  if (!baseline) throw new Error('no plain-centroid setting in these files');
  const sizes = [...baseline.keys()].sort((a, b) => a - b);
  const rows = [...bySetting.entries()]
    .filter(([, perSize]) => sizes.every((size) => perSize.has(size)))
    .map(([key, perSize]) => {
      const deltas = sizes.map((size) => {
        const cells = Object.keys(baseline.get(size)!);
        const gain = (field: 'recall' | 'mrr') => mean(cells.map((cell) => perSize.get(size)![cell]![field] - baseline.get(size)![cell]![field]));
        return { size, recall: gain('recall'), mrr: gain('mrr') };
      });
      return { key, deltas, score: mean(deltas.map((delta) => delta.recall + delta.mrr)) };
    })
    .sort((a, b) => b.score - a.score);
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
  console.log(`Settings ranked by mean over liked-set sizes of (Δ R@10 + Δ MRR) against the plain centroid, seed ${[...seeds].join(', ')}\n`);
  console.log(
    textTable(
      ['setting', 'score', ...sizes.map((size) => `${size} liked: ΔR / ΔMRR`)],
      rows.slice(0, 15).map((row) => [row.key, signed(row.score), ...row.deltas.map((delta) => `${signed(delta.recall)} / ${signed(delta.mrr)}`)]),
    ),
  );
}

/** Grid over what "not relevant" does, each setting run through the benchmark's feedback simulation. */
function tuneFeedback(
  users: readonly SyntheticUser[],
  vectorsByAspect: ReadonlyMap<Aspect, ReadonlyMap<string, Float32Array>>,
  options: { seed: number; usersPerKind: number; k: number; smoke: boolean; outDir: string | undefined; log: (line: string) => void },
): void {
  const rounds = 3;
  const liked = 10;
  const grid: { method: 'centroid' | 'classifier'; rankOptions: ForYouOptions }[] = [];
  for (const dislikedProximityPenalty of [0, 0.5, 1, 2]) {
    for (const dislikedExampleWeight of options.smoke ? [1] : [0.25, 1]) grid.push({ method: 'classifier', rankOptions: { dislikedProximityPenalty, dislikedExampleWeight } });
    for (const negativeWeight of options.smoke ? [0.5] : [0.25, 0.5]) grid.push({ method: 'centroid', rankOptions: { dislikedProximityPenalty, negativeWeight } });
  }
  const rows: string[][] = [];
  const summary: unknown[] = [];
  for (const kind of ['task', 'method'] as const) {
    const kindUsers = users.filter((user) => user.kind === kind);
    const vectors = vectorsByAspect.get(kind)!;
    for (const method of ['centroid', 'classifier'] as const) {
      const hidden = evaluateFeedback(kindUsers, vectors, { aspect: kind, method, liked, rounds, k: options.k, variants: ['hide only'] });
      const hideAfter = hidden.find((row) => row.round === rounds)!;
      const before = hidden.find((row) => row.round === 0)!;
      rows.push([`${kind} / ${method}`, 'hide only', before.recallAtK.toFixed(3), hideAfter.recallAtK.toFixed(3), '', hideAfter.mrr.toFixed(3)]);
      for (const setting of grid.filter((entry) => entry.method === method)) {
        const result = evaluateFeedback(kindUsers, vectors, { aspect: kind, method, liked, rounds, k: options.k, rankOptions: setting.rankOptions, variants: ['negative + proximity'] });
        const after = result.find((row) => row.round === rounds)!;
        rows.push([`${kind} / ${method}`, JSON.stringify(setting.rankOptions), before.recallAtK.toFixed(3), after.recallAtK.toFixed(3), (after.recallAtK - hideAfter.recallAtK).toFixed(3), after.mrr.toFixed(3)]);
        summary.push({ kind, method, rankOptions: setting.rankOptions, recallBefore: before.recallAtK, recallAfter: after.recallAtK, hideOnlyAfter: hideAfter.recallAtK, mrrAfter: after.mrr });
      }
      options.log(`  feedback: ${kind} / ${method} done`);
    }
  }
  console.log(`"Not relevant" tuning on dev seed ${options.seed} (${options.usersPerKind} users per kind, ${liked} liked, ${rounds} rounds)\n`);
  console.log(textTable(['users / method', 'setting', `R@${options.k} before`, `R@${options.k} after`, 'Δ vs hide only', 'MRR after'], rows));
  const file = writeJson(resolveOutDir(options.outDir, true), 'for-you-feedback-tuning.json', { benchmark: 'for-you-feedback-tuning', seed: options.seed, usersPerKind: options.usersPerKind, liked, rounds, summary });
  options.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(`for-you tuning failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
