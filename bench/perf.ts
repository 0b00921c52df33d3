/**
 * npm run bench:perf — Facet's speed and size on this machine, on synthetic libraries of realistic
 * digests sampled (seeded) from ../shared/corpus/scientific-fulltext.jsonl.gz.
 *
 *   --smoke          ~1 minute: a 1,000-paper library, one run each, no 100k library; labelled smoke
 *   --with-1m        also build and measure a 1,000,000-paper library (about an hour on 2 cores);
 *                    written to perf-1m.json, beside the regular perf.json
 *   --sizes a,b      library sizes (default 10000,100000)
 *   --runs N         repetitions for throughput and import timings (default 3; medians reported)
 *   --queries N      timed queries per latency measurement (default 200)
 *   --out-dir DIR    where perf.json goes (default: bench/results for full runs, a temp dir for smoke)
 *   --model-dir DIR  the model (default: the one in resources/models)
 *   --seed N         seed for the synthetic digests and query sampling
 *   --pdfs N         generated one-page PDFs for the PDF-folder import throughput (default 1000, smoke 40)
 *   --no-cold-start  skip the browser-mode cold-start measurement
 *   --keep-work      keep the generated libraries (their folder is printed)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ASPECTS } from '../src-main/common/contract.ts';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { createEmbedder } from '../src-main/core/embed/index.ts';
import { openFacet } from '../src-main/core/service.ts';
import { PaperStore } from '../src-main/core/store/index.ts';
import { parseFlags } from './lib/cli-args.ts';
import { measureColdStart, coldStartAvailable } from './lib/cold-start.ts';
import { describeModel } from './lib/facet-embedding.ts';
import { closeWithin, diskBytes, importIntoFreshLibrary, libraryDir, writeDigestFile, type ImportFormat } from './lib/library-build.ts';
import { median } from './lib/latency.ts';
import { measurePdfImport, writePdfFolder } from './lib/pdf-bench.ts';
import { currentCommit, describeMachine, machineInfo } from './lib/machine.ts';
import { FULLTEXT_CORPUS_FILE, requireFile } from './lib/paths.ts';
import type { ImportPerf, LibraryPerf, PerfResults } from './lib/perf-types.ts';
import { isCommittedResultsDir, resolveOutDir, writeJson } from './lib/results-io.ts';
import { benchSearch, sampleQueries } from './lib/search-bench.ts';
import { benchSimilar } from './lib/similar-bench.ts';
import { syntheticDigests, countCorpusDocuments } from './lib/synthetic.ts';
import { fixed, textTable } from './lib/table.ts';
import { SCALE_RUN_FILE, renderResultsMarkdown } from './render-results.ts';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function positiveInteger(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} must be a positive integer, got ${raw}`);
  return value;
}

async function measureEmbedding(modelDir: string, papers: number, runs: number, seed: number, corpusDocuments: number): Promise<NonNullable<PerfResults['embedding']>> {
  const digests = [];
  for await (const digest of syntheticDigests(FULLTEXT_CORPUS_FILE, papers, seed + 1, corpusDocuments)) digests.push({ title: digest.title, abstract: digest.abstract });
  // The app's embedder (worker thread, default batch size and ONNX Runtime threads).
  const embedder = await createEmbedder(modelDir);
  try {
    await embedder.embed(digests.slice(0, 64));
    const rates: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await embedder.embed(digests);
      rates.push(papers / ((performance.now() - started) / 1000));
      log(`  embedding run ${run + 1}: ${rates[rates.length - 1]?.toFixed(0)} digests/s`);
    }
    return { papers, digestsPerSecond: median(rates), runs: rates, batchSize: 64, threads: 'ONNX Runtime default (all cores)' };
  } finally {
    await embedder.close();
  }
}

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), {
    values: ['sizes', 'runs', 'queries', 'out-dir', 'model-dir', 'seed', 'pdfs'],
    flags: ['smoke', 'with-1m', 'no-cold-start', 'keep-work'],
  });
  const smoke = flags.has('smoke');
  const seed = positiveInteger(values.get('seed'), 7, 'seed');
  const runs = smoke ? 1 : positiveInteger(values.get('runs'), 3, 'runs');
  const queries = positiveInteger(values.get('queries'), smoke ? 30 : 200, 'queries');
  const sizes = values.has('sizes')
    ? (values.get('sizes') as string).split(',').map((raw) => positiveInteger(raw.trim(), 0, 'sizes'))
    : smoke
      ? [1000]
      : [10_000, 100_000];
  if (flags.has('with-1m') && !sizes.includes(1_000_000)) sizes.push(1_000_000);
  const importSize = sizes[0] as number;
  const pdfCount = positiveInteger(values.get('pdfs'), smoke ? 40 : 1000, 'pdfs');
  const outDir = resolveOutDir(values.get('out-dir'), smoke);
  requireFile(FULLTEXT_CORPUS_FILE, 'full-text corpus');
  const modelDir = resolveModelDir({ modelDir: values.get('model-dir') });
  const model = describeModel(modelDir);
  const started = performance.now();
  const workDir = mkdtempSync(join(os.tmpdir(), 'facet-perf-'));
  log(`model ${model.id}${model.provisional ? ' (provisional)' : ''}; libraries ${sizes.join(', ')}; runs ${runs}; work dir ${workDir}`);
  const skipped: string[] = [];
  const warnings: string[] = [];
  const warn = (line: string) => {
    warnings.push(line);
    log(line);
  };
  const notes: string[] = [
    'The machine is shared: other jobs may have run at the same time, so treat timings as indicative.',
    'similar latencies are given the query vector (the vector lookup by id that papers.similar also does is not included); LanceDB flat uses the same filter and projection as PaperStore.nearest with the vector index bypassed.',
    'Import runs use openFacet().handlers["import.run"] on a fresh data folder each time; papers/s counts papers added over the whole call.',
  ];

  try {
    // Smoke runs sample digests from the first few hundred corpus documents so generation is quick.
    const corpusDocuments = smoke ? 300 : await countCorpusDocuments(FULLTEXT_CORPUS_FILE);

    log('embedding throughput');
    const embedding = await measureEmbedding(modelDir, smoke ? 300 : 2000, runs, seed, corpusDocuments);

    const imports: ImportPerf[] = [];
    const builtLibraries = new Map<number, { dataDir: string; seconds: number; indexSeconds: number | null; path: string; stalled: string | null }>();
    for (const format of ['bibtex', 'jsonl'] as ImportFormat[]) {
      const file = await writeDigestFile(workDir, format, importSize, seed, FULLTEXT_CORPUS_FILE, corpusDocuments);
      const timings: number[] = [];
      for (let run = 0; run < runs; run++) {
        const dataDir = join(workDir, `import-${format}-${run}`);
        const timing = await importIntoFreshLibrary(dataDir, modelDir, file, warn);
        if (timing.summary.added !== importSize) {
          throw new Error(`import of ${importSize} ${format} digests added ${timing.summary.added} (duplicates ${timing.summary.duplicates}, problems ${timing.summary.problems.length})`);
        }
        timings.push(timing.seconds);
        log(`  import ${format} run ${run + 1}: ${importSize} papers in ${timing.seconds.toFixed(1)} s (index ${fixed(timing.indexSeconds, 1)} s)`);
        if (timing.stalled) throw new Error(`import ${format} run ${run + 1} stalled: ${timing.stalled}`);
        const keep = format === 'jsonl' && run === runs - 1;
        if (keep) builtLibraries.set(importSize, { dataDir, seconds: timing.seconds, indexSeconds: timing.indexSeconds, path: 'openFacet import.run of a JSONL file', stalled: null });
        else rmSync(dataDir, { recursive: true, force: true });
      }
      const seconds = median(timings);
      imports.push({ format, papers: importSize, seconds, papersPerSecond: importSize / seconds, runs: timings });
    }

    log(`PDF import: ${pdfCount} generated PDFs`);
    const pdfFolder = join(workDir, 'pdfs');
    const pdfBytes = await writePdfFolder(pdfFolder, pdfCount, seed + 2, FULLTEXT_CORPUS_FILE, corpusDocuments);
    const pdfImport = await measurePdfImport({ folder: pdfFolder, count: pdfCount, bytes: pdfBytes, workDir, modelDir, runs, log });
    rmSync(pdfFolder, { recursive: true, force: true });

    const libraries: LibraryPerf[] = [];
    for (const size of sizes) {
      let built = builtLibraries.get(size);
      if (!built) {
        log(`building the ${size}-paper library`);
        const file = await writeDigestFile(workDir, 'jsonl', size, seed, FULLTEXT_CORPUS_FILE, corpusDocuments);
        const dataDir = join(workDir, `library-${size}`);
        mkdirSync(dataDir, { recursive: true });
        const timing = await importIntoFreshLibrary(dataDir, modelDir, file, warn);
        rmSync(file, { force: true });
        if (timing.summary.added !== size) throw new Error(`the ${size}-paper library got ${timing.summary.added} papers`);
        log(`  built in ${timing.seconds.toFixed(1)} s (index ${fixed(timing.indexSeconds, 1)} s)`);
        built = { dataDir, seconds: timing.seconds, indexSeconds: timing.indexSeconds, path: 'openFacet import.run of a JSONL file', stalled: timing.stalled };
        builtLibraries.set(size, built);
      }
      const library = built;
      log(`measuring the ${size}-paper library`);
      const facet = await openFacet({ dataDir: library.dataDir, modelDir });
      let search: LibraryPerf['search'];
      try {
        search = await benchSearch(facet, await sampleQueries(facet, Math.min(queries, 100), seed));
        log(`  search p50: keyword ${search.keyword.p50.toFixed(1)} ms, semantic ${search.semantic.p50.toFixed(1)} ms, hybrid ${search.hybrid.p50.toFixed(1)} ms`);
      } finally {
        await closeWithin(facet, warn);
      }
      const { store } = await PaperStore.open(libraryDir(library.dataDir), { id: model.id, dims: model.dims });
      let similar: LibraryPerf['similar'];
      try {
        similar = await benchSimilar({ dataDir: libraryDir(library.dataDir), store, modelId: model.id, dims: model.dims, aspects: ASPECTS, queries, seed, log });
      } finally {
        await store.close();
      }
      const bytes = diskBytes(library.dataDir);
      libraries.push({
        papers: size,
        buildPath: library.path,
        buildSeconds: library.seconds,
        indexBuildSeconds: library.indexSeconds,
        stalled: library.stalled,
        diskBytes: bytes,
        diskBytesPer1kPapers: (bytes / size) * 1000,
        similar,
        search,
      });
    }

    let coldStart: PerfResults['coldStart'] = null;
    const coldSize = Math.max(...sizes.filter((size) => size < 1_000_000));
    const coldLibrary = builtLibraries.get(coldSize);
    const unavailable = coldStartAvailable();
    if (flags.has('no-cold-start')) skipped.push('browser-mode cold start (--no-cold-start)');
    else if (unavailable !== null) skipped.push(`browser-mode cold start: ${unavailable}`);
    else if (coldLibrary) {
      log(`browser-mode cold start with ${coldSize} papers`);
      coldStart = await measureColdStart({ dataDir: coldLibrary.dataDir, modelDir, papers: coldSize, runs, log });
    }

    const results: PerfResults = {
      benchmark: 'perf',
      smoke,
      commit: currentCommit(),
      date: new Date().toISOString(),
      machine: machineInfo(),
      model: { id: model.id, provisional: model.provisional, dims: model.dims },
      runs,
      embedding,
      imports,
      pdfImport,
      libraries,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      coldStart,
      skipped,
      notes: [...notes, 'Peak RSS is the benchmark process (core, embedder worker, LanceDB and the measuring code) at its highest.', ...warnings],
      durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    };
    printSummary(results);
    // The 1M run is its own file, so it never replaces the regular (10k + 100k) figures.
    const file = writeJson(outDir, flags.has('with-1m') ? SCALE_RUN_FILE : 'perf.json', results);
    log(`wrote ${file}${smoke ? ' (SMOKE run: not the committed results)' : ''}`);
    if (!smoke && isCommittedResultsDir(outDir)) log(`updated ${renderResultsMarkdown()}`);
  } finally {
    if (flags.has('keep-work')) log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

function printSummary(p: PerfResults): void {
  process.stdout.write(`\n${p.smoke ? 'SMOKE ' : ''}perf — ${describeMachine(p.machine)}\n`);
  const rows: string[][] = [];
  if (p.embedding) rows.push(['embedding (digests/s)', fixed(p.embedding.digestsPerSecond, 0)]);
  for (const imp of p.imports) rows.push([`import ${imp.format} ${imp.papers} (papers/s)`, fixed(imp.papersPerSecond, 0)]);
  if (p.pdfImport) rows.push([`import ${p.pdfImport.pdfs} PDFs (PDFs/s)`, fixed(p.pdfImport.pdfsPerSecond, 1)]);
  rows.push(['peak RSS (MiB)', fixed(p.peakRssMiB, 0)]);
  if (p.coldStart) rows.push([`cold start ${p.coldStart.papers} papers (ms)`, fixed(p.coldStart.totalMs, 0)]);
  process.stdout.write(`${textTable(['measure', 'value'], rows)}\n`);
  for (const library of p.libraries) {
    process.stdout.write(`\n${library.papers} papers: build ${fixed(library.buildSeconds, 1)} s, index ${fixed(library.indexBuildSeconds, 1)} s, ${fixed(library.diskBytesPer1kPapers / 1024 ** 2, 2)} MiB per 1k papers\n`);
    const simRows = Object.entries(library.similar).map(([aspect, s]) => [
      aspect,
      fixed(s.lancedbFlat.p50, 1),
      fixed(s.lancedbFlat.p99, 1),
      fixed(s.lancedbAnn?.p50, 1),
      fixed(s.lancedbAnn?.p99, 1),
      fixed(s.lancedbAnn?.recallAt10, 3),
      fixed(s.typedArray.p50, 1),
      fixed(s.typedArray.p99, 1),
    ]);
    process.stdout.write(`${textTable(['similar', 'flat p50', 'flat p99', 'ANN p50', 'ANN p99', 'recall@10', 'typed p50', 'typed p99'], simRows)}\n`);
    if (library.search) {
      const s = library.search;
      process.stdout.write(`search p50/p99 ms: keyword ${fixed(s.keyword.p50, 1)}/${fixed(s.keyword.p99, 1)}, semantic ${fixed(s.semantic.p50, 1)}/${fixed(s.semantic.p99, 1)}, hybrid ${fixed(s.hybrid.p50, 1)}/${fixed(s.hybrid.p99, 1)}\n`);
    }
  }
}

main().then(
  // Exit explicitly: a core that failed to close (reported as a warning) must not keep the process alive.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench:perf failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
