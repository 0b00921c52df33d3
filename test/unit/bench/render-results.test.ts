import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderResultsMarkdown } from '../../../bench/render-results.ts';

const dir = mkdtempSync(join(os.tmpdir(), 'facet-bench-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const machine = { cpuModel: 'Test CPU', cores: 2, memoryGiB: 8, platform: 'Linux', node: 'v20', packages: { 'onnxruntime-node': '1.0.0', '@lancedb/lancedb': '0.1.0' } };
const metrics = (map: number) => ({ atK: { map, mrr: 0.5, p: 0.25, r: 0.125, ndcg: 0.3, queries: 40 }, mapFull: map + 0.1 });
const perKind = (task: number, method: number, dataset: number, overall: number) => ({ task: metrics(task), method: metrics(method), dataset: metrics(dataset), overall: metrics(overall) });
const ci = (diff: number, low: number, high: number) => ({ mapAtK: { diff, low, high }, mapFull: { diff, low, high } });
const split = (papers: number) => ({
  papers,
  queries: { task: 40, method: 0, dataset: 30, overall: 45 },
  results: { tfidf: perKind(0.2, 0, 0.2, 0.3), 'facet-hybrid': perKind(0.4, 0, 0.1, 0.35) },
  vsTfidf: { 'facet-hybrid': { task: ci(0.2, 0.1, 0.3), method: ci(0, 0, 0), dataset: ci(-0.1, -0.2, -0.05), overall: ci(0.05, -0.01, 0.1) } },
});

describe('renderResultsMarkdown', () => {
  it('renders the quality tables from the JSON, test split, with the intervals against TF-IDF', () => {
    writeFileSync(
      join(dir, 'quality.json'),
      JSON.stringify({
        smoke: false,
        k: 10,
        settings: { scirex: { pool: 'SciREX papers', dev: split(150), test: split(156) } },
        commit: 'abc123',
        date: '2026-11-23T22:00:00.000Z',
        machine,
        model: { id: 'm1', provisional: true, dims: 256 },
        lsaBaseline: 'lsa-baseline@1',
        methodLabels: { scirex: 'human annotations' },
        relevance: 'shared label',
        metrics: 'at k=10',
        split: 'dev / test by hash',
        systems: { tfidf: 'TF-IDF cosine' },
      }),
    );
    const target = join(dir, 'RESULTS.md');
    renderResultsMarkdown(dir, target);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('do not edit by hand');
    expect(text).toContain('commit `abc123`');
    expect(text).toContain('provisional model');
    expect(text).toContain('Method labels, scirex: human annotations');
    expect(text).toContain('Test split: 156 papers (dev: 150)');
    expect(text).toContain('| facet-hybrid | 0.400 | 0.500 | 0.300 | 0.500 | +0.200 [0.100, 0.300] (better) | 0.500 |');
    expect(text).toContain('-0.100 [-0.200, -0.050] (**worse**)');
    // A relevance kind without queries gets no table.
    expect(text).not.toContain('Relevance **method**');
    expect(text).toContain('No full performance run recorded yet.');
  });

  it('renders the performance tables from the JSON', () => {
    const latency = (p50: number) => ({ p50, p95: p50 * 2, p99: p50 * 3, samples: 100 });
    writeFileSync(
      join(dir, 'perf.json'),
      JSON.stringify({
        benchmark: 'perf',
        smoke: false,
        commit: 'def456',
        date: '2026-11-23T22:30:00.000Z',
        machine,
        model: { id: 'm1', provisional: false, dims: 256 },
        runs: 3,
        embedding: { papers: 2000, digestsPerSecond: 812.4, runs: [800, 812.4, 900], batchSize: 64, threads: 'default' },
        imports: [{ format: 'jsonl', papers: 10000, seconds: 20, papersPerSecond: 500, runs: [20, 21, 19] }],
        libraries: [
          {
            papers: 10000,
            buildPath: 'import',
            buildSeconds: 20,
            indexBuildSeconds: 3,
            diskBytes: 50 * 1024 ** 2,
            diskBytesPer1kPapers: 5 * 1024 ** 2,
            similar: { task: { lancedbFlat: latency(10), lancedbAnn: { ...latency(4), recallAt10: 0.95, indexed: true }, typedArray: latency(2) } },
            search: { keyword: latency(5), semantic: latency(6), hybrid: latency(9) },
          },
        ],
        peakRssMiB: 900,
        coldStart: { papers: 10000, serverReadyMs: 1500, firstRowMs: 700, totalMs: 2200, runs: 3, serverPeakRssMiB: 400 },
        skipped: [],
        notes: ['shared machine'],
        durationSeconds: 100,
      }),
    );
    const target = join(dir, 'RESULTS-perf.md');
    renderResultsMarkdown(dir, target);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('| embedding throughput (tokenisation included) | 812 digests/s |');
    expect(text).toContain('| import jsonl end to end (parse, embed, write, index) | 500 papers/s |');
    expect(text).toContain('| task | 10.0 / 20.0 / 30.0 | 4.0 / 8.0 / 12.0 | 0.950 | 2.0 / 4.0 / 6.0 |');
    expect(text).toContain('2200 ms');
    expect(text).toContain('400 MiB');
    expect(text).toContain('5.00 MiB per 1k papers');
  });
  it('renders the reasons section from reasons.json, its baseline and tagger.json, naming shortfalls', () => {
    const row = (aspect: string, concreteShare: number) => ({ aspect, total: 100, term: 10, related: 2, words: 60, none: 28, filler: 0, concrete: 72, concreteShare, namedTermShare: 0.12 });
    const reasons = (label: string, share: number) => ({ label, papers: 118, model: 'm1', k: 10, rows: [row('task', share), row('method', 0.95), row('dataset', share)], all: { neighbours: 300, concreteShare: share, namedTermOrRelatedShare: 0.12 } });
    writeFileSync(join(dir, 'reasons.json'), JSON.stringify(reasons('after', 0.72)));
    writeFileSync(join(dir, 'reasons-before.json'), JSON.stringify(reasons('before', 0.1)));
    const scores = (precision: number) => ({ strict: { precision, recall: 0.5, f1: 0.4 }, lenient: { precision, recall: 0.6, f1: 0.5 } });
    writeFileSync(join(dir, 'tagger.json'), JSON.stringify({ scirex: { papers: 306, results: { 'tagger task': scores(0.4), 'tagger task, no folding': scores(0.3) } } }));
    const target = join(dir, 'RESULTS.md');
    renderResultsMarkdown(dir, target);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('## Reasons beside aspect neighbours');
    expect(text).toContain('| task | 100 | 10 | 2 | 60 | 28 | 0 | 72.0% | 10.0% | 12.0% |');
    expect(text).toContain('Short of the target: task 72.0%, dataset 72.0%.');
    expect(text).toContain('| task | 0.300 | 0.400 | 0.500 | 0.500 | 0.300 | 0.400 | 0.600 | 0.600 |');
  });
});
