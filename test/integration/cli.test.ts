/**
 * Runs the real `facet` CLI (bin/facet.mjs) as a child process against a temp data folder, with the
 * committed model and the seed pages from ../shared/seeds. Skips with a message where either is missing.
 * Usage errors need neither and always run.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';
import { writePaperFolder } from '../fixtures/library/paper-folder.ts';

const root = repoRoot();
const bin = path.join(root, 'bin', 'facet.mjs');
const seedsDir = path.resolve(root, '../shared/seeds');
const seedFiles = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f)) : [];
const model = realModelDir();
const skipReason = seedFiles.length === 0 ? `${seedsDir} is absent` : model.dir === null ? model.reason : '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function facet(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('facet CLI usage errors', () => {
  it('prints help and exits 0', async () => {
    const run = await facet(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: facet <command>');
  });

  it('rejects an unknown command or flag with exit status 2 and a message', async () => {
    const unknown = await facet(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const flag = await facet(['stats', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--colour/);
  });

  it('fails with exit status 1 naming a missing file', async () => {
    const run = await facet(['import', '/nonexistent/facet/papers.bib', '--data-dir', path.join(os.tmpdir(), 'facet-never-created')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no such file: /nonexistent/facet/papers.bib');
  });
});

describe.skipIf(skipReason !== '')(`facet CLI on the seeds${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir: string;
  let dataDir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-cli-'));
    dataDir = path.join(dir, 'data');
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports, reports stats, searches and finds neighbours as JSON', async () => {
    const imported = await facet(['import', ...seedFiles, '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 118, duplicates: 47 });
    expect(imported.stderr).toMatch(/new papers stored/);

    const stats = await facet(['stats', '--data-dir', dataDir, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ papers: 118, embedded: 118, titleOnly: 0 });

    const search = await facet(['search', 'Matryoshka embeddings', '--mode', 'keyword', '--k', '3', '--data-dir', dataDir, '--json']);
    expect(search.code, search.stderr).toBe(0);
    const hits = JSON.parse(search.stdout) as { id: string; title: string; score: number; rank: number }[];
    expect(hits).toHaveLength(3);
    for (const hit of hits) {
      expect(typeof hit.id).toBe('string');
      expect(typeof hit.title).toBe('string');
      expect(typeof hit.score).toBe('number');
    }
    expect(hits[0]!.title).toMatch(/Matryoshka/);

    const similar = await facet(['similar', hits[0]!.id, '--aspect', 'method', '--k', '4', '--data-dir', dataDir, '--json']);
    expect(similar.code, similar.stderr).toBe(0);
    const neighbours = JSON.parse(similar.stdout) as { id: string; title: string; score: number; rank: number; reason: string }[];
    expect(neighbours.map((n) => n.rank)).toEqual([1, 2, 3, 4]);
    expect(neighbours.map((n) => n.id)).not.toContain(hits[0]!.id);
    expect(neighbours[0]!.score).toBeGreaterThanOrEqual(neighbours[3]!.score);

    const text = await facet(['similar', hits[0]!.id, '--aspect', 'task', '--k', '2', '--data-dir', dataDir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Nearest by task to: .*Matryoshka/);

    const reimport = await facet(['import', ...seedFiles, '--data-dir', dataDir]);
    expect(reimport.code, reimport.stderr).toBe(0);
    expect(reimport.stdout).toMatch(/Imported 0 new papers .* 165 duplicates/);
  }, 300_000);

  it('import routes a folder to the PDF importer and an identifier list to stubs; delete and edit work with undo', async () => {
    const folder = path.join(dir, 'Papers');
    const written = writePaperFolder(folder, 2);
    const list = path.join(dir, 'ids.txt');
    fs.writeFileSync(list, 'see https://arxiv.org/abs/2205.13147\n10.1145/3529372.3530912\n');
    const own = path.join(dir, 'own-data');
    const imported = await facet(['import', folder, list, '--data-dir', own]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported 2 new papers from .*Papers/);
    expect(imported.stdout).toMatch(/2 metadata pending/);
    const stats = JSON.parse((await facet(['stats', '--data-dir', own, '--json'])).stdout) as { papers: number };
    expect(stats.papers).toBe(4);
    const hits = JSON.parse((await facet(['search', written[0]!.title, '--mode', 'keyword', '--k', '1', '--data-dir', own, '--json'])).stdout) as { id: string; title: string }[];
    expect(hits[0]!.title).toBe(written[0]!.title);

    const edited = await facet(['edit', hits[0]!.id, '--year', '2021', '--venue', 'Invented Workshop', '--data-dir', own, '--json']);
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({ year: 2021, venue: 'Invented Workshop' });

    const deleted = await facet(['delete', hits[0]!.id, '--data-dir', own]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const token = /facet delete --undo (\S+)/.exec(deleted.stderr)?.[1];
    expect(JSON.parse((await facet(['stats', '--data-dir', own, '--json'])).stdout)).toMatchObject({ papers: 3 });
    const undone = await facet(['delete', '--undo', token!, '--data-dir', own]);
    expect(undone.code, undone.stderr).toBe(0);
    expect(JSON.parse((await facet(['stats', '--data-dir', own, '--json'])).stdout)).toMatchObject({ papers: 4 });
  }, 300_000);

  it('fails with exit status 1 and a message for an unknown id', async () => {
    const run = await facet(['similar', 'no-such-paper', '--aspect', 'task', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no paper with id or source key "no-such-paper"');
  });

  it('embeds JSONL to the exact {"id","vectors"} line format without a library', async () => {
    const input = path.join(dir, 'in.jsonl');
    const output = path.join(dir, 'out.jsonl');
    fs.writeFileSync(input, [
      JSON.stringify({ id: 'a', title: 'Contrastive sentence embeddings', abstract: 'A contrastive objective for sentence vectors.' }),
      JSON.stringify({ id: 'b', title: 'Title only' }),
    ].join('\n'));
    const run = await facet(['embed', '--in', input, '--out', output]);
    expect(run.code, run.stderr).toBe(0);
    const lines = fs.readFileSync(output, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    const dims = (JSON.parse((await facet(['stats', '--data-dir', dataDir, '--json'])).stdout) as { model: { dims: number } }).model.dims;
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['id', 'vectors']);
      expect(Object.keys(line.vectors)).toEqual(['generic', 'task', 'method', 'dataset']);
      for (const vector of Object.values<number[]>(line.vectors)) {
        expect(vector).toHaveLength(dims);
        expect(Math.hypot(...vector)).toBeCloseTo(1, 4);
      }
    }
    const stdoutRun = await facet(['embed', '--in', input, '--out', '-']);
    expect(stdoutRun.stdout.trimEnd().split('\n')).toHaveLength(2);
  }, 300_000);
});
