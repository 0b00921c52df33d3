/**
 * Runs both benchmarks in --smoke mode as child processes, writing into a temp dir (never the
 * committed bench/results), and checks that they exit 0 and write well-formed JSON.
 * Skips when ../shared or the model is absent.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveModelDir } from '../../src-main/core/data-dir.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const sharedDir = resolve(repoRoot, '../shared');
const pwcFile = join(sharedDir, 'data/pwc-leaderboards/sota_papers_title_abstract_tdms.jsonl.gz');
const corpusFile = join(sharedDir, 'corpus/scientific-fulltext.jsonl.gz');

function modelMissing(): string | null {
  try {
    resolveModelDir();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const missingModel = modelMissing();
const skipReason = !existsSync(pwcFile) || !existsSync(corpusFile)
  ? `../shared data is absent (${pwcFile}, ${corpusFile})`
  : missingModel !== null
    ? `no model: ${missingModel}`
    : null;
if (skipReason) console.warn(`bench smoke tests skipped: ${skipReason}`);

function runBench(script: string, outDir: string, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, script), '--smoke', '--out-dir', outDir, ...extra],
      { cwd: repoRoot, maxBuffer: 32 * 1024 * 1024, timeout: 240_000 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function expectUnitInterval(value: unknown, where: string): void {
  expect(typeof value, where).toBe('number');
  expect(Number.isFinite(value), where).toBe(true);
  expect(value as number, where).toBeGreaterThanOrEqual(0);
  expect(value as number, where).toBeLessThanOrEqual(1);
}

function expectLatency(value: unknown, where: string): void {
  const latency = value as { p50: number; p95: number; p99: number; samples: number };
  for (const key of ['p50', 'p95', 'p99'] as const) {
    expect(Number.isFinite(latency[key]), `${where}.${key}`).toBe(true);
    expect(latency[key], `${where}.${key}`).toBeGreaterThan(0);
  }
  expect(latency.p50).toBeLessThanOrEqual(latency.p99);
  expect(latency.samples).toBeGreaterThan(0);
}

describe.skipIf(skipReason !== null)('benchmarks in --smoke mode', () => {
  const outDir = mkdtempSync(join(os.tmpdir(), 'facet-bench-smoke-test-'));
  const committed = join(repoRoot, 'bench/results');
  const committedBefore = ['quality.json', 'perf.json'].map((name) => {
    const file = join(committed, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bench:quality --smoke writes the expected JSON with metrics in [0, 1]', async () => {
    const run = await runBench('bench/quality.ts', outDir);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    expect(run.stdout).toMatch(/SMOKE/);
    const result = JSON.parse(readFileSync(join(outDir, 'quality.json'), 'utf8'));
    expect(result.smoke).toBe(true);
    expect(result.k).toBe(10);
    expect(typeof result.commit).toBe('string');
    expect(Number.isNaN(Date.parse(result.date))).toBe(false);
    expect(result.methodLabels.pwc).toMatch(/derived/i);
    expect(result.methodLabels.scirex).toMatch(/human/i);
    expect(Object.keys(result.settings)).toEqual(['scirex', 'pwc']);
    const systems = Object.keys(result.systems);
    // The LSA baseline is only evaluated in a smoke run when it was built before (it needs python3-sklearn).
    expect(systems.filter((s) => s !== 'lsa').sort()).toEqual(
      ['bm25', 'facet-dataset', 'facet-generic', 'facet-hybrid', 'facet-method', 'facet-task', 'lexical', 'random', 'tfidf'].sort(),
    );
    type Split = { papers: number; queries: Record<string, number>; results: Record<string, Record<string, { atK: Record<string, number>; mapFull: number }>>; vsTfidf: Record<string, Record<string, { mapFull: { diff: number; low: number; high: number } }>> };
    for (const [setting, splits] of Object.entries(result.settings as Record<string, { dev: Split; test: Split }>)) {
      for (const [name, split] of Object.entries({ dev: splits.dev, test: splits.test })) {
        expect(split.papers, `${setting}/${name}`).toBeGreaterThan(50);
        expect(split.queries.task, `${setting}/${name} task queries`).toBeGreaterThan(0);
        for (const system of systems) {
          for (const [kind, r] of Object.entries(split.results[system]!)) {
            for (const key of ['map', 'mrr', 'p', 'r', 'ndcg']) expectUnitInterval(r.atK[key], `${setting}/${name}/${system}/${kind}/${key}`);
            expectUnitInterval(r.mapFull, `${setting}/${name}/${system}/${kind}/mapFull`);
          }
        }
        const ci = split.vsTfidf['facet-hybrid']!.task!.mapFull;
        expect(ci.low).toBeLessThanOrEqual(ci.diff);
        expect(ci.diff).toBeLessThanOrEqual(ci.high);
        // The lexical baseline must beat random on task relevance even on a small pool.
        expect(split.results.tfidf!.task!.mapFull).toBeGreaterThan(split.results.random!.task!.mapFull);
      }
    }
  });

  it('bench:perf --smoke writes the expected JSON with finite timings', async () => {
    const run = await runBench('bench/perf.ts', outDir);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    const result = JSON.parse(readFileSync(join(outDir, 'perf.json'), 'utf8'));
    expect(result.smoke).toBe(true);
    expect(result.benchmark).toBe('perf');
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(Object.keys(result.machine.packages).sort()).toEqual(['@lancedb/lancedb', 'onnxruntime-node']);
    expect(result.embedding.digestsPerSecond).toBeGreaterThan(0);
    expect(result.imports.map((entry: { format: string }) => entry.format).sort()).toEqual(['bibtex', 'jsonl']);
    for (const entry of result.imports) expect(entry.papersPerSecond).toBeGreaterThan(0);
    expect(result.pdfImport.pdfs).toBe(40);
    expect(result.pdfImport.errors).toBe(0);
    expect(result.pdfImport.warnings).toBeLessThan(40);
    expect(result.pdfImport.pdfsPerSecond).toBeGreaterThan(0);
    expect(result.libraries).toHaveLength(1);
    const library = result.libraries[0];
    expect(library.papers).toBe(1000);
    expect(library.diskBytesPer1kPapers).toBeGreaterThan(0);
    expect(Object.keys(library.similar).sort()).toEqual(['dataset', 'generic', 'method', 'task']);
    for (const [aspect, similar] of Object.entries(library.similar as Record<string, Record<string, unknown>>)) {
      expectLatency(similar.lancedbFlat, `${aspect}.flat`);
      expectLatency(similar.typedArray, `${aspect}.typedArray`);
      expectLatency(similar.lancedbAnn, `${aspect}.ann`);
      expectUnitInterval((similar.lancedbAnn as { recallAt10: number }).recallAt10, `${aspect}.recallAt10`);
    }
    for (const mode of ['keyword', 'semantic', 'hybrid']) expectLatency(library.search[mode], `search.${mode}`);
    expect(result.peakRssMiB).toBeGreaterThan(0);
  });

  it('left the committed results alone', () => {
    const after = ['quality.json', 'perf.json'].map((name) => {
      const file = join(committed, name);
      return existsSync(file) ? readFileSync(file, 'utf8') : null;
    });
    expect(after).toEqual(committedBefore);
  });
});

if (skipReason !== null) {
  describe('benchmarks in --smoke mode', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
