/**
 * Writes bench/RESULTS.md from the committed JSON results (bench/results/quality.json, perf.json,
 * for-you.json),
 * so the Markdown can never drift from the numbers. Run directly (`tsx bench/render-results.ts`) or
 * through the benchmarks, which call it after a full run.
 */
import { renderUserPerf } from './lib/perf-user-render.ts';
import type { UserPerfResults } from './lib/perf-user-types.ts';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MachineInfo } from './lib/machine.ts';
import { describeMachine } from './lib/machine.ts';
import type { MeanMetrics } from './lib/metrics.ts';
import { RESULTS_DIR, RESULTS_MARKDOWN } from './lib/paths.ts';
import type { LatencySummary, PerfResults } from './lib/perf-types.ts';
import { fixed, markdownTable } from './lib/table.ts';
import { renderForYou, type ForYouJson } from './lib/for-you/render.ts';
import { renderAspectReasons, type ReasonsJson, type TaggerJson } from './lib/aspect-reasons-render.ts';

interface Interval {
  diff: number;
  low: number;
  high: number;
}

interface SplitResult {
  papers: number;
  queries: Record<string, number>;
  results: Record<string, Record<string, { atK: MeanMetrics; mapFull: number }>>;
  vsTfidf: Record<string, Record<string, { mapAtK: Interval; mapFull: Interval }>>;
  cross?: Record<string, CrossPairJson>;
}

interface CrossParamsJson {
  unlikeWeight: number;
  unlikeFloor: number;
  termPenalty: number;
}

interface CrossPairJson {
  queries: number;
  results: Record<string, { atK: MeanMetrics; mapFull: number }>;
  vsPlain: Record<string, Interval>;
  vsPlainNdcg?: Record<string, Interval>;
  params: CrossParamsJson;
}

interface QualityJson {
  smoke: boolean;
  k: number;
  settings: Record<string, { pool: string; dev: SplitResult; test: SplitResult }>;
  commit: string;
  date: string;
  machine: MachineInfo;
  model: { id: string; provisional: boolean; dims: number } | null;
  lsaBaseline: string | null;
  methodLabels: Record<string, string>;
  relevance: string;
  metrics: string;
  split: string;
  systems: Record<string, string>;
  crossRelevance?: string;
  crossSelection?: Record<string, { devBest: (CrossParamsJson & { ndcg: number }) | null; app: CrossParamsJson }>;
}

const CROSS_LABELS: Record<string, string> = {
  'method/task': 'Same method, other tasks',
  'task/method': 'Same task, other methods',
  'dataset/method': 'Same dataset, other methods',
};

function params(p: CrossParamsJson): string {
  return `λ=${p.unlikeWeight}, τ=${p.unlikeFloor}, μ=${p.termPenalty}`;
}

/** The cross-aspect setting: per pair, the test split with the app's parameters against both baselines. */
export function renderCrossAspect(q: QualityJson): string {
  const pairs = Object.keys(q.crossSelection ?? {});
  if (pairs.length === 0) return '';
  const out: string[] = ['### Setting: cross-aspect ("same method, other tasks"), test split', ''];
  if (q.crossRelevance) out.push(`Relevance and systems: ${q.crossRelevance}.`, '');
  out.push(
    `Parameters: chosen on the dev halves only, as the grid point with the best nDCG@${q.k} averaged over SciREX and PwC (the panel shows ${q.k} papers). ` +
      'Every pair involves methods, whose PwC labels are derived by the same name matcher as the tagger (not evidence): SciREX (method relevance from human mention annotations) is the evidence.',
    '',
  );
  for (const pair of pairs) {
    const selection = q.crossSelection![pair]!;
    out.push(`**${CROSS_LABELS[pair] ?? pair}** (\`${pair}\`; app ${params(selection.app)}${selection.devBest ? `; dev grid best ${params(selection.devBest)}` : ''}):`);
    out.push('');
    const rows: string[][] = [];
    for (const [name, setting] of Object.entries(q.settings)) {
      const test = setting.test.cross?.[pair];
      const dev = setting.dev.cross?.[pair];
      if (!test) continue;
      for (const [system, r] of Object.entries(test.results)) {
        const devR = dev?.results[system];
        rows.push([
          name,
          system,
          String(test.queries),
          fixed(r.atK.map),
          fixed(r.atK.ndcg),
          interval(test.vsPlainNdcg?.[system]),
          fixed(r.mapFull),
          interval(test.vsPlain[system]),
          fixed(devR?.atK.ndcg),
          fixed(devR?.mapFull),
        ]);
      }
    }
    out.push(markdownTable(['setting', 'system', 'test queries', `MAP@${q.k}`, `nDCG@${q.k}`, `nDCG@${q.k} − plain [95% CI]`, 'MAP', 'MAP − plain [95% CI]', `dev nDCG@${q.k}`, 'dev MAP'], rows));
    out.push('');
  }
  return out.join('\n');
}

const QUALITY_KINDS = ['task', 'method', 'dataset', 'overall'] as const;

function interval(ci: Interval | undefined): string {
  if (!ci) return '';
  const sign = ci.diff >= 0 ? '+' : '';
  const mark = ci.low > 0 ? ' (better)' : ci.high < 0 ? ' (**worse**)' : '';
  return `${sign}${fixed(ci.diff)} [${fixed(ci.low)}, ${fixed(ci.high)}]${mark}`;
}

export function renderQuality(q: QualityJson): string {
  const out: string[] = [];
  out.push('## Quality: aspect-based similarity (npm run bench:quality)');
  out.push('');
  if (q.smoke) out.push('> **SMOKE RUN** — subsampled pool, not a full result.\n');
  out.push(`Date ${q.date}, commit \`${q.commit}\`, machine: ${describeMachine(q.machine)}.`);
  if (q.model) out.push(`Model \`${q.model.id}\` (${q.model.dims} dims)${q.model.provisional ? ' — **provisional model**' : ''}; LSA baseline \`${q.lsaBaseline ?? 'not run'}\`.`);
  out.push('');
  out.push(`- Relevance: ${q.relevance}.`);
  out.push(`- Metrics: ${q.metrics}.`);
  out.push(`- Split: ${q.split}.`);
  for (const [setting, note] of Object.entries(q.methodLabels)) out.push(`- Method labels, ${setting}: ${note}`);
  out.push('');
  for (const [name, setting] of Object.entries(q.settings)) {
    out.push(`### Setting: ${name}, test split`);
    out.push('');
    out.push(`Pool: ${setting.pool}. Test split: ${setting.test.papers} papers (dev: ${setting.dev.papers}).`);
    out.push('');
    for (const kind of QUALITY_KINDS) {
      const queries = setting.test.queries[kind] ?? 0;
      if (queries === 0) continue;
      const derived = name === 'pwc' && kind === 'method' ? ' — derived labels, same matcher as the tagger: **not evidence**' : '';
      out.push(`Relevance **${kind}** (${queries} test queries; dev ${setting.dev.queries[kind] ?? 0})${derived}:`);
      out.push('');
      out.push(
        markdownTable(
          ['system', `MAP@${q.k}`, `MRR@${q.k}`, `nDCG@${q.k}`, 'MAP', 'MAP − TF-IDF [95% CI]', `dev MAP`],
          Object.entries(setting.test.results).map(([system, perKind]) => {
            const r = perKind[kind];
            return [system, fixed(r?.atK.map), fixed(r?.atK.mrr), fixed(r?.atK.ndcg), fixed(r?.mapFull), interval(setting.test.vsTfidf[system]?.[kind]?.mapFull), fixed(setting.dev.results[system]?.[kind]?.mapFull)];
          }),
        ),
      );
      out.push('');
    }
  }
  const cross = renderCrossAspect(q);
  if (cross) out.push(cross);
  out.push('Systems:');
  out.push('');
  for (const [system, description] of Object.entries(q.systems)) out.push(`- \`${system}\`: ${description}`);
  out.push('');
  return out.join('\n');
}

function ms(latency: LatencySummary | undefined): string {
  if (!latency) return 'n/a';
  return `${fixed(latency.p50, 1)} / ${fixed(latency.p95, 1)} / ${fixed(latency.p99, 1)}`;
}

/** A separate bench:perf run with the 1M library, committed beside perf.json. */
export const SCALE_RUN_FILE = 'perf-1m.json';
const SCALE_RUN_COMMAND = 'npm run bench:perf -- --sizes 10000 --with-1m';

export function renderPerf(p: PerfResults, title = 'Performance (npm run bench:perf)'): string {
  const out: string[] = [];
  out.push(`## ${title}`);
  out.push('');
  if (p.smoke) out.push('> **SMOKE RUN** — small library, one run each; not a full result.\n');
  out.push(`Date ${p.date}, commit \`${p.commit}\`, machine: ${describeMachine(p.machine)}.`);
  if (p.model) out.push(`Model \`${p.model.id}\` (${p.model.dims} dims)${p.model.provisional ? ' — provisional model' : ''}.`);
  out.push(`Values are medians of ${p.runs} run(s) unless stated; latencies are p50 / p95 / p99 in milliseconds.`);
  out.push('');
  const rows: string[][] = [];
  if (p.embedding) rows.push(['embedding throughput (tokenisation included)', `${fixed(p.embedding.digestsPerSecond, 0)} digests/s`, `${p.embedding.papers} digests, batch ${p.embedding.batchSize}, threads ${p.embedding.threads}`]);
  for (const imp of p.imports) rows.push([`import ${imp.format} end to end (parse, embed, write, index)`, `${fixed(imp.papersPerSecond, 0)} papers/s`, `${imp.papers} papers, ${fixed(imp.seconds, 1)} s`]);
  for (const library of p.libraries.filter((lib) => !p.imports.some((imp) => imp.papers === lib.papers) && !lib.stalled)) {
    rows.push([
      `import of ${library.papers.toLocaleString('en-US')} records (JSONL, one run)`,
      `${fixed(library.papers / library.buildSeconds, 0)} papers/s`,
      `${fixed(library.buildSeconds, 1)} s, of which index ${fixed(library.indexBuildSeconds, 1)} s`,
    ]);
  }
  if (p.pdfImport) {
    rows.push([
      'PDF folder import (extract text, tag, embed, store, index)',
      `${fixed(p.pdfImport.pdfsPerSecond, 1)} PDFs/s`,
      `${p.pdfImport.pdfs} generated one-page PDFs (${fixed(p.pdfImport.megabytes, 1)} MiB), ${fixed(p.pdfImport.seconds, 1)} s, ${p.pdfImport.errors} errors, ${p.pdfImport.warnings} warnings`,
    ]);
  }
  if (p.coldStart?.serverPeakRssMiB) {
    rows.push(['peak RSS of the main side (browser-mode server)', `${fixed(p.coldStart.serverPeakRssMiB, 0)} MiB`, `serve.ts on the ${p.coldStart.papers}-paper library, through cold start`]);
  }
  rows.push(['peak RSS of the benchmark process', `${fixed(p.peakRssMiB, 0)} MiB`, 'core + embedder worker + LanceDB + measuring code, whole run']);
  if (p.coldStart) {
    rows.push([
      `browser-mode cold start to first painted library row (${p.coldStart.papers} papers)`,
      `${fixed(p.coldStart.totalMs, 0)} ms`,
      `server ready ${fixed(p.coldStart.serverReadyMs, 0)} ms + page ${fixed(p.coldStart.firstRowMs, 0)} ms, ${p.coldStart.runs} runs`,
    ]);
  }
  out.push(markdownTable(['measure', 'value', 'detail'], rows));
  out.push('');
  for (const library of p.libraries) {
    out.push(`### Library of ${library.papers.toLocaleString('en-US')} papers`);
    out.push('');
    out.push(
      `Built by ${library.buildPath} in ${fixed(library.buildSeconds, 1)} s` +
        `${library.stalled ? ' (up to the start of the index phase)' : ''}; index build ${fixed(library.indexBuildSeconds, 1)} s; ` +
        `on disk ${fixed(library.diskBytes / 1024 ** 2, 1)} MiB (${fixed(library.diskBytesPer1kPapers / 1024 ** 2, 2)} MiB per 1k papers).`,
    );
    if (library.stalled) out.push(`\n**Import did not finish cleanly:** ${library.stalled}.`);
    out.push('');
    out.push(
      markdownTable(
        ['similar, aspect', 'LanceDB flat', 'LanceDB ANN (app path)', 'ANN recall@10', 'typed-array scan'],
        Object.entries(library.similar).map(([aspect, s]) => [
          aspect,
          ms(s.lancedbFlat),
          s.lancedbAnn ? `${ms(s.lancedbAnn)}${s.lancedbAnn.indexed ? '' : ' (no index: flat)'}` : 'n/a',
          s.lancedbAnn ? fixed(s.lancedbAnn.recallAt10, 3) : 'n/a',
          ms(s.typedArray),
        ]),
      ),
    );
    out.push('');
    if (library.search) {
      out.push(
        markdownTable(
          ['search', 'latency p50 / p95 / p99 (ms)'],
          [
            ['keyword (full text)', ms(library.search.keyword)],
            ['semantic (query embedded + generic vector search)', ms(library.search.semantic)],
            ['hybrid (both, rank-fused)', ms(library.search.hybrid)],
          ],
        ),
      );
      out.push('');
    }
  }
  if (p.skipped.length > 0) {
    out.push('Not measured in this run:');
    out.push('');
    for (const line of p.skipped) out.push(`- ${line}`);
    out.push('');
  }
  if (p.notes.length > 0) {
    out.push('Notes:');
    out.push('');
    for (const line of p.notes) out.push(`- ${line}`);
    out.push('');
  }
  return out.join('\n');
}

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** Regenerates RESULTS.md from the JSON in `resultsDir`; returns the path written. */
export function renderResultsMarkdown(resultsDir = RESULTS_DIR, target = RESULTS_MARKDOWN): string {
  const quality = readJson<QualityJson>(join(resultsDir, 'quality.json'));
  const perf = readJson<PerfResults>(join(resultsDir, 'perf.json'));
  const parts = [
    '# Facet benchmark results',
    '',
    'Generated by `bench/render-results.ts` from `bench/results/*.json`; do not edit by hand.',
    'Re-run `npm run bench:quality`, `npm run bench:perf` and `npx tsx bench/for-you.ts` (full runs) to refresh.',
    '',
  ];
  parts.push(quality ? renderQuality(quality) : '## Quality\n\nNo full quality run recorded yet.\n');
  parts.push(perf ? renderPerf(perf) : '## Performance\n\nNo full performance run recorded yet.\n');
  const userPerf = readJson<UserPerfResults>(join(resultsDir, 'perf-user.json'));
  if (userPerf) parts.push(renderUserPerf(userPerf));
  // The million-paper library takes most of an hour on 2 cores, so it is its own run (--with-1m).
  const scale = readJson<PerfResults>(join(resultsDir, SCALE_RUN_FILE));
  if (scale) parts.push(renderPerf(scale, `Scale: the ${SCALE_RUN_COMMAND} run`));
  const forYou = readJson<ForYouJson>(join(resultsDir, 'for-you.json'));
  if (forYou) parts.push(renderForYou(forYou));
  const reasons = readJson<ReasonsJson>(join(resultsDir, 'reasons.json'));
  if (reasons) parts.push(renderAspectReasons(reasons, readJson<ReasonsJson>(join(resultsDir, 'reasons-before.json')), readJson<TaggerJson>(join(resultsDir, 'tagger.json'))));
  // Other evaluations write their own Markdown next to the JSON; link them rather than copy them.
  const others = existsSync(resultsDir) ? readdirSync(resultsDir).filter((name) => name.endsWith('.md')).sort() : [];
  if (others.length > 0) {
    parts.push('## Other results\n');
    for (const name of others) parts.push(`- [results/${name}](results/${name})`);
    parts.push('');
  }
  writeFileSync(target, `${parts.join('\n').trimEnd()}\n`);
  return target;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`wrote ${renderResultsMarkdown()}\n`);
}
