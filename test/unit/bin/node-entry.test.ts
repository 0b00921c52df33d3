import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module without type declarations (JSDoc only)
import { nodeEntry } from '../../../bin/node-entry.mjs';

type Entry = { kind: 'compiled' | 'source'; file: string; reason: string };
const entryOf = nodeEntry as (root: string, name: 'cli' | 'serve', env?: NodeJS.ProcessEnv) => Entry;

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-node-entry-'));
  fs.mkdirSync(path.join(root, 'src-main', 'node'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src-main', 'node', 'cli.ts'), '');
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function setMtime(file: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, when, when);
}

describe('nodeEntry', () => {
  it('runs the sources through tsx while nothing is compiled', () => {
    expect(entryOf(root, 'cli', {})).toMatchObject({ kind: 'source', file: path.join(root, 'src-main', 'node', 'cli.ts'), reason: expect.stringMatching(/not built/) });
  });

  it('runs the compiled file when no source is newer, and the sources again after an edit', () => {
    const compiled = path.join(root, 'out', 'node', 'cli.js');
    fs.mkdirSync(path.dirname(compiled), { recursive: true });
    fs.writeFileSync(compiled, '');
    setMtime(path.join(root, 'src-main', 'node', 'cli.ts'), 60);
    setMtime(compiled, 30);
    expect(entryOf(root, 'cli', {})).toEqual({ kind: 'compiled', file: compiled, reason: 'built and up to date' });
    expect(entryOf(root, 'cli', { FACET_FROM_SOURCE: '1' })).toMatchObject({ kind: 'source', reason: 'FACET_FROM_SOURCE=1' });

    const edited = path.join(root, 'src-main', 'core', 'deep', 'module.ts');
    fs.mkdirSync(path.dirname(edited), { recursive: true });
    fs.writeFileSync(edited, '');
    expect(entryOf(root, 'cli', {})).toMatchObject({ kind: 'source', reason: expect.stringMatching(/src-main has changed/) });
  });
});
