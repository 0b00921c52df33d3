/**
 * npm run bench:quality — paper-to-paper similarity per aspect, on labels that no training step reads.
 *
 * Settings (each split into dev and test halves by bench/lib/split.ts; the model's weights were
 * chosen on dev by tools/model/select_aspects.py, test is for reporting):
 *   scirex  SciREX's 306 papers with hand-annotated tasks, methods and datasets (human labels).
 *   pwc     Papers-with-Code held-out papers (validation + test splits, none in train) with their
 *           leaderboard tasks and datasets; method labels there are DERIVED by Facet's name matcher
 *           (src-main/core/aspects/method-labels.ts) and are reported as such, not as evidence.
 * Relevance kinds: task, dataset (share >= 1 label of it), method (SciREX: shared annotated Method
 * mentions, see bench/lib/scirex-data.ts; PwC: derived labels), overall (share a task or dataset label).
 *
 *   --settings scirex,pwc   which settings (default both)
 *   --systems a,b,...       random, tfidf, bm25, lexical, lsa, facet-generic, facet-task, facet-method, facet-dataset, facet-hybrid
 *   --smoke                 a seeded 400-paper subsample of the pwc pool, no LSA build; labelled smoke
 *   --out-dir DIR           where quality.json goes (default: bench/results for full runs, a temp dir for smoke)
 *   --model-dir DIR         the model to evaluate (default: the one in resources/models)
 *   --seed N                seed for the random baseline, the bootstrap and the smoke subsample
 *
 * Full runs into bench/results also regenerate bench/RESULTS.md from the JSON files.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Aspect, AspectTerms } from '../src-main/common/contract.ts';
import type { AspectVectors } from '../src-main/core/types.ts';
import { loadManifest } from '../src-main/core/embed/manifest.ts';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { pairedBootstrap, type Interval } from './lib/bootstrap.ts';
import { parseFlags, parseList } from './lib/cli-args.ts';
import { evaluateDetailed } from './lib/evaluate-detailed.ts';
import { describeModel, embedPapers, type ModelSummary } from './lib/facet-embedding.ts';
import { HybridScorer } from './lib/hybrid-scorer.ts';
import { normaliseLabel } from './lib/labels.ts';
import { ensureLsaBaseline, LSA_BASELINE_DIR } from './lib/lsa-baseline.ts';
import { currentCommit, describeMachine, machineInfo } from './lib/machine.ts';
import type { MeanMetrics } from './lib/metrics.ts';
import { deriveMethodsForPapers, METHOD_LABELS_NOTE } from './lib/method-labels.ts';
import { PWC_TDMS_FILE, requireFile, SHARED_DIR } from './lib/paths.ts';
import { heldOutPapers, HELD_OUT_SPLITS, loadPwcPapers } from './lib/pwc-data.ts';
import { QUALITY_ASPECTS, QUALITY_SYSTEMS, SYSTEM_DESCRIPTIONS, isFacetSystem, makeScorer, type QualityAspect, type QualitySystem } from './lib/quality-systems.ts';
import { seededShuffle } from './lib/ranking.ts';
import { buildRelevance, MAX_PAPERS_PER_LABEL } from './lib/relevance.ts';
import { isCommittedResultsDir, resolveOutDir, writeJson } from './lib/results-io.ts';
import { loadScirex, loadScirexMethodMentions, mentionRelevance, MENTIONS_MAX_SHARE, MENTIONS_SHARED } from './lib/scirex-data.ts';
import { SPLITS, splitOf, type Split } from './lib/split.ts';
import { fixed, textTable } from './lib/table.ts';
import { renderResultsMarkdown } from './render-results.ts';
import { AspectTagger } from '../src-main/core/aspects/tagger.ts';
import type { TermFolding } from '../src-main/core/aspects/term-folding.ts';
import { CROSS_ASPECT_PAIRS, crossParamsFor } from '../src-main/core/similarity/cross-aspect.ts';
import { CROSS_RELEVANCE, evaluateCrossAspect, pooledGridBest, termKeys, type CrossPairResult, type PairKey } from './lib/cross-aspect-bench.ts';

const SETTINGS = ['scirex', 'pwc'] as const;
type Setting = (typeof SETTINGS)[number];
const K = 10;
/** Grid points per setting and pair written to quality.json. */
const CROSS_GRID_KEPT = 10;
const SMOKE_POOL_SIZE = 400;
const SCIREX_FILE = resolve(SHARED_DIR, 'data/scirex/scirex_train306_aspects.jsonl.gz');
const SCIREX_DOCS_FILE = resolve(SHARED_DIR, 'data/scirex/scirex_train_docs_full.tar.gz');

interface EvalPaper {
  id: string;
  title: string;
  abstract: string;
  labels: Record<'task' | 'method' | 'dataset', string[]>;
  /** SciREX only: the Method mentions of the full text, for the mention rule of method relevance. */
  methodMentions?: string[];
}

export interface SplitResult {
  papers: number;
  queries: Partial<Record<QualityAspect, number>>;
  results: Partial<Record<QualitySystem, Partial<Record<QualityAspect, { atK: MeanMetrics; mapFull: number }>>>>;
  /** Paired bootstrap (2,000 resamples) of system minus TF-IDF, per aspect: MAP@k and full-ranking MAP. */
  vsTfidf: Partial<Record<QualitySystem, Partial<Record<QualityAspect, { mapAtK: Interval; mapFull: Interval }>>>>;
  /** Cross-aspect pairs ("same method, other tasks"), when facet-hybrid is evaluated. */
  cross?: Partial<Record<PairKey, CrossPairResult>>;
}

/** What the cross-aspect setting needs besides the single-aspect inputs: the tagger's terms. */
interface CrossTags {
  terms: readonly AspectTerms[];
  folding: TermFolding;
  /** Score the parameter grid too (dev split). */
  grid: boolean;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function text(paper: { title: string; abstract: string }): string {
  return paper.title === '' ? paper.abstract : `${paper.title}. ${paper.abstract}`;
}

async function loadSetting(setting: Setting, smoke: boolean, seed: number): Promise<{ papers: EvalPaper[]; pool: string }> {
  if (setting === 'scirex') {
    const papers = loadScirex(requireFile(SCIREX_FILE, 'SciREX annotations'));
    const mentions = loadScirexMethodMentions(requireFile(SCIREX_DOCS_FILE, 'SciREX full-text annotations'));
    return {
      papers: papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract, labels: { task: p.tasks, method: p.methods, dataset: p.datasets }, methodMentions: mentions.get(p.id) ?? [] })),
      pool: 'SciREX train split (306 papers, allenai/SciREX), hand-annotated tasks, datasets and (in the full texts) method mentions',
    };
  }
  const { papers } = await loadPwcPapers(requireFile(PWC_TDMS_FILE, 'Papers-with-Code leaderboard data'));
  const { pool: full, alsoInTrain } = heldOutPapers(papers);
  const pool = smoke ? seededShuffle(full, seed).slice(0, SMOKE_POOL_SIZE) : full;
  const methods = await deriveMethodsForPapers(pool);
  return {
    papers: pool.map((p, i) => ({
      id: p.id,
      title: p.title,
      abstract: p.abstract,
      labels: { task: p.tasks.map(normaliseLabel), method: methods[i]!.map(normaliseLabel), dataset: p.datasets.map(normaliseLabel) },
    })),
    pool: `papers of splits ${HELD_OUT_SPLITS.join(', ')} with an abstract and >= 1 label, minus ${alsoInTrain} also filed under train${smoke ? ` (SMOKE: ${pool.length} of ${full.length})` : ''}`,
  };
}

function relevanceOf(papers: readonly EvalPaper[], aspect: QualityAspect): Set<number>[] {
  if (aspect === 'method' && papers.every((p) => p.methodMentions)) return mentionRelevance(papers.map((p) => p.methodMentions!));
  if (aspect !== 'overall') return buildRelevance(papers.map((p) => p.labels[aspect]), MAX_PAPERS_PER_LABEL).relevant;
  // Sharing any task or dataset label: the union of both kinds' judgements (each with its own common-label cut).
  const parts = (['task', 'dataset'] as const).map((kind) => buildRelevance(papers.map((p) => p.labels[kind]), MAX_PAPERS_PER_LABEL).relevant);
  return papers.map((_, i) => new Set(parts.flatMap((part) => [...part[i]!])));
}

function evaluateSplit(
  papers: readonly EvalPaper[],
  systems: readonly QualitySystem[],
  vectors: { facet?: AspectVectors[]; lsa?: AspectVectors[] },
  lexicalWeight: Partial<Record<Aspect, number>> | undefined,
  aspects: readonly QualityAspect[],
  seed: number,
  tags?: CrossTags,
): SplitResult {
  const texts = papers.map(text);
  const lexicon = HybridScorer.lexiconOf(texts);
  const inputs = { texts, vectors: vectors.facet, lsaVectors: vectors.lsa, lexicalWeight, lexicon, seed };
  const out: SplitResult = { papers: papers.length, queries: {}, results: {}, vsTfidf: {} };
  const perQuery = new Map<string, { apAtK: number[]; apFull: number[] }>();
  for (const aspect of aspects) {
    const relevant = relevanceOf(papers, aspect);
    out.queries[aspect] = relevant.filter((set) => set.size > 0).length;
    if (out.queries[aspect] === 0) continue;
    for (const system of systems) {
      const evaluation = evaluateDetailed(makeScorer(system, inputs, aspect), relevant, K);
      ((out.results[system] ??= {})[aspect] = { atK: evaluation.atK, mapFull: evaluation.mapFull });
      perQuery.set(`${system}/${aspect}`, evaluation);
    }
    const base = perQuery.get(`tfidf/${aspect}`);
    if (!base) continue;
    for (const system of systems) {
      if (system === 'tfidf') continue;
      const other = perQuery.get(`${system}/${aspect}`)!;
      (out.vsTfidf[system] ??= {})[aspect] = { mapAtK: pairedBootstrap(other.apAtK, base.apAtK, seed), mapFull: pairedBootstrap(other.apFull, base.apFull, seed) };
    }
  }
  if (tags && systems.includes('facet-hybrid')) {
    const keys = termKeys(tags.terms, tags.folding);
    const relevance = new Map<Aspect, Set<number>[]>();
    out.cross = evaluateCrossAspect({
      fused: (aspect) => makeScorer('facet-hybrid', inputs, aspect as QualityAspect),
      relevance: (aspect) => {
        if (!relevance.has(aspect)) relevance.set(aspect, relevanceOf(papers, aspect as QualityAspect));
        return relevance.get(aspect)!;
      },
      unlikeKeys: (aspect) => keys[aspect as 'task' | 'method' | 'dataset'],
      k: K,
      seed,
      grid: tags.grid,
    });
  }
  return out;
}

function printSplit(title: string, result: SplitResult, systems: readonly QualitySystem[]): void {
  for (const [pair, cross] of Object.entries(result.cross ?? {})) {
    const shown = (ci: Interval | undefined) => (ci ? `${ci.diff >= 0 ? '+' : ''}${fixed(ci.diff)} [${fixed(ci.low)}, ${fixed(ci.high)}]` : '');
    const rows = Object.entries(cross.results).map(([system, r]) => {
      const key = system as keyof typeof cross.vsPlain;
      return [system, fixed(r.atK.map), fixed(r.atK.ndcg), shown(cross.vsPlainNdcg[key]), fixed(r.mapFull), shown(cross.vsPlain[key])];
    });
    const best = cross.grid?.[0];
    process.stdout.write(`\n${title}: cross-aspect ${pair} (${cross.queries} queries; app params λ=${cross.params.unlikeWeight} τ=${cross.params.unlikeFloor} μ=${cross.params.termPenalty}${best ? `; dev grid best by nDCG@10: λ=${best.unlikeWeight} τ=${best.unlikeFloor} μ=${best.termPenalty} nDCG@10 ${fixed(best.ndcg)} MAP ${fixed(best.mapFull)}` : ''})\n`);
    process.stdout.write(`${textTable(['system', 'MAP@10', 'nDCG@10', 'nDCG@10 - plain [95% CI]', 'MAP', 'MAP - plain [95% CI]'], rows)}\n`);
  }
  for (const aspect of QUALITY_ASPECTS) {
    if (!result.queries[aspect]) continue;
    const rows = systems.flatMap((system) => {
      const r = result.results[system]?.[aspect];
      if (!r) return [];
      const ci = result.vsTfidf[system]?.[aspect]?.mapFull;
      return [[system, fixed(r.atK.map), fixed(r.atK.mrr), fixed(r.atK.ndcg), fixed(r.mapFull), ci ? `${ci.diff >= 0 ? '+' : ''}${fixed(ci.diff)} [${fixed(ci.low)}, ${fixed(ci.high)}]` : '']];
    });
    process.stdout.write(`\n${title}: ${aspect} (${result.queries[aspect]} queries)\n`);
    process.stdout.write(`${textTable(['system', 'MAP@10', 'MRR@10', 'nDCG@10', 'MAP', 'MAP - TF-IDF [95% CI]'], rows)}\n`);
  }
}

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), { values: ['settings', 'systems', 'out-dir', 'model-dir', 'seed'], flags: ['smoke'] });
  const smoke = flags.has('smoke');
  const settings = parseList(values.get('settings') ?? SETTINGS.join(','), SETTINGS, 'setting');
  let systems = parseList(values.get('systems') ?? QUALITY_SYSTEMS.join(','), QUALITY_SYSTEMS, 'system');
  const seed = Number(values.get('seed') ?? '13');
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.get('seed')}`);
  const outDir = resolveOutDir(values.get('out-dir'), smoke);
  const started = performance.now();

  let model: ModelSummary | null = null;
  let modelDir: string | null = null;
  let lexicalWeight: Partial<Record<Aspect, number>> | undefined;
  if (systems.some(isFacetSystem)) {
    modelDir = resolveModelDir({ modelDir: values.get('model-dir') });
    model = describeModel(modelDir);
    lexicalWeight = loadManifest(modelDir).lexicalWeight;
    log(`model: ${model.id} from ${modelDir}; lexical weights ${JSON.stringify(lexicalWeight ?? {})}`);
  }
  let lsaDir: string | null = null;
  if (systems.includes('lsa')) {
    lsaDir = smoke ? (existsSync(join(LSA_BASELINE_DIR, 'manifest.json')) ? LSA_BASELINE_DIR : null) : ensureLsaBaseline(log);
    if (!lsaDir) {
      log(smoke ? 'lsa: skipped in a smoke run unless already built (.cache/bench/lsa-baseline)' : 'lsa: not evaluated');
      systems = systems.filter((s) => s !== 'lsa');
    }
  }

  const tagger = systems.includes('facet-hybrid') ? await AspectTagger.load() : null;

  const output: Record<string, unknown> & { settings: Partial<Record<Setting, Record<Split, SplitResult> & { pool: string }>> } = {
    benchmark: 'quality',
    smoke,
    k: K,
    commit: currentCommit(),
    date: new Date().toISOString(),
    machine: machineInfo(),
    model,
    lsaBaseline: lsaDir ? describeModel(lsaDir).id : null,
    relevance: `two papers are relevant under an aspect when they share >= 1 label of it (labels lower-cased, punctuation folded); labels held by >= ${MAX_PAPERS_PER_LABEL} papers of the evaluated pool are ignored; overall = relevant under task or dataset; queries are pool papers with >= 1 relevant paper; all other papers of the same split are ranked`,
    metrics: `MAP@${K}, MRR@${K}, nDCG@${K} as in Ostendorff et al.'s code (AP@k divides by all relevant papers); MAP = AP over the full ranking, averaged`,
    split: 'dev / test by the parity of the first 8 hex digits of SHA-256(paper id) (bench/lib/split.ts); the model weights were chosen on dev (tools/model/select_aspects.py); test is reported once',
    methodLabels: {
      scirex: `human annotations (SciREX): relevant when the two full texts share >= ${MENTIONS_SHARED} annotated Method mentions, each in fewer than ${MENTIONS_MAX_SHARE * 100}% of the split's papers (the gold method labels name mostly each paper's own model: 2-3 queries per split)`,
      pwc: `${METHOD_LABELS_NOTE} Not evidence.`,
    },
    systems: Object.fromEntries(systems.map((s) => [s, SYSTEM_DESCRIPTIONS[s]])),
    crossRelevance: tagger ? CROSS_RELEVANCE : undefined,
    settings: {},
  };

  for (const setting of settings) {
    const { papers, pool } = await loadSetting(setting, smoke, seed);
    log(`${setting}: ${papers.length} papers`);
    const facet = modelDir ? await embedPapers(papers, modelDir, log) : undefined;
    const lsa = lsaDir ? await embedPapers(papers, lsaDir, log) : undefined;
    const terms = tagger && facet ? papers.map((p) => tagger.tag(p.title, p.abstract)) : undefined;
    const perSplit = { pool } as Record<Split, SplitResult> & { pool: string };
    for (const split of SPLITS) {
      const keep = papers.map((p) => splitOf(p.id) === split);
      const subset = papers.filter((_, i) => keep[i]);
      const tags = terms && tagger ? { terms: terms.filter((_, i) => keep[i]), folding: tagger.folding, grid: split === 'dev' } : undefined;
      const result = evaluateSplit(subset, systems, { facet: facet?.filter((_, i) => keep[i]), lsa: lsa?.filter((_, i) => keep[i]) }, lexicalWeight, QUALITY_ASPECTS, seed, tags);
      perSplit[split] = result;
      printSplit(`${setting} ${split}${smoke ? ' (SMOKE)' : ''}`, result, systems);
    }
    output.settings[setting] = perSplit;
  }
  if (tagger) {
    // How the app's cross-aspect parameters were chosen: the dev grid pooled over the settings run here.
    output.crossSelection = Object.fromEntries(
      CROSS_ASPECT_PAIRS.map((pair) => {
        const key = `${pair.aspect}/${pair.unlike}` as PairKey;
        const best = pooledGridBest(Object.values(output.settings).map((perSplit) => perSplit?.dev.cross?.[key]?.grid));
        if (best) log(`cross-aspect ${key}: dev grid best (nDCG@${K}, pooled) λ=${best.unlikeWeight} τ=${best.unlikeFloor} μ=${best.termPenalty}; the app uses ${JSON.stringify(crossParamsFor(pair.aspect, pair.unlike))}`);
        return [key, { devBest: best, app: crossParamsFor(pair.aspect, pair.unlike) }];
      }),
    );
    // The JSON keeps each setting's best grid points only; the pooled choice above saw all of them.
    for (const perSplit of Object.values(output.settings)) for (const pair of Object.values(perSplit?.dev.cross ?? {})) pair.grid = pair.grid?.slice(0, CROSS_GRID_KEPT);
  }
  output.durationSeconds = Math.round((performance.now() - started) / 100) / 10;
  const file = writeJson(outDir, 'quality.json', output);
  log(`\nmachine: ${describeMachine(machineInfo())}`);
  log(`wrote ${file}${smoke ? ' (SMOKE run: not the committed results)' : ''}`);
  if (!smoke && isCommittedResultsDir(outDir)) log(`updated ${renderResultsMarkdown()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:quality failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
