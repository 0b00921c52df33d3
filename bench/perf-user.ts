/**
 * npx tsx bench/perf-user.ts — what a person waits for, timed whole: the `facet` command as a
 * process (the compiled CLI that bin/facet.mjs runs), paired run by run with a plain-Node LanceDB
 * script giving the same answer; the 100k import end to end as one process with its peak RSS
 * (/usr/bin/time); browser mode from spawn to HTTP 200 and to the first painted row (Debian
 * Chromium via playwright-core); and papers.similar in process (dense and hybrid) beside the raw
 * LanceDB query and a flat scan, on the same machine in the same run.
 *
 *   --sizes 0,10000,100000   library sizes (default)
 *   --runs N                 whole-process repetitions per command (default 5)
 *   --browser-runs N         browser cold starts per size (default 3)
 *   --queries N              in-process similar queries per aspect (default 50)
 *   --out-dir DIR            default bench/results (perf-user.json; RESULTS.md regenerated)
 *   --parts LIST             of cli,server,browser,in-process (default all); the library is built
 *                            (imported) whenever it is not there yet
 *   --work DIR               keep the libraries in DIR/library-N and reuse one that is there (its
 *                            import is then not timed again); default a temporary folder
 *   --seed N, --keep-work, --no-browser
 *
 * Results are written after every library size, so a run stopped early keeps what it measured.
 */
import '../src-main/core/store/lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import os from 'node:os';
import { join } from 'node:path';
import { ASPECTS, type Aspect } from '../src-main/common/contract.ts';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { openFacet } from '../src-main/core/service.ts';
import { PaperStore, PAPERS_TABLE, vectorColumn } from '../src-main/core/store/index.ts';
import { LEXICAL_SNAPSHOT_FILE } from '../src-main/core/similarity/library-lexicon.ts';
// @ts-expect-error plain ES module without type declarations (JSDoc only)
import { nodeEntry } from '../bin/node-entry.mjs';
import { parseFlags } from './lib/cli-args.ts';
import { EMPTY_STATE, FIRST_ROW, coldStartAvailable, measureColdStart, serveCommand } from './lib/cold-start.ts';
import { describeModel } from './lib/facet-embedding.ts';
import { median, summarise, timeEach } from './lib/latency.ts';
import { closeWithin, diskBytes, libraryDir, writeDigestFile } from './lib/library-build.ts';
import { currentCommit, describeMachine, machineInfo } from './lib/machine.ts';
import { FULLTEXT_CORPUS_FILE, REPO_ROOT, requireFile } from './lib/paths.ts';
import { timedProcess, type ProcessRun } from './lib/process-timing.ts';
import { DenseCosineScorer, seededShuffle, topK } from './lib/ranking.ts';
import { isCommittedResultsDir, resolveOutDir, writeJson } from './lib/results-io.ts';
import { measureServerStart } from './lib/server-start.ts';
import { loadAspectMatrix } from './lib/similar-bench.ts';
import { countCorpusDocuments } from './lib/synthetic.ts';
import { renderResultsMarkdown } from './render-results.ts';
import type { CommandPair, ProcessSummary, UserPerfResults, UserSizeResult } from './lib/perf-user-types.ts';

const CLI = join(REPO_ROOT, 'out', 'node', 'cli.js');
const PLAIN = join(REPO_ROOT, 'bench', 'lib', 'plain-lancedb.mjs');
const K = 10;
const PARTS = ['cli', 'server', 'browser', 'in-process'] as const;
type Part = (typeof PARTS)[number];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function positiveInteger(raw: string | undefined, fallback: number, flag: string, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} must be an integer >= ${min}, got ${raw}`);
  return value;
}

function summariseRuns(runs: ProcessRun[], what: string): ProcessSummary {
  const ok = runs.filter((run) => run.code === 0);
  const failures = runs.filter((run) => run.code !== 0).map((run) => `${what} exited ${run.code}: ${run.stderr.trim().split('\n').slice(-2).join(' ')}`);
  const cpu = ok.flatMap((run) => (run.userS !== null && run.systemS !== null ? [run.userS + run.systemS] : []));
  const rss = ok.flatMap((run) => (run.peakRssMiB !== null ? [run.peakRssMiB] : []));
  return {
    wallMs: ok.length > 0 ? median(ok.map((run) => run.wallMs)) : Number.NaN,
    wallRunsMs: ok.map((run) => Math.round(run.wallMs)),
    cpuS: cpu.length > 0 ? median(cpu) : null,
    peakRssMiB: rss.length > 0 ? Math.max(...rss) : null,
    failures,
  };
}

/** Paper ids and keyword queries (two long words of a title) sampled from the library. */
async function sampleLibrary(dataDir: string, count: number, seed: number): Promise<{ ids: string[]; keywords: string[] }> {
  const db = await lancedb.connect(libraryDir(dataDir));
  const table = await db.openTable(PAPERS_TABLE);
  try {
    const rows = (await table.query().select(['id', 'title']).toArray()) as { id: string; title: string }[];
    const picked = seededShuffle(rows, seed).slice(0, count);
    const keywords = picked.map((row) => {
      const words = row.title.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 4);
      return words.slice(0, 2).join(' ') || row.title;
    });
    return { ids: picked.map((row) => String(row.id)), keywords };
  } finally {
    table.close();
    db.close();
  }
}

async function pairedCommands(dataDir: string, papers: number, runs: number, seed: number): Promise<CommandPair[]> {
  const lib = libraryDir(dataDir);
  const sample = papers > 0 ? await sampleLibrary(dataDir, runs, seed) : { ids: [], keywords: [] };
  const snapshot = join(lib, LEXICAL_SNAPSHOT_FILE);
  const commands: { name: string; facet: (i: number) => string[]; plain: (i: number) => string[]; before?: () => void; runs?: number }[] = [
    { name: 'stats', facet: () => ['stats', '--data-dir', dataDir, '--json'], plain: () => [lib, 'stats'] },
  ];
  if (papers > 0) {
    commands.push(
      {
        name: 'similar --aspect task --k 10',
        facet: (i) => ['similar', sample.ids[i % sample.ids.length]!, '--aspect', 'task', '--k', String(K), '--data-dir', dataDir, '--json'],
        plain: (i) => [lib, 'similar', sample.ids[i % sample.ids.length]!, 'task'],
      },
      {
        // Each process tokenizes the whole library again: the cost the lexical snapshot saves.
        name: 'similar --aspect task --k 10 (lexical snapshot removed)',
        facet: (i) => ['similar', sample.ids[i % sample.ids.length]!, '--aspect', 'task', '--k', String(K), '--data-dir', dataDir, '--json'],
        plain: (i) => [lib, 'similar', sample.ids[i % sample.ids.length]!, 'task'],
        before: () => rmSync(snapshot, { force: true }),
        runs: Math.min(runs, 2),
      },
      {
        name: 'search --mode keyword --k 10',
        facet: (i) => ['search', sample.keywords[i % sample.keywords.length]!, '--mode', 'keyword', '--k', String(K), '--data-dir', dataDir, '--json'],
        plain: (i) => [lib, 'keyword', sample.keywords[i % sample.keywords.length]!],
      },
    );
  }
  const pairs: CommandPair[] = [];
  for (const command of commands) {
    const facetRuns: ProcessRun[] = [];
    const plainRuns: ProcessRun[] = [];
    // One untimed run of each first (file cache, and the lexical snapshot written), then facet and
    // plain alternate run by run.
    command.before?.();
    await timedProcess(process.execPath, [CLI, ...command.facet(0)], { cwd: REPO_ROOT });
    await timedProcess(process.execPath, [PLAIN, ...command.plain(0)], { cwd: REPO_ROOT });
    for (let i = 0; i < (command.runs ?? runs); i++) {
      command.before?.();
      facetRuns.push(await timedProcess(process.execPath, [CLI, ...command.facet(i)], { cwd: REPO_ROOT }));
      plainRuns.push(await timedProcess(process.execPath, [PLAIN, ...command.plain(i)], { cwd: REPO_ROOT }));
    }
    const facet = summariseRuns(facetRuns, `facet ${command.name}`);
    const plainLanceDb = summariseRuns(plainRuns, `plain LanceDB ${command.name}`);
    pairs.push({ command: command.name, facet, plainLanceDb, ratio: facet.wallMs / plainLanceDb.wallMs });
    log(`  facet ${command.name}: ${facet.wallMs.toFixed(0)} ms (cpu ${facet.cpuS?.toFixed(2)} s) vs plain LanceDB ${plainLanceDb.wallMs.toFixed(0)} ms: ${(facet.wallMs / plainLanceDb.wallMs).toFixed(2)}x${facet.failures.length ? `; FAILURES: ${facet.failures.join('; ')}` : ''}`);
  }
  return pairs;
}

/** The first papers.similar of a freshly opened library, with its lexical snapshot removed first or kept. */
async function firstSimilarMs(dataDir: string, modelDir: string, id: string, snapshot: 'removed' | 'kept'): Promise<number> {
  if (snapshot === 'removed') rmSync(join(libraryDir(dataDir), LEXICAL_SNAPSHOT_FILE), { force: true });
  const facet = await openFacet({ dataDir, modelDir });
  try {
    const started = performance.now();
    await facet.handlers['papers.similar']({ id, aspect: 'task', k: K });
    return performance.now() - started;
  } finally {
    // Closing waits for the snapshot write, so the next open finds it.
    await closeWithin(facet, log);
  }
}

async function inProcessSimilar(dataDir: string, modelDir: string, model: { id: string; dims: number }, queries: number, seed: number): Promise<UserSizeResult['inProcess']> {
  const { ids: [firstId] } = await sampleLibrary(dataDir, 1, seed);
  const firstHandlerMs = await firstSimilarMs(dataDir, modelDir, firstId!, 'removed');
  log(`  first papers.similar after opening, no lexical snapshot (tokenizes every paper): ${firstHandlerMs.toFixed(0)} ms`);
  const firstFromSnapshotMs = await firstSimilarMs(dataDir, modelDir, firstId!, 'kept');
  log(`  first papers.similar after opening, lexical snapshot loaded: ${firstFromSnapshotMs.toFixed(0)} ms`);
  const facet = await openFacet({ dataDir, modelDir });
  const { store } = await PaperStore.open(libraryDir(dataDir), { id: model.id, dims: model.dims });
  const db = await lancedb.connect(libraryDir(dataDir));
  const table = await db.openTable(PAPERS_TABLE);
  try {
    const perAspect: NonNullable<UserSizeResult['inProcess']>['perAspect'] = {};
    // Untimed: loads the index before the timed queries.
    await facet.handlers['papers.similar']({ id: firstId!, aspect: 'task', k: K });
    for (const aspect of ASPECTS as readonly Aspect[]) {
      const { ids, matrix } = await loadAspectMatrix(table, aspect, model.dims);
      const rows = seededShuffle(Array.from(ids.keys()), seed).slice(0, queries);
      const queryIds = rows.map((row) => ids[row]!);
      const hybridHandler = summarise(await timeEach(queryIds, (id) => facet.handlers['papers.similar']({ id, aspect, k: K })));
      const denseStore = summarise(await timeEach(queryIds, (id) => store.similar(id, aspect, K)));
      const vectorOf = (row: number) => matrix.data.subarray(row * matrix.dims, (row + 1) * matrix.dims);
      const column = vectorColumn(aspect);
      const rawLanceDb = summarise(
        await timeEach(rows, (row) => table.vectorSearch(Array.from(vectorOf(row))).column(column).distanceType('cosine').nprobes(20).select(['id', '_distance']).limit(K + 1).toArray()),
      );
      const scorer = new DenseCosineScorer(matrix);
      const scores = new Float32Array(matrix.rows);
      const flatScan = summarise(
        await timeEach(rows, async (row) => {
          scorer.scores(row, scores);
          topK(scores, K, row);
        }),
      );
      perAspect[aspect] = { hybridHandler, denseStore, rawLanceDb, flatScan };
      log(
        `  ${aspect}: hybrid handler p50/p95 ${hybridHandler.p50.toFixed(1)}/${hybridHandler.p95.toFixed(1)} ms, dense store ${denseStore.p50.toFixed(1)}/${denseStore.p95.toFixed(1)}, raw LanceDB ${rawLanceDb.p50.toFixed(1)}/${rawLanceDb.p95.toFixed(1)}, flat scan ${flatScan.p50.toFixed(1)}/${flatScan.p95.toFixed(1)}`,
      );
    }
    return { firstHandlerMs, firstFromSnapshotMs, perAspect };
  } finally {
    table.close();
    db.close();
    await store.close();
    await closeWithin(facet, log);
  }
}

const EMBED_PAPERS = 50_000;

/** `facet embed` over the first EMBED_PAPERS lines of a digest file, timed as a whole process. */
async function embedProcess(digestFile: string, work: string): Promise<UserPerfResults['embed']> {
  const input = join(work, `embed-${EMBED_PAPERS}.jsonl`);
  const output = join(work, `embed-${EMBED_PAPERS}-vectors.jsonl`);
  const lines = createInterface({ input: createReadStream(digestFile, { encoding: 'utf8' }), crlfDelay: Infinity });
  const sink = createWriteStream(input);
  let count = 0;
  for await (const line of lines) {
    if (count === EMBED_PAPERS) break;
    if (!sink.write(`${line}\n`)) await once(sink, 'drain');
    count++;
  }
  lines.close();
  sink.end();
  await once(sink, 'finish');
  const run = await timedProcess(process.execPath, [CLI, 'embed', '--in', input, '--out', output], { cwd: REPO_ROOT });
  if (run.code !== 0) throw new Error(`facet embed failed (${run.code}): ${run.stderr.slice(-2000)}`);
  const outputMiB = statSync(output).size / 1024 ** 2;
  rmSync(input, { force: true });
  rmSync(output, { force: true });
  const wallS = run.wallMs / 1000;
  log(`  facet embed: ${count} digests in ${wallS.toFixed(1)} s = ${(count / wallS).toFixed(0)} digests/s, output ${outputMiB.toFixed(0)} MiB`);
  return { papers: count, wallS, digestsPerSecond: count / wallS, cpuS: run.userS !== null && run.systemS !== null ? run.userS + run.systemS : null, outputMiB };
}

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), { values: ['sizes', 'runs', 'browser-runs', 'queries', 'out-dir', 'seed', 'parts', 'work'], flags: ['keep-work', 'no-browser'] });
  const sizes = (values.get('sizes') ?? '0,10000,100000').split(',').map((raw) => positiveInteger(raw.trim(), 0, 'sizes', 0));
  const runs = positiveInteger(values.get('runs'), 5, 'runs');
  const browserRuns = positiveInteger(values.get('browser-runs'), 3, 'browser-runs');
  const queries = positiveInteger(values.get('queries'), 50, 'queries');
  const seed = positiveInteger(values.get('seed'), 7, 'seed');
  const outDir = resolveOutDir(values.get('out-dir'), false);
  const parts = new Set<Part>(
    (values.get('parts') ?? PARTS.join(',')).split(',').map((raw) => {
      const part = raw.trim() as Part;
      if (!PARTS.includes(part)) throw new Error(`--parts takes ${PARTS.join(', ')}; got ${raw}`);
      return part;
    }),
  );
  const reuseWork = values.get('work');
  const cliEntry = (nodeEntry as (root: string, name: string) => { kind: string; reason: string })(REPO_ROOT, 'cli');
  if (cliEntry.kind !== 'compiled') throw new Error(`the compiled CLI is not current (${cliEntry.reason}); run npm run build:node first`);
  requireFile(FULLTEXT_CORPUS_FILE, 'full-text corpus');
  const modelDir = resolveModelDir({});
  const model = describeModel(modelDir);
  const work = reuseWork ?? mkdtempSync(join(os.tmpdir(), 'facet-perf-user-'));
  mkdirSync(work, { recursive: true });
  const keepWork = flags.has('keep-work') || reuseWork !== undefined;
  const notMeasured: string[] = [];
  const browserProblem = flags.has('no-browser') || !parts.has('browser') ? 'not asked for (--no-browser or --parts)' : coldStartAvailable();
  if (browserProblem) notMeasured.push(`browser first painted row: ${browserProblem}`);
  const output: UserPerfResults = {
    benchmark: 'perf-user',
    commit: currentCommit(),
    date: new Date().toISOString(),
    machine: machineInfo(),
    loadAverage: { start: os.loadavg().map((v) => Math.round(v * 100) / 100), end: null },
    model: model.id,
    serveEntry: serveCommand().kind,
    runs,
    embed: null,
    results: [],
    notMeasured,
    notes: [
      `The machine is shared with other jobs (${os.cpus().length} cores; load average at the start ${os.loadavg().map((v) => v.toFixed(1)).join(' / ')} over 1 / 5 / 15 min): absolute times are inflated and noisy; the paired ratios are the fairer comparison.`,
      'Whole-process times: wall clock from spawn to exit of `node out/node/cli.js …` (what bin/facet.mjs runs when the build is current) and of bench/lib/plain-lancedb.mjs, alternating run by run after one untimed run of each; medians.',
      'The 100k import is `facet import FILE.jsonl` as one process under /usr/bin/time (parse, tag, embed in the worker thread, write, index); peak RSS is that process, worker threads included.',
      'In process: hybrid handler = openFacet().handlers["papers.similar"] (lexical index + dense candidates fused, metadata and reasons); dense store = PaperStore.similar (vector lookup + ANN + metadata); raw LanceDB = the ANN query alone given the vector (ids and distances); flat scan = a dot product over every vector in one Float32Array.',
    ],
  };
  const save = () => {
    output.loadAverage.end = os.loadavg().map((v) => Math.round(v * 100) / 100);
    const file = writeJson(outDir, 'perf-user.json', output);
    if (isCommittedResultsDir(outDir)) renderResultsMarkdown();
    return file;
  };
  log(`perf-user: sizes ${sizes.join(', ')}; runs ${runs}; work ${work}; load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  try {
    const corpusDocuments = await countCorpusDocuments(FULLTEXT_CORPUS_FILE);
    for (const papers of sizes) {
      log(`library of ${papers} papers`);
      const dataDir = join(work, `library-${papers}`);
      mkdirSync(dataDir, { recursive: true });
      const result: UserSizeResult = { papers, import: null, cli: [], serverStart: null, browser: null, inProcess: null };
      output.results.push(result);
      const reused = reuseWork !== undefined && existsSync(libraryDir(dataDir));
      if (reused) {
        log(`  reusing the library in ${dataDir} (its import is not timed)`);
      } else if (papers > 0) {
        const file = await writeDigestFile(work, 'jsonl', papers, seed, FULLTEXT_CORPUS_FILE, corpusDocuments);
        const run = await timedProcess(process.execPath, [CLI, 'import', file, '--data-dir', dataDir, '--json'], { cwd: REPO_ROOT });
        if (papers >= EMBED_PAPERS && output.embed === null) output.embed = await embedProcess(file, work);
        rmSync(file, { force: true });
        if (run.code !== 0) throw new Error(`facet import of ${papers} papers failed (${run.code}): ${run.stderr.slice(-2000)}`);
        const summary = JSON.parse(run.stdout) as { added: number };
        result.import = {
          wallS: run.wallMs / 1000,
          cpuS: run.userS !== null && run.systemS !== null ? run.userS + run.systemS : null,
          peakRssMiB: run.peakRssMiB,
          added: summary.added,
          diskMiB: diskBytes(dataDir) / 1024 ** 2,
        };
        log(`  facet import: ${summary.added} papers in ${result.import.wallS.toFixed(1)} s (cpu ${result.import.cpuS?.toFixed(1)} s), peak RSS ${result.import.peakRssMiB?.toFixed(0)} MiB`);
      } else {
        // An empty library: the first command creates its table.
        await timedProcess(process.execPath, [CLI, 'stats', '--data-dir', dataDir], { cwd: REPO_ROOT });
      }
      save();
      // Each `facet similar` process builds the lexical index anew, which takes most of a minute at 100k.
      if (parts.has('cli')) {
        result.cli = await pairedCommands(dataDir, papers, papers >= 50_000 ? Math.min(runs, 3) : runs, seed);
        save();
      }
      if (parts.has('server')) {
        result.serverStart = await measureServerStart(dataDir, modelDir, papers, Math.min(runs, 3), log);
        save();
      }
      if (!browserProblem) {
        const painted = papers > 0 ? FIRST_ROW : EMPTY_STATE;
        result.browser = { ...(await measureColdStart({ dataDir, modelDir, papers, runs: browserRuns, log, selector: painted })), painted };
        save();
      }
      if (papers >= 1000 && parts.has('in-process')) {
        result.inProcess = await inProcessSimilar(dataDir, modelDir, model, queries, seed);
        save();
      }
      if (!keepWork) rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    log(`wrote ${save()}; machine: ${describeMachine(output.machine)}`);
    if (keepWork) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench/perf-user failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
