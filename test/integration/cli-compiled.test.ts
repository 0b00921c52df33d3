/**
 * The compiled CLI (out/node/cli.js, built by `npm run build:node`, which `prepare` runs on
 * `npm ci`) run as a child process with the committed model: import, stats, keyword and semantic
 * search, similar, embed (its worker compiled too) and a PDF folder import (the PDF worker
 * compiled too). bin/facet.mjs must pick this build while it is current. Skips with a message
 * where the build is missing or older than the sources, or there is no model.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
// @ts-expect-error plain ES module without type declarations (JSDoc only)
import { nodeEntry } from '../../bin/node-entry.mjs';
import { writePaperFolder } from '../fixtures/library/paper-folder.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const root = repoRoot();
const compiledCli = path.join(root, 'out', 'node', 'cli.js');
const entry = (nodeEntry as (root: string, name: string, env: NodeJS.ProcessEnv) => { kind: string; reason: string })(root, 'cli', {});
const model = realModelDir();
const skipReason = entry.kind !== 'compiled' ? entry.reason : model.dir === null ? model.reason : '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const papers = [
  { id: 'gnn', title: 'Graph neural networks for molecule property prediction', abstract: 'We train a graph attention network on QM9 and report mean absolute error.' },
  { id: 'mt', title: 'Neural machine translation with attention', abstract: 'An encoder-decoder Transformer translates English to German on WMT14 with BLEU.' },
  { id: 'gnn2', title: 'Message passing graph networks for chemistry', abstract: 'Graph convolution predicts molecular properties on QM9 and ZINC.' },
  { id: 'seg', title: 'Semantic image segmentation with dilated convolutions', abstract: 'We segment street scenes on Cityscapes and report mean IoU.' },
];

describe.skipIf(skipReason !== '')(`the compiled facet CLI${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir: string;
  let dataDir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-cli-compiled-'));
    dataDir = path.join(dir, 'data');
    fs.writeFileSync(path.join(dir, 'papers.jsonl'), `${papers.map((p) => JSON.stringify(p)).join('\n')}\n`);
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is what bin/facet.mjs runs', async () => {
    const help = await run(path.join(root, 'bin', 'facet.mjs'), ['--help'], { FACET_DEBUG_ENTRY: '1' });
    expect(help.code).toBe(0);
    expect(help.stderr).toContain(`running compiled ${compiledCli}`);
    expect(help.stdout).toContain('Usage: facet <command>');
  });

  it('imports, reports stats, searches and finds neighbours', async () => {
    const imported = await run(compiledCli, ['import', path.join(dir, 'papers.jsonl'), '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 4 });

    const stats = await run(compiledCli, ['stats', '--data-dir', dataDir, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ papers: 4, embedded: 4 });

    const keyword = await run(compiledCli, ['search', 'segmentation', '--mode', 'keyword', '--data-dir', dataDir, '--json']);
    expect(keyword.code, keyword.stderr).toBe(0);
    const titleOf = (key: string) => papers.find((p) => p.id === key)!.title;
    expect((JSON.parse(keyword.stdout) as { title: string }[])[0]?.title).toBe(titleOf('seg'));

    const semantic = await run(compiledCli, ['search', 'graph networks for molecules', '--mode', 'semantic', '--data-dir', dataDir, '--json']);
    expect(semantic.code, semantic.stderr).toBe(0);
    const semanticHits = JSON.parse(semantic.stdout) as { id: string; title: string }[];
    expect(semanticHits.slice(0, 2).map((hit) => hit.title).sort()).toEqual([titleOf('gnn'), titleOf('gnn2')].sort());

    const source = semanticHits.find((hit) => hit.title === titleOf('gnn'))!;
    const similar = await run(compiledCli, ['similar', source.id, '--aspect', 'task', '--k', '2', '--data-dir', dataDir, '--json']);
    expect(similar.code, similar.stderr).toBe(0);
    expect((JSON.parse(similar.stdout) as { title: string }[])[0]?.title).toBe(titleOf('gnn2'));
  });

  it('embeds JSONL through its compiled worker', async () => {
    const out = path.join(dir, 'vectors.jsonl');
    const embedded = await run(compiledCli, ['embed', '--in', path.join(dir, 'papers.jsonl'), '--out', out]);
    expect(embedded.code, embedded.stderr).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; vectors: Record<string, number[]> });
    expect(lines.map((line) => line.id)).toEqual(papers.map((p) => p.id));
    expect(lines[0]!.vectors.generic!.length).toBeGreaterThan(0);
  });

  it('imports a PDF folder through its compiled worker', async () => {
    const folder = path.join(dir, 'pdfs');
    const written = writePaperFolder(folder, 3);
    const imported = await run(compiledCli, ['import-pdfs', folder, '--data-dir', path.join(dir, 'pdf-data'), '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout) as { added: number; problems: { message: string }[] };
    expect(summary.added).toBe(written.length);
    // No "read on the core's thread" warning: the worker entry was found beside the bundle.
    expect(summary.problems.map((p) => p.message).join('\n')).not.toMatch(/core's thread/);
  });
});
