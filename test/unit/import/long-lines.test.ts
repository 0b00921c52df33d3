// Single-line files: a 50 MB one-line JSON array streams like a pretty-printed one, and a 50 MB
// JSONL line (one "record") is refused with a limit message, both without holding the line whole.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LINE_PIECE_CHARS, openSource } from '../../../src-main/core/import/decode.ts';
import { ProblemQueue, wholeLines } from '../../../src-main/core/import/line-guards.ts';
import { collect, makeTempDir, repoRoot } from './helpers.ts';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const TARGET_BYTES = 50 * 1024 * 1024;
/** The old-space cap the child runs under: far below the file, let alone its parse (see streaming.test.ts). */
const HEAP_CAP_MIB = 64;
const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stream-runner.ts');

function stream(file: string): { records: number; problems: number; peakHeapMiB: number } {
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_CAP_MIB}`, '--import', 'tsx', runner, file], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`stream-runner failed (status ${result.status}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
}

async function linesOf(file: string) {
  const opened = await openSource({ kind: 'file', path: file });
  if (!opened.ok) throw new Error(opened.message);
  const pieces = [];
  for await (const piece of opened.source.lines()) pieces.push(piece);
  return pieces;
}

describe('long lines arrive in pieces', () => {
  it('a 3.5 MiB line comes as "more" pieces with one line number, then the next line as usual', async () => {
    const long = 'a'.repeat(3.5 * 1024 * 1024);
    const file = path.join(temp.dir, 'pieces.txt');
    fs.writeFileSync(file, `${long}\nshort\r\nlast`);
    const pieces = await linesOf(file);
    const first = pieces.filter((p) => p.line === 1);
    expect(first.length).toBeGreaterThan(2);
    expect(first.slice(0, -1).every((p) => p.more === true && p.text.length >= LINE_PIECE_CHARS)).toBe(true);
    expect(first.at(-1)?.more).toBeUndefined();
    expect(first.map((p) => p.text).join('')).toBe(long);
    expect(pieces.filter((p) => p.line > 1)).toEqual([{ text: 'short', line: 2 }, { text: 'last', line: 3 }]);
  });

  it('wholeLines joins pieces, and drops a line over its limit with an error naming it', async () => {
    async function* source() {
      yield { text: 'ab', line: 1, more: true as const };
      yield { text: 'cd', line: 1 };
      yield { text: 'x'.repeat(6), line: 2, more: true as const };
      yield { text: 'y'.repeat(6), line: 2 };
      yield { text: 'fine', line: 3 };
    }
    const problems = new ProblemQueue();
    const joined = [];
    for await (const line of wholeLines(source(), 10, 'f.jsonl', problems)) joined.push(line);
    expect(joined).toEqual([{ text: 'abcd', line: 1 }, { text: '', line: 2 }, { text: 'fine', line: 3 }]);
    expect(problems.drain()).toEqual([
      { source: 'f.jsonl', line: 2, record: null, severity: 'error', message: 'line 2 is longer than 10 characters, the most Facet reads as one line; the line was skipped' },
    ]);
  });
});

describe('50 MB single-line files', () => {
  it('a 3 MB BibTeX file without line breaks (joined from pieces) still imports every entry', async () => {
    const entry = (i: number) => `@article{k${i}, title = {One Line Paper ${i}}, abstract = {${'We study dense retrieval. '.repeat(40)}${i}}, year = {2021}}`;
    const parts: string[] = [];
    let chars = 0;
    for (let i = 0; chars < 3 * 1024 * 1024; i++) {
      parts.push(entry(i));
      chars += parts.at(-1)!.length + 1;
    }
    const file = path.join(temp.dir, 'one-line.bib');
    fs.writeFileSync(file, parts.join(' '));
    const { records, problems } = await collect(file);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(parts.length);
    expect(records.at(-1)?.title).toBe(`One Line Paper ${parts.length - 1}`);
  });

  it('a one-line JSON array of records streams under the heap cap', () => {
    const file = path.join(temp.dir, 'one-line.json');
    const fd = fs.openSync(file, 'w');
    let bytes = 0;
    let written = 0;
    fs.writeSync(fd, '[');
    while (bytes < TARGET_BYTES) {
      const text = `${written === 0 ? '' : ','}${JSON.stringify({ title: `Single Line Paper ${written}`, abstract: `We study retrieval number ${written} with dense encoders and sparse indexes. `.repeat(8) })}`;
      fs.writeSync(fd, text);
      bytes += text.length;
      written++;
    }
    fs.writeSync(fd, ']');
    fs.closeSync(fd);
    const stats = stream(file);
    console.log(`one-line JSON array: ${written} records, peak heap ${stats.peakHeapMiB.toFixed(1)} MiB (cap ${HEAP_CAP_MIB} MiB)`);
    expect(stats).toMatchObject({ records: written, problems: 0 });
  });

  it('a 50 MB JSONL line is refused with the limit, naming the line, under the heap cap; the next line still imports', async () => {
    const file = path.join(temp.dir, 'one-line.jsonl');
    fs.writeFileSync(file, JSON.stringify({ title: 'Huge', abstract: 'word '.repeat(TARGET_BYTES / 5) }) + '\n' + JSON.stringify({ title: 'Small', abstract: 'Fine.' }) + '\n');
    const stats = stream(file);
    expect(stats).toMatchObject({ records: 1, problems: 1 });
    const { records, problems } = await collect(file);
    expect(records.map((r) => r.title)).toEqual(['Small']);
    expect(problems).toEqual([
      { source: file, line: 1, record: null, severity: 'error', message: 'line 1 is longer than 16 MiB, the most Facet reads as one line; the line was skipped' },
    ]);
  });
});
