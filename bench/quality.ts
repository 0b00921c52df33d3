/**
 * npm run bench:quality — aspect-based similarity quality, after Ostendorff et al. (JCDL 2022).
 *
 *   --settings held-out,4-fold   which evaluations to run (default: both)
 *   --systems a,b,...            random, tfidf, bm25, facet-generic, facet-task, facet-method, facet-dataset
 *   --smoke                      ~1 minute: a seeded subsample of the held-out pool, no retraining; labelled smoke
 *   --out-dir DIR                where quality.json goes (default: bench/results for full runs, a temp dir for smoke)
 *   --model-dir DIR              the model to evaluate in the held-out setting (default: the one in resources/models)
 *   --seed N                     seed for the random baseline, the fold assignment and the smoke subsample
 *   --fold-work DIR              the trainer's --work folder for the 4-fold heads (default: its own)
 *   --fold-epochs N              the trainer's --epochs for the fold heads (default: the trainer's own); recorded in the JSON
 *   --merge                      keep the settings of an earlier quality.json in the out dir that this run
 *                                does not redo (each setting keeps its own date, commit and model)
 *
 * Full runs into bench/results also regenerate bench/RESULTS.md from the JSON files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeanMetrics } from './lib/metrics.ts';
import { parseFlags, parseList } from './lib/cli-args.ts';
import { currentCommit, describeMachine, machineInfo } from './lib/machine.ts';
import { deriveMethodsForPapers, METHOD_LABELS_NOTE } from './lib/method-labels.ts';
import { PWC_TDMS_FILE, requireFile } from './lib/paths.ts';
import { heldOutPapers, HELD_OUT_SPLITS, loadPwcPapers, trainOnlyPapers, type PwcPaper } from './lib/pwc-data.ts';
import { assignFolds, averageFolds, evaluatePool, type LabelledPool, type PoolStats, type SystemResults } from './lib/quality-run.ts';
import {
  HYBRID_NOTE,
  isFacetSystem,
  QUALITY_ASPECTS,
  QUALITY_SYSTEMS,
  SYSTEM_DESCRIPTIONS,

} from './lib/quality-systems.ts';
import { seededShuffle } from './lib/ranking.ts';
import { MAX_PAPERS_PER_LABEL } from './lib/relevance.ts';
import { isCommittedResultsDir, resolveOutDir, writeJson } from './lib/results-io.ts';
import { fixed, textTable } from './lib/table.ts';
import { describeModel, embedPapers, type ModelSummary } from './lib/facet-embedding.ts';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { trainFoldModel, trainerFingerprint, FOLD_TRAINING_NOTE } from './lib/fold-training.ts';
import { renderResultsMarkdown } from './render-results.ts';

const SETTINGS = ['held-out', '4-fold'] as const;
type Setting = (typeof SETTINGS)[number];
const K = 10;
const FOLDS = 4;
const SMOKE_POOL_SIZE = 400;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function labelledPool(papers: PwcPaper[], vectors?: LabelledPool['vectors']): Promise<LabelledPool> {
  return { papers, methods: await deriveMethodsForPapers(papers), vectors };
}

function printSetting(setting: string, results: SystemResults): void {
  for (const aspect of QUALITY_ASPECTS) {
    const rows = Object.entries(results).map(([system, perAspect]) => {
      const m = perAspect[aspect] as MeanMetrics;
      return [system, fixed(m.map), fixed(m.mrr), fixed(m.p), fixed(m.r), fixed(m.ndcg), String(m.queries)];
    });
    process.stdout.write(`\n${setting} — aspect: ${aspect} (@${K})\n`);
    process.stdout.write(`${textTable(['system', 'MAP', 'MRR', 'P', 'R', 'nDCG', 'queries'], rows)}\n`);
  }
}

/**
 * Copies settings this run did not redo from an earlier quality.json, so the held-out and 4-fold
 * settings can be run at different times. Refuses when the earlier file is a smoke run or used
 * other systems, so one table never mixes incomparable rows.
 */
function mergeEarlierSettings(file: string, output: { settings: Record<string, unknown>; settingDetails: Record<string, unknown> }, ran: readonly string[], systems: readonly string[]): void {
  if (!existsSync(file)) return;
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as { smoke?: boolean; settings?: Record<string, Record<string, unknown>>; settingDetails?: Record<string, unknown> };
  if (earlier.smoke) throw new Error(`--merge: ${file} is a smoke run; not merging`);
  for (const [name, results] of Object.entries(earlier.settings ?? {})) {
    if (ran.includes(name)) continue;
    const earlierSystems = Object.keys(results).sort().join(',');
    if (earlierSystems !== [...systems].sort().join(',')) throw new Error(`--merge: ${file} setting ${name} has systems ${earlierSystems}, this run ${systems.join(',')}`);
    output.settings[name] = results;
    output.settingDetails[name] = earlier.settingDetails?.[name];
    log(`kept setting ${name} from ${file}`);
  }
}

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), {
    values: ['settings', 'systems', 'out-dir', 'model-dir', 'seed', 'fold-work', 'fold-epochs'],
    flags: ['smoke', 'merge'],
  });
  const smoke = flags.has('smoke');
  const settings = parseList(values.get('settings') ?? (smoke ? 'held-out' : SETTINGS.join(',')), SETTINGS, 'setting');
  if (smoke && settings.includes('4-fold')) throw new Error('--smoke runs the held-out setting only (no retraining); drop 4-fold');
  const systems = parseList(values.get('systems') ?? QUALITY_SYSTEMS.join(','), QUALITY_SYSTEMS, 'system');
  const seed = Number(values.get('seed') ?? '13');
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.get('seed')}`);
  const outDir = resolveOutDir(values.get('out-dir'), smoke);
  const wantsFacet = systems.some(isFacetSystem);
  const foldWork = values.get('fold-work');
  const foldEpochs = values.has('fold-epochs') ? Number(values.get('fold-epochs')) : undefined;
  if (foldEpochs !== undefined && !(Number.isInteger(foldEpochs) && foldEpochs > 0)) throw new Error(`--fold-epochs must be a positive integer, got ${values.get('fold-epochs')}`);

  const started = performance.now();
  const { papers, report, heldOutKeys } = await loadPwcPapers(requireFile(PWC_TDMS_FILE, 'Papers-with-Code leaderboard data'));
  log(`loaded ${papers.length} labelled papers with abstracts (${report.rows} rows; ${report.withoutAbstract} without abstract, ${report.withoutLabels} without labels, ${report.duplicateRows} duplicate rows merged)`);

  let model: ModelSummary | null = null;
  let modelDir: string | null = null;
  if (wantsFacet) {
    modelDir = resolveModelDir({ modelDir: values.get('model-dir') });
    model = describeModel(modelDir);
    log(`model: ${model.id} (${model.provisional ? 'provisional' : 'final'}) from ${modelDir}`);
  }

  const resultSettings: Partial<Record<Setting, SystemResults>> = {};
  const settingDetails: Record<string, unknown> = {};

  if (settings.includes('held-out')) {
    const { pool: fullPool, alsoInTrain } = heldOutPapers(papers);
    const pool = smoke ? seededShuffle(fullPool, seed).slice(0, SMOKE_POOL_SIZE) : fullPool;
    log(`held-out pool: ${pool.length} papers${smoke ? ` (smoke subsample of ${fullPool.length})` : ''}`);
    const vectors = wantsFacet && modelDir ? await embedPapers(pool, modelDir, log) : undefined;
    const { results, stats } = evaluatePool(await labelledPool(pool, vectors), systems, K, seed, log);
    resultSettings['held-out'] = results;
    settingDetails['held-out'] = {
      date: new Date().toISOString(),
      commit: currentCommit(),
      pool: `papers of splits ${HELD_OUT_SPLITS.join(', ')} (deduplicated by paper_id) with an abstract and >= 1 label, minus ${alsoInTrain} also filed under train`,
      smokeSubsample: smoke ? { of: fullPool.length, kept: pool.length, seed } : null,
      stats,
      model: model?.id ?? null,
    };
    printSetting(smoke ? 'held-out (SMOKE subsample)' : 'held-out', results);
  }

  if (settings.includes('4-fold')) {
    const trainPapers = trainOnlyPapers(papers, heldOutKeys);
    const foldOf = assignFolds(trainPapers.map((paper) => paper.id), FOLDS, seed, seededShuffle);
    const foldResults: SystemResults[] = [];
    const foldStats: (PoolStats & { fold: number; trainPapers: number; model: string | null })[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const testPapers = trainPapers.filter((paper) => foldOf.get(paper.id) === fold);
      const fitPapers = trainPapers.filter((paper) => foldOf.get(paper.id) !== fold);
      log(`fold ${fold + 1}/${FOLDS}: ${testPapers.length} evaluation papers, ${fitPapers.length} for training`);
      let vectors: LabelledPool['vectors'];
      let foldModelId: string | null = null;
      if (wantsFacet && modelDir) {
        const foldModelDir = await trainFoldModel({
          fold,
          trainIds: fitPapers.map((p) => p.id),
          heldOutIds: testPapers.map((p) => p.id),
          seed,
          trainerWorkDir: foldWork,
          epochs: foldEpochs,
          log,
        });
        foldModelId = describeModel(foldModelDir).id;
        vectors = await embedPapers(testPapers, foldModelDir, log);
      }
      const { results, stats } = evaluatePool(await labelledPool(testPapers, vectors), systems, K, seed + fold, log);
      foldResults.push(results);
      foldStats.push({ ...stats, fold: fold + 1, trainPapers: fitPapers.length, model: foldModelId });
    }
    const averaged = averageFolds(foldResults, systems);
    resultSettings['4-fold'] = averaged;
    settingDetails['4-fold'] = {
      date: new Date().toISOString(),
      commit: currentCommit(),
      model: model ? 'heads retrained per fold by tools/model/train_heads.py (fingerprints under "trainer")' : null,
      trainer: wantsFacet ? trainerFingerprint(foldWork) : null,
      pool: `papers only in the train split with an abstract and >= 1 label, none sharing a paper_id or arXiv id with any validation/test row (${trainPapers.length}); held-out papers are never trained on`,
      folds: FOLDS,
      foldSeed: seed,
      averaging: "each fold's pool is ranked and judged on its own (label counts per fold pool); metrics are the unweighted mean of the four folds' means; queries is the total",
      training: wantsFacet
        ? `${FOLD_TRAINING_NOTE}${foldEpochs !== undefined ? ` (per-fold heads trained for ${foldEpochs} epochs, NOT the trainer's default that the committed model uses; chosen to fit the time available)` : ''}${foldWork ? ` (trainer work folder ${foldWork})` : ''}`
        : 'no Facet system requested: nothing retrained',
      perFold: foldStats.map((stats, index) => ({ ...stats, results: foldResults[index] })),
    };
    printSetting('4-fold (mean of folds)', averaged);
  }

  const machine = machineInfo();
  const output = {
    benchmark: 'quality',
    smoke,
    k: K,
    settings: resultSettings,
    commit: currentCommit(),
    date: new Date().toISOString(),
    machine,
    model,
    methodLabels: METHOD_LABELS_NOTE,
    relevance: `two papers are relevant under an aspect when they share >= 1 label of it; labels held by >= ${MAX_PAPERS_PER_LABEL} papers of the evaluated pool are ignored; queries are pool papers with >= 1 relevant paper; all other pool papers are ranked`,
    metrics: `at k=${K}, as in Ostendorff et al.'s code: P = hits/retrieved; R = hits/#relevant; MRR = mean 1/rank of first hit; MAP: AP = sum of precision at each hit in the top k divided by the number of relevant papers (all of them, not min(#relevant, k)); nDCG with the ideal ranking truncated to k`,
    systems: Object.fromEntries(systems.map((system) => [system, SYSTEM_DESCRIPTIONS[system]])),
    hybrid: HYBRID_NOTE,
    settingDetails,
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  if (flags.has('merge')) mergeEarlierSettings(join(outDir, 'quality.json'), output, settings, systems);
  const file = writeJson(outDir, 'quality.json', output);
  log(`\nmachine: ${describeMachine(machine)}`);
  log(`wrote ${file}${smoke ? ' (SMOKE run: not the committed results)' : ''}`);
  if (!smoke && isCommittedResultsDir(outDir)) log(`updated ${renderResultsMarkdown()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:quality failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

