import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED_MAP_RATIOS, renderResultsMarkdown } from '../../../bench/render-results.ts';

const dir = mkdtempSync(join(os.tmpdir(), 'facet-bench-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const machine = { cpuModel: 'Test CPU', cores: 2, memoryGiB: 8, platform: 'Linux', node: 'v20', packages: { 'onnxruntime-node': '1.0.0', '@lancedb/lancedb': '0.1.0' } };
const metrics = (map: number) => ({ map, mrr: 0.5, p: 0.25, r: 0.125, ndcg: 0.3, queries: 40 });
const perAspect = (task: number, method: number, dataset: number) => ({ task: metrics(task), method: metrics(method), dataset: metrics(dataset) });

describe('renderResultsMarkdown', () => {
  it('renders the quality tables and the ratio over the generic baseline from the JSON', () => {
    writeFileSync(
      join(dir, 'quality.json'),
      JSON.stringify({
        smoke: false,
        k: 10,
        settings: {
          'held-out': {
            random: perAspect(0.01, 0.01, 0.01),
            'facet-generic': perAspect(0.1, 0.05, 0.2),
            'facet-task': perAspect(0.3, 0.04, 0.1),
            'facet-method': perAspect(0.05, 0.2, 0.1),
            'facet-dataset': perAspect(0.05, 0.04, 0.3),
          },
        },
        commit: 'abc123',
        date: '2026-11-23T22:00:00.000Z',
        machine,
        model: { id: 'm1', provisional: true, dims: 256 },
        methodLabels: 'Method labels are DERIVED.',
        relevance: 'shared label',
        metrics: 'at k=10',
        systems: { random: 'random scores' },
        hybrid: 'No hybrid system.',
        settingDetails: { 'held-out': { pool: 'held-out papers' } },
      }),
    );
    const target = join(dir, 'RESULTS.md');
    renderResultsMarkdown(dir, target);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('do not edit by hand');
    expect(text).toContain('commit `abc123`');
    expect(text).toContain('provisional model');
    expect(text).toContain('Method labels are DERIVED.');
    expect(text).toContain(`| task | ${PUBLISHED_MAP_RATIOS.task}x | 3.00x |`);
    expect(text).toContain(`| method | ${PUBLISHED_MAP_RATIOS.method}x | 4.00x |`);
    expect(text).toContain(`| dataset | ${PUBLISHED_MAP_RATIOS.dataset}x | 1.50x |`);
    expect(text).toContain('| facet-task | 0.300 | 0.040 | 0.100 |');
    expect(text).toContain('No full performance run recorded yet.');
  });
});
