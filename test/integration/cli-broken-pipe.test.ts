/**
 * `facet … | head -1`: the real CLI writing into a pipe whose reader has gone. It must exit
 * quietly (no EPIPE stack trace) with the status the command would have had, and a command that
 * only produces output (`embed --out -`) stops. Also: a real write failure (/dev/full) is one
 * clear message and exit status 1.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const root = repoRoot();
const bin = path.join(root, 'bin', 'facet.mjs');
const model = realModelDir();

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the CLI with its stdout read up to `keepBytes` bytes and then closed. */
function runWithClosedStdout(args: string[], keepBytes: number): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let stderr = '';
    const closeIfDone = () => {
      if (seen >= keepBytes) child.stdout.destroy();
    };
    closeIfDone();
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      closeIfDone();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('the CLI when its output pipe closes', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-epipe-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('facet stats with stdout closed at once exits 0 without a trace', async () => {
    const run = await runWithClosedStdout(['stats', '--data-dir', path.join(dir, 'data')], 0);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run).toMatchObject({ code: 0, signal: null });
  });

  it('facet stats after its first line has been read (head -1) exits 0 without a trace', async () => {
    const run = await runWithClosedStdout(['stats', '--data-dir', path.join(dir, 'data')], 1);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.code).toBe(0);
  });

  it('facet stats into /dev/full says it cannot write and exits 1', async () => {
    if (!fs.existsSync('/dev/full')) return expect.soft(fs.existsSync('/dev/full'), '/dev/full is absent here').toBe(false);
    const out = fs.openSync('/dev/full', 'w');
    const exit = await new Promise<Exit>((resolve) => {
      const child = spawn(process.execPath, [bin, 'stats', '--data-dir', path.join(dir, 'data')], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', out, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    fs.closeSync(out);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/^facet: cannot write the output to stdout: ENOSPC/);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(model.dir === null)(`facet embed --out - stops quietly when its reader goes${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, async () => {
    const input = path.join(dir, 'papers.jsonl');
    fs.writeFileSync(input, Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `p${i}`, title: `Paper ${i} on dense retrieval`, abstract: 'Encoders and indexes.' })).join('\n'));
    const run = await runWithClosedStdout(['embed', '--in', input, '--out', '-'], 100);
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/wrote 3000 lines/);
  });
});
