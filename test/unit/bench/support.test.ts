import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlags, parseList } from '../../../bench/lib/cli-args.ts';
import { median, percentile, summarise } from '../../../bench/lib/latency.ts';
import { digestText, heldOutPapers, loadPwcPapers, trainOnlyPapers } from '../../../bench/lib/pwc-data.ts';
import { pairedBootstrap } from '../../../bench/lib/bootstrap.ts';
import { fullAveragePrecision } from '../../../bench/lib/evaluate-detailed.ts';
import { pythonStringList } from '../../../bench/lib/scirex-data.ts';
import { splitOf } from '../../../bench/lib/split.ts';
import { resolveOutDir } from '../../../bench/lib/results-io.ts';
import { RESULTS_DIR } from '../../../bench/lib/paths.ts';

const dir = mkdtempSync(join(os.tmpdir(), 'facet-bench-support-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('latency helpers', () => {
  it('uses nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(summarise([5, 1, 3])).toEqual({ p50: 3, p95: 5, p99: 5, samples: 3 });
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => percentile([], 50)).toThrow(/no samples/);
  });
});

describe('flag parsing', () => {
  const known = { values: ['settings', 'out-dir'], flags: ['smoke'] };
  it('reads values in both spellings and bare flags', () => {
    const parsed = parseFlags(['--smoke', '--settings', 'held-out', '--out-dir=/tmp/x'], known);
    expect(parsed.flags.has('smoke')).toBe(true);
    expect(parsed.values.get('settings')).toBe('held-out');
    expect(parsed.values.get('out-dir')).toBe('/tmp/x');
  });
  it('rejects unknown flags, missing values and unknown list items', () => {
    expect(() => parseFlags(['--nope'], known)).toThrow(/unknown flag --nope/);
    expect(() => parseFlags(['--settings'], known)).toThrow(/needs a value/);
    expect(() => parseList('held-out,bogus', ['held-out', '4-fold'], 'setting')).toThrow(/unknown setting "bogus"/);
  });
});

describe('results location', () => {
  it('never sends a smoke run to the committed results', () => {
    expect(resolveOutDir(undefined, true)).not.toBe(RESULTS_DIR);
    expect(resolveOutDir(undefined, false)).toBe(RESULTS_DIR);
    expect(resolveOutDir('/tmp/elsewhere', false)).toBe('/tmp/elsewhere');
  });
});

describe('Papers-with-Code loading', () => {
  const file = join(dir, 'pwc.jsonl.gz');
  const rows = [
    { paper_id: 'a', split: 'train', title: 'A', abstract: 'alpha', tasks: ['T1'], datasets: [] },
    { paper_id: 'b', split: 'test1-few-shot', title: 'B', abstract: 'beta', tasks: ['T1'], datasets: ['D'] },
    { paper_id: 'b', split: 'test2-zero-shot', title: 'B', abstract: 'beta', tasks: ['T2'], datasets: ['D'] },
    { paper_id: 'c', split: 'validation', title: 'C', abstract: null, tasks: ['T1'], datasets: [] },
    { paper_id: 'd', split: 'validation', title: '', abstract: 'delta', tasks: [], datasets: [] },
    { paper_id: 'e', split: 'train', title: 'E', abstract: 'eps', tasks: ['T3'], datasets: [] },
    { paper_id: 'e', split: 'test1-few-shot', title: 'E', abstract: 'eps', tasks: ['T3'], datasets: [] },
    { paper_id: 'f', arxiv_id: '1804.00891', split: 'train', title: 'F', abstract: 'phi', tasks: ['T1'], datasets: [] },
    { paper_id: 'g', arxiv_id: '1804.00891', split: 'test2-zero-shot', title: '', abstract: null, tasks: [], datasets: [] },
  ];
  writeFileSync(file, gzipSync(rows.map((row) => JSON.stringify(row)).join('\n')));

  it('keeps labelled papers with abstracts, once per paper_id, with every split', async () => {
    const { papers, report, heldOutKeys } = await loadPwcPapers(file);
    expect(report).toEqual({ rows: 9, withoutAbstract: 2, withoutLabels: 1, duplicateRows: 2 });
    expect(papers.map((p) => p.id)).toEqual(['a', 'b', 'e', 'f']);
    expect(papers[1]?.splits).toEqual(['test1-few-shot', 'test2-zero-shot']);
    expect(papers[1]?.tasks).toEqual(['T1', 'T2']);
    const { pool, alsoInTrain } = heldOutPapers(papers);
    expect(pool.map((p) => p.id)).toEqual(['b']);
    expect(alsoInTrain).toBe(1);
    // f is train-only by its rows, but its arXiv id is also a held-out row's: never a training paper
    expect(trainOnlyPapers(papers, heldOutKeys).map((p) => p.id)).toEqual(['a']);
    expect(digestText({ title: '', abstract: 'x' })).toBe('x');
  });

  it('names the file and line of a bad record', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"paper_id": "x", "tasks": "not a list", "abstract": "y"}\n');
    await expect(loadPwcPapers(bad)).rejects.toThrow(/bad\.jsonl:1: field "tasks"/);
  });
});

describe('dev / test split', () => {
  it('is stable and close to half and half', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `paper-${i}`);
    const dev = ids.filter((id) => splitOf(id) === 'dev').length;
    expect(dev).toBeGreaterThan(900);
    expect(dev).toBeLessThan(1100);
    expect(ids.map(splitOf)).toEqual(ids.map(splitOf));
    // The rule shared with tools/model/select_aspects.py: sha256("a") starts ca978112 (even) -> dev.
    expect(splitOf('a')).toBe('dev');
  });
});

describe('paired bootstrap', () => {
  it('brackets the mean difference and is zero-width for identical systems', () => {
    const a = Array.from({ length: 200 }, (_, i) => (i % 10) / 10 + 0.1);
    const b = a.map((x) => x - 0.1);
    const ci = pairedBootstrap(a, b, 7);
    expect(ci.diff).toBeCloseTo(0.1, 10);
    expect(ci.low).toBeCloseTo(0.1, 10);
    expect(ci.high).toBeCloseTo(0.1, 10);
    const noisy = pairedBootstrap(a, [...a].reverse(), 7);
    expect(noisy.low).toBeLessThan(noisy.diff);
    expect(noisy.high).toBeGreaterThan(noisy.diff);
  });
});

describe('full-ranking average precision', () => {
  it('averages the precision at every relevant paper over the whole ranking', () => {
    // Ranking without the query (index 0): 3 (rel), 1, 2 (rel), 4.
    const scores = Float32Array.from([9, 0.8, 0.5, 0.9, 0.1]);
    expect(fullAveragePrecision(scores, new Set([3, 2]), 0)).toBeCloseTo((1 / 1 + 2 / 3) / 2, 10);
  });
});

describe('SciREX label lists', () => {
  it('reads Python list literals with either quote', () => {
    expect(pythonStringList(`['Semantic Segmentation', "Moore's law"]`)).toEqual(['Semantic Segmentation', "Moore's law"]);
    expect(pythonStringList('[]')).toEqual([]);
  });
});
