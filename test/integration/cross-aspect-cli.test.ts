/**
 * `facet similar --unlike` and `facet compare` through the real CLI (bin/facet.mjs) on the seed
 * pages with the committed model: the cross-aspect score is the app's formula over the same fused
 * similarities `facet similar` prints, and a comparison agrees with both.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { crossAspectScore, crossParamsFor } from '../../src-main/core/similarity/cross-aspect.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const root = repoRoot();
const bin = path.join(root, 'bin', 'facet.mjs');
const seedsDir = path.resolve(root, '../shared/seeds');
const seedFiles = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f)) : [];
const model = realModelDir();
const skipReason = seedFiles.length === 0 ? `${seedsDir} is absent` : model.dir === null ? model.reason : '';

function facet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface CrossJson {
  id: string;
  score: number;
  rank: number;
  similarity: number;
  unlikeSimilarity: number;
  sharedTerms: string[];
  reason: string;
  unlikeTerms: { shared: string[]; onlyOwn: string[]; onlyOther: string[] };
  difference: string;
}

describe.skipIf(skipReason !== '')(`facet similar --unlike and facet compare on the seeds${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir: string;
  let dataDir: string;
  let source: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-cross-cli-'));
    dataDir = path.join(dir, 'data');
    const imported = await facet(['import', ...seedFiles, '--data-dir', dataDir]);
    if (imported.code !== 0) throw new Error(imported.stderr);
    const search = await facet(['search', 'self-supervised medical image analysis', '--mode', 'keyword', '--k', '1', '--data-dir', dataDir, '--json']);
    source = (JSON.parse(search.stdout) as { id: string }[])[0]!.id;
  }, 300_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ranks "same method, other tasks" by the app\'s score over the fused similarities', async () => {
    const run = await facet(['similar', source, '--aspect', 'method', '--unlike', 'task', '--k', '8', '--data-dir', dataDir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const hits = JSON.parse(run.stdout) as CrossJson[];
    expect(hits.map((hit) => hit.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(hits.map((hit) => hit.id)).not.toContain(source);
    const params = crossParamsFor('method', 'task');
    for (const hit of hits) {
      expect(hit.score).toBeCloseTo(crossAspectScore(hit.similarity, hit.unlikeSimilarity, hit.unlikeTerms.shared.length > 0, params), 6);
      expect(hit.difference.length).toBeGreaterThan(0);
      expect(hit.reason).toMatch(/method/);
    }
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);

    // The like-aspect similarity is the score `facet similar --aspect method` gives the same paper.
    const plain = await facet(['similar', source, '--aspect', 'method', '--k', '200', '--data-dir', dataDir, '--json']);
    const plainScores = new Map((JSON.parse(plain.stdout) as { id: string; score: number }[]).map((n) => [n.id, n.score]));
    for (const hit of hits) expect(hit.similarity).toBeCloseTo(plainScores.get(hit.id)!, 6);
    const plainTask = await facet(['similar', source, '--aspect', 'task', '--k', '200', '--data-dir', dataDir, '--json']);
    const taskScores = new Map((JSON.parse(plainTask.stdout) as { id: string; score: number }[]).map((n) => [n.id, n.score]));
    for (const hit of hits) expect(hit.unlikeSimilarity).toBeCloseTo(taskScores.get(hit.id)!, 6);

    const text = await facet(['similar', source, '--aspect', 'method', '--unlike', 'task', '--k', '2', '--data-dir', dataDir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Same method, other tasks: /);
  }, 120_000);

  it('compares two papers under every aspect, agreeing with facet similar', async () => {
    const plain = await facet(['similar', source, '--aspect', 'method', '--k', '1', '--data-dir', dataDir, '--json']);
    const [nearest] = JSON.parse(plain.stdout) as { id: string; score: number; sharedTerms: string[] }[];
    const run = await facet(['compare', source, nearest!.id, '--data-dir', dataDir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const comparison = JSON.parse(run.stdout) as {
      a: { id: string };
      b: { id: string };
      aspects: { aspect: string; similarity: number; lexical: number; dense: number; terms: { shared: string[]; onlyA: string[]; onlyB: string[] }; reason: string }[];
    };
    expect(comparison.a.id).toBe(source);
    expect(comparison.b.id).toBe(nearest!.id);
    expect(comparison.aspects.map((row) => row.aspect)).toEqual(['generic', 'task', 'method', 'dataset']);
    const method = comparison.aspects.find((row) => row.aspect === 'method')!;
    expect(method.similarity).toBeCloseTo(nearest!.score, 6);
    // Under the method aspect the neighbour's chips are exactly the shared method terms.
    expect(method.terms.shared).toEqual(nearest!.sharedTerms);
    for (const row of comparison.aspects) {
      for (const term of row.terms.onlyA) expect(row.terms.onlyB).not.toContain(term);
      expect(row.reason.length).toBeGreaterThan(0);
    }

    const text = await facet(['compare', source, nearest!.id, '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/^A: /);
    expect(text.stdout).toMatch(/Method: similarity \d\.\d{3}/);
  }, 120_000);

  it('fails with a message for the same paper twice, an unknown id, and --unlike equal to --aspect', async () => {
    const same = await facet(['compare', source, source, '--data-dir', dataDir]);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/compare two different papers/);
    const unknown = await facet(['compare', source, 'no-such-paper', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no paper with id or source key "no-such-paper"');
    const usage = await facet(['similar', source, '--aspect', 'task', '--unlike', 'task', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
  }, 120_000);
});
