/**
 * npx tsx bench/map.ts (npm run bench:map) — how long the aspect map takes to lay out, on synthetic
 * libraries of realistic digests from the full-text corpus, tagged and embedded with the committed
 * model (as an import would), then laid out by the map service exactly as the app runs it (a
 * worker thread per layout: UMAP on up to 4,000 landmarks, the rest placed near them).
 *
 *   --sizes 10000,100000   library sizes (default both)
 *   --aspects a,b          aspects to lay out (default all four)
 *   --smoke                one 1,000-paper library, two aspects; never written to bench/results
 *   --out-dir DIR, --seed N
 *
 * Per size and aspect: the first map.get (full layout, split into UMAP's neighbour graph, its
 * optimisation and the placement of the other papers; region naming), a cached answer after a
 * restart (the map file read back), and the placement of 1% more papers after an "import". The
 * papers' vectors are held in memory: reading them out of LanceDB is not part of these figures.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASPECTS, type Aspect, type AspectTerms, type EventPayloads, type MapPhase } from '../src-main/common/contract.ts';
import { AspectTagger } from '../src-main/core/aspects/index.ts';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { createEmbedder } from '../src-main/core/embed/index.ts';
import { mapCacheFile, openMapService, type MapSource } from '../src-main/core/map/index.ts';
import { FEATURES_VERSION } from '../src-main/core/map/term-features.ts';
import { parseFlags } from './lib/cli-args.ts';
import { currentCommit, describeMachine, machineInfo } from './lib/machine.ts';
import { FULLTEXT_CORPUS_FILE, RESULTS_DIR, requireFile } from './lib/paths.ts';
import { resolveOutDir, writeJson } from './lib/results-io.ts';
import { countCorpusDocuments, syntheticDigests } from './lib/synthetic.ts';
import { fixed, markdownTable, textTable } from './lib/table.ts';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

interface Paper {
  id: string;
  title: string;
  terms: AspectTerms;
  vectors: Record<Aspect, Float32Array>;
}

/** The library in memory, as the map service reads it from the store. */
class MemoryLibrary implements MapSource {
  papers: Paper[] = [];
  version = 1;
  async embeddedOutlines() {
    return this.papers.map(({ id, title, terms }) => ({ id, title, terms }));
  }
  async allVectors(aspect: Aspect) {
    return new Map(this.papers.map((paper) => [paper.id, paper.vectors[aspect]]));
  }
  async vectorsOf(ids: readonly string[], aspect: Aspect) {
    const wanted = new Set(ids);
    return new Map(this.papers.filter((paper) => wanted.has(paper.id)).map((paper) => [paper.id, paper.vectors[aspect]]));
  }
  async tableVersion() {
    return this.version;
  }
}

interface AspectResult {
  aspect: Aspect;
  papers: number;
  landmarks: number;
  regions: number;
  /** First map.get on an empty data folder: everything below plus reading and naming. */
  firstGetMs: number;
  neighboursMs: number;
  umapMs: number;
  placeMs: number;
  regionsMs: number;
  cacheFileMiB: number;
  /** map.get of a freshly opened service: the cache file read back, regions named. */
  fromFileMs: number;
  /** map.get after 1% more papers: those placed, the file rewritten. */
  incrementalPapers: number;
  incrementalMs: number;
  rssMiB: number;
}

async function buildLibrary(library: MemoryLibrary, count: number, seed: number, documents: number, firstIndex: number): Promise<void> {
  const tagger = await AspectTagger.load();
  const embedder = await createEmbedder(resolveModelDir({}));
  try {
    let batch: { title: string; abstract: string }[] = [];
    let index = firstIndex;
    const flush = async () => {
      const vectors = await embedder.embed(batch);
      batch.forEach((digest, i) => library.papers.push({ id: `p${index + i}`, title: digest.title, terms: tagger.tag(digest.title, digest.abstract), vectors: vectors[i]! }));
      index += batch.length;
      batch = [];
    };
    for await (const digest of syntheticDigests(FULLTEXT_CORPUS_FILE, count, seed, documents)) {
      batch.push({ title: digest.title, abstract: digest.abstract });
      if (batch.length === 512) await flush();
    }
    if (batch.length > 0) await flush();
  } finally {
    await embedder.close();
  }
  library.version++;
}

async function measureAspect(library: MemoryLibrary, aspect: Aspect, extra: Paper[], modelId: string, dims: number): Promise<AspectResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'facet-bench-map-'));
  try {
    const phaseStarts = new Map<MapPhase, number>();
    const events = {
      emit: (_name: string, payload: EventPayloads['map.onDidProgress']) => {
        if (!phaseStarts.has(payload.phase)) phaseStarts.set(payload.phase, performance.now());
      },
    };
    const open = () => openMapService({ dataDir, source: library, modelId, dims, events: events as never });
    const started = performance.now();
    const map = await open().handlers['map.get']({ aspect });
    const firstGetMs = performance.now() - started;
    const at = (phase: MapPhase) => phaseStarts.get(phase) ?? started;
    const neighboursMs = at('layout') - at('neighbours');
    const umapMs = (phaseStarts.has('place') ? at('place') : at('regions')) - at('layout');
    const placeMs = phaseStarts.has('place') ? at('regions') - at('place') : 0;
    const regionsMs = at('done') - at('regions');
    const cacheFileMiB = statSync(mapCacheFile(dataDir, aspect, modelId)).size / 2 ** 20;
    log(`  ${aspect}: first map ${fixed(firstGetMs / 1000, 1)} s (neighbours ${fixed(neighboursMs / 1000, 1)} s, UMAP ${fixed(umapMs / 1000, 1)} s, placing ${fixed(placeMs / 1000, 1)} s, regions ${fixed(regionsMs, 0)} ms)`);

    const reopened = performance.now();
    await open().handlers['map.get']({ aspect });
    const fromFileMs = performance.now() - reopened;

    const service = open();
    await service.handlers['map.get']({ aspect });
    library.papers.push(...extra);
    library.version++;
    const incrementalStarted = performance.now();
    const updated = await service.handlers['map.get']({ aspect });
    const incrementalMs = performance.now() - incrementalStarted;
    library.papers.splice(library.papers.length - extra.length, extra.length);
    library.version++;
    if (updated.addedSinceLayout !== extra.length) throw new Error(`expected ${extra.length} papers placed, got ${updated.addedSinceLayout}`);
    log(`  ${aspect}: from the file ${fixed(fromFileMs, 0)} ms; ${extra.length} more papers placed in ${fixed(incrementalMs, 0)} ms`);
    return {
      aspect,
      papers: map.ids.length,
      landmarks: map.landmarks,
      regions: map.regions.length,
      firstGetMs,
      neighboursMs,
      umapMs,
      placeMs,
      regionsMs,
      cacheFileMiB,
      fromFileMs,
      incrementalPapers: extra.length,
      incrementalMs,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values, flags } = parseFlags(process.argv.slice(2), { values: ['sizes', 'aspects', 'out-dir', 'seed'], flags: ['smoke'] });
  const smoke = flags.has('smoke');
  const sizes = (values.get('sizes') ?? (smoke ? '1000' : '10000,100000')).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`--sizes must be integers >= 100, got ${values.get('sizes')}`);
  const aspects = (values.get('aspects') ?? (smoke ? 'generic,method' : ASPECTS.join(','))).split(',') as Aspect[];
  for (const aspect of aspects) if (!ASPECTS.includes(aspect)) throw new Error(`--aspects: unknown aspect ${aspect}`);
  const seed = Number(values.get('seed') ?? '21');
  const outDir = resolveOutDir(values.get('out-dir'), smoke);
  requireFile(FULLTEXT_CORPUS_FILE, 'the full-text corpus');
  const documents = smoke ? 300 : await countCorpusDocuments(FULLTEXT_CORPUS_FILE);
  const probe = await createEmbedder(resolveModelDir({}));
  const model = { id: probe.info.id, dims: probe.info.dims };
  await probe.close();

  const results: AspectResult[] = [];
  const buildSeconds: Record<number, number> = {};
  for (const size of sizes) {
    const library = new MemoryLibrary();
    const built = performance.now();
    log(`building ${size} papers (synthetic digests, tagged and embedded)…`);
    await buildLibrary(library, size, seed, documents, 0);
    const extraLibrary = new MemoryLibrary();
    await buildLibrary(extraLibrary, Math.max(1, Math.round(size / 100)), seed + 1, documents, size);
    buildSeconds[size] = (performance.now() - built) / 1000;
    log(`built in ${fixed(buildSeconds[size], 1)} s`);
    for (const aspect of aspects) results.push(await measureAspect(library, aspect, extraLibrary.papers, model.id, model.dims));
  }

  const output = { benchmark: 'map', smoke, commit: currentCommit(), date: new Date().toISOString(), machine: machineInfo(), model: model.id, features: FEATURES_VERSION, buildSeconds, results };
  const file = writeJson(outDir, 'map.json', output);
  const header = ['papers', 'aspect', 'landmarks', 'full layout s', 'neighbours s', 'UMAP s', 'placing s', 'regions ms', 'from file ms', '+1% placed ms', 'file MiB'];
  const rows = results.map((r) => [
    String(r.papers),
    r.aspect,
    String(r.landmarks),
    fixed(r.firstGetMs / 1000, 1),
    fixed(r.neighboursMs / 1000, 1),
    fixed(r.umapMs / 1000, 1),
    fixed(r.placeMs / 1000, 1),
    fixed(r.regionsMs, 0),
    fixed(r.fromFileMs, 0),
    fixed(r.incrementalMs, 0),
    fixed(r.cacheFileMiB, 1),
  ]);
  process.stdout.write(`\n${textTable(header, rows)}\n`);
  if (!smoke && outDir === RESULTS_DIR) {
    const md = [
      '# Aspect map layout time (npm run bench:map)',
      '',
      `Date ${output.date}, commit \`${output.commit}\`, machine: ${describeMachine(output.machine)}. Model \`${model.id}\`, layout features \`${FEATURES_VERSION}\`.`,
      '',
      'Synthetic digests from the full-text corpus, tagged and embedded with the committed model, held in memory; the map service lays them out as the app does ' +
        '(worker thread; UMAP via umap-js on up to 4,000 landmarks, 200 epochs; every other paper at the weighted mean of its 8 nearest landmarks). ' +
        '"full layout" is the first `map.get` on an empty data folder; "from file" a `map.get` after a restart (cache file read, regions named); ' +
        '"+1% placed" a `map.get` after 1% more papers arrived (placed near their landmarks, file rewritten). Reading vectors out of LanceDB is not included.',
      '',
      markdownTable(header, rows),
      '',
    ].join('\n');
    writeFileSync(join(RESULTS_DIR, 'map.md'), md);
  }
  log(`machine: ${describeMachine(output.machine)}`);
  log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/map failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
