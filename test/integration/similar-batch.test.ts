/**
 * `facet similar --batch` against the seeds with the committed model, through the real CLI: the
 * evaluation path used from outside. Skips with a message where the seeds or the model are absent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
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

interface BatchAnswer {
  id: string;
  aspect: string;
  neighbours: { id: string; sourceKey: string | null; score: number; rank: number }[];
}

describe.skipIf(skipReason !== '')(`facet similar --batch on the seeds${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir: string;
  let ids: string[];
  const write = (name: string, lines: unknown[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
    return file;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-batch-'));
    const imported = await facet(['import', ...seedFiles, '--data-dir', dir]);
    expect(imported.code, imported.stderr).toBe(0);
    const search = await facet(['search', 'embeddings', '--mode', 'keyword', '--k', '20', '--json', '--data-dir', dir]);
    ids = (JSON.parse(search.stdout) as { id: string }[]).map((hit) => hit.id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
  }, 240_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers every line in order, in one process, on one score scale', async () => {
    const file = write('queries.jsonl', [
      { id: ids[0], aspect: 'method', k: 5 },
      { id: ids[1], aspect: 'generic', k: 3, within: ids.slice(2, 8) },
      { id: ids[2], aspect: 'dataset' },
      '',
      { id: ids[3], aspect: 'task', k: 1000 },
    ]);
    const run = await facet(['similar', '--batch', file, '--json', '--data-dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    const answers = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as BatchAnswer);
    expect(answers.map((a) => [a.id, a.aspect])).toEqual([
      [ids[0], 'method'],
      [ids[1], 'generic'],
      [ids[2], 'dataset'],
      [ids[3], 'task'],
    ]);
    expect(answers[0]!.neighbours).toHaveLength(5);
    expect(answers[2]!.neighbours).toHaveLength(10);
    // k = 1000 in a 118-paper library: every other embedded paper, once.
    expect(answers[3]!.neighbours.length).toBe(117);
    expect(new Set(answers[3]!.neighbours.map((n) => n.id)).size).toBe(117);
    const within = new Set(ids.slice(2, 8));
    expect(answers[1]!.neighbours).toHaveLength(3);
    for (const n of answers[1]!.neighbours) expect(within.has(n.id)).toBe(true);
    for (const answer of answers) {
      expect(answer.neighbours.map((n) => n.rank)).toEqual(answer.neighbours.map((_, i) => i + 1));
      const scores = answer.neighbours.map((n) => n.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const n of answer.neighbours) {
        expect(n.id).not.toBe(answer.id);
        expect(n.score).toBeGreaterThan(-1);
        expect(n.score).toBeLessThanOrEqual(1);
        expect(n).toHaveProperty('sourceKey');
      }
    }
    // The same fused score as a single `similar` call: the batch is the same ranking, not another one.
    const single = await facet(['similar', ids[0]!, '--aspect', 'method', '--k', '5', '--json', '--data-dir', dir]);
    const singleHits = JSON.parse(single.stdout) as { id: string; score: number }[];
    expect(singleHits.map((h) => h.id)).toEqual(answers[0]!.neighbours.map((n) => n.id));
    singleHits.forEach((hit, i) => expect(hit.score).toBeCloseTo(answers[0]!.neighbours[i]!.score, 9));
  }, 120_000);

  it('fails on a bad line with its line number before answering anything', async () => {
    const file = write('bad.jsonl', [{ id: ids[0], aspect: 'method' }, { id: ids[1], aspect: 'colour' }]);
    const run = await facet(['similar', '--batch', file, '--json', '--data-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:2`);
    expect(run.stderr).toContain('aspect');
    expect(run.stdout).toBe('');
    const notJson = await facet(['similar', '--batch', write('broken.jsonl', ['{"id": ']), '--json', '--data-dir', dir]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/broken\.jsonl:1: not valid JSON/);
  }, 60_000);

  it('names the line of an id that is not in the library', async () => {
    const file = write('unknown.jsonl', [{ id: ids[0], aspect: 'generic', k: 1 }, { id: 'no-such-paper', aspect: 'generic' }]);
    const run = await facet(['similar', '--batch', file, '--json', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:2: no paper with id or source key "no-such-paper"`);
  }, 60_000);
});
