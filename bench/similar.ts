/**
 * npx tsx bench/similar.ts — `papers.similar` as a person waits for it: the service handler end to
 * end (lexical index + dense aspect vectors fused, metadata read, reasons written), beside the
 * dense-only store query it replaced (PaperStore.similar: vector lookup + ANN), on synthetic
 * libraries of realistic digests from the full-text corpus, in one run on one machine.
 *
 *   --sizes 10000,100000   library sizes (default both)
 *   --queries N            query papers per aspect (default 100)
 *   --smoke                one 1,000-paper library, 20 queries; never written to bench/results
 *   --out-dir DIR, --seed N, --keep-work
 *
 * Also reports the cold start of the lexical index (built on the first similar after opening), the
 * process's resident memory after it, and LanceDB's full-text search with a whole paper as the query
 * (what the in-process index stands in for).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASPECTS, type Aspect } from '../src-main/common/contract.ts';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { openFacet } from '../src-main/core/service.ts';
import { PaperStore } from '../src-main/core/store/index.ts';
import { parseFlags } from './lib/cli-args.ts';
import { describeModel } from './lib/facet-embedding.ts';
import { summarise, timeEach } from './lib/latency.ts';
import { closeWithin, importIntoFreshLibrary, libraryDir, writeDigestFile } from './lib/library-build.ts';
import { currentCommit, describeMachine, machineInfo } from './lib/machine.ts';
import { FULLTEXT_CORPUS_FILE, RESULTS_DIR, requireFile } from './lib/paths.ts';
import type { LatencySummary } from './lib/perf-types.ts';
import { seededShuffle } from './lib/ranking.ts';
import { resolveOutDir, writeJson } from './lib/results-io.ts';
import { countCorpusDocuments } from './lib/synthetic.ts';
import { fixed, markdownTable, textTable } from './lib/table.ts';


function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

interface SizeResult {
  papers: number;
  buildSeconds: number;
  lexiconColdMs: number;
  rssMiBAfterLexicon: number;
  perAspect: Record<Aspect, { handler: LatencySummary; denseStore: LatencySummary }>;
  /** LanceDB's full-text index with the query paper's title + abstract as the query (top 200): the lexical candidates LanceDB could give instead of the in-process index. */
  lancedbFtsPaperQuery: LatencySummary;
}

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), { values: ['sizes', 'queries', 'out-dir', 'seed'], flags: ['smoke', 'keep-work'] });
  const smoke = flags.has('smoke');
  const sizes = (values.get('sizes') ?? (smoke ? '1000' : '10000,100000')).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`--sizes must be integers >= 100, got ${values.get('sizes')}`);
  const queries = Number(values.get('queries') ?? (smoke ? '20' : '100'));
  const seed = Number(values.get('seed') ?? '13');
  const outDir = resolveOutDir(values.get('out-dir'), smoke);
  const modelDir = resolveModelDir({});
  const model = describeModel(modelDir);
  requireFile(FULLTEXT_CORPUS_FILE, 'the full-text corpus');
  const documents = await countCorpusDocuments(FULLTEXT_CORPUS_FILE);
  const work = mkdtempSync(join(tmpdir(), 'facet-bench-similar-'));
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      log(`building the ${size}-paper library`);
      const file = await writeDigestFile(work, 'jsonl', size, seed, FULLTEXT_CORPUS_FILE, documents);
      const dataDir = join(work, `library-${size}`);
      mkdirSync(dataDir, { recursive: true });
      const timing = await importIntoFreshLibrary(dataDir, modelDir, file, log);
      rmSync(file, { force: true });
      log(`  built in ${timing.seconds.toFixed(1)} s`);
      const facet = await openFacet({ dataDir, modelDir });
      const { store } = await PaperStore.open(libraryDir(dataDir), { id: model.id, dims: model.dims });
      try {
        const ids = seededShuffle([...(await store.allVectors('generic')).keys()], seed).slice(0, queries);
        const cold = performance.now();
        await facet.handlers['papers.similar']({ id: ids[0]!, aspect: 'generic', k: 10 });
        const lexiconColdMs = performance.now() - cold;
        const rssMiBAfterLexicon = process.memoryUsage().rss / 1024 ** 2;
        log(`  first similar (builds the lexical index): ${lexiconColdMs.toFixed(0)} ms, RSS ${rssMiBAfterLexicon.toFixed(0)} MiB`);
        const perAspect = {} as SizeResult['perAspect'];
        for (const aspect of ASPECTS) {
          const handler = summarise(await timeEach(ids, (id) => facet.handlers['papers.similar']({ id, aspect, k: 10 })));
          const denseStore = summarise(await timeEach(ids, (id) => store.similar(id, aspect, 10)));
          perAspect[aspect] = { handler, denseStore };
          log(`  ${aspect}: handler p50 ${handler.p50.toFixed(1)} p95 ${handler.p95.toFixed(1)} ms; dense store p50 ${denseStore.p50.toFixed(1)} p95 ${denseStore.p95.toFixed(1)} ms`);
        }
        const texts = new Map((await store.getMany(ids)).map((paper) => [paper.id, `${paper.title} ${paper.abstract}`.slice(0, 2000)]));
        const lancedbFtsPaperQuery = summarise(await timeEach(ids, (id) => store.keyword(texts.get(id)!, 200)));
        log(`  LanceDB FTS, paper as query: p50 ${lancedbFtsPaperQuery.p50.toFixed(1)} p95 ${lancedbFtsPaperQuery.p95.toFixed(1)} ms`);
        results.push({ papers: size, buildSeconds: timing.seconds, lexiconColdMs, rssMiBAfterLexicon, perAspect, lancedbFtsPaperQuery });
      } finally {
        await store.close();
        await closeWithin(facet, log);
      }
      if (!flags.has('keep-work')) rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    if (!flags.has('keep-work')) rmSync(work, { recursive: true, force: true });
  }
  const output = { benchmark: 'similar', smoke, commit: currentCommit(), date: new Date().toISOString(), machine: machineInfo(), model: model.id, queries, results };
  const file = writeJson(outDir, 'similar.json', output);
  const rows = results.flatMap((r) => ASPECTS.map((aspect) => {
    const a = r.perAspect[aspect];
    return [String(r.papers), aspect, fixed(a.handler.p50, 1), fixed(a.handler.p95, 1), fixed(a.denseStore.p50, 1), fixed(a.denseStore.p95, 1)];
  }));
  const header = ['papers', 'aspect', 'handler p50 ms', 'handler p95 ms', 'dense store p50 ms', 'dense store p95 ms'];
  process.stdout.write(`\n${textTable(header, rows)}\n`);
  if (!smoke && outDir === RESULTS_DIR) {
    const md = [
      '# papers.similar latency (npx tsx bench/similar.ts)',
      '',
      `Date ${output.date}, commit \`${output.commit}\`, machine: ${describeMachine(output.machine)}. Model \`${model.id}\`, ${queries} query papers per aspect, k = 10.`,
      '',
      '"handler" is `openFacet().handlers["papers.similar"]` end to end: the lexical index (kept in memory), the dense candidates, the fused ranking, metadata and reasons. ' +
        '"dense store" is `PaperStore.similar`, the dense-only query it replaced (vector lookup + ANN). Goal: handler p95 <= 50 ms at 100k papers.',
      '',
      markdownTable(header, rows),
      '',
      markdownTable(
        ['papers', 'build s', 'first similar (lexical index build) ms', 'RSS after, MiB', 'LanceDB FTS, paper as query, p50 / p95 ms'],
        results.map((r) => [String(r.papers), fixed(r.buildSeconds, 1), fixed(r.lexiconColdMs, 0), fixed(r.rssMiBAfterLexicon, 0), `${fixed(r.lancedbFtsPaperQuery.p50, 1)} / ${fixed(r.lancedbFtsPaperQuery.p95, 1)}`]),
      ),
      '',
    ].join('\n');
    writeFileSync(join(RESULTS_DIR, 'similar.md'), md);
  }
  log(`machine: ${describeMachine(output.machine)}`);
  log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/similar failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
