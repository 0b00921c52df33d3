import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource, type SourceLine } from '../../../src-main/core/import/decode.ts';
import { makeTempDir } from './helpers.ts';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const CHUNK = 1024 * 1024; // decode.ts reads files in chunks of this size

async function readLines(file: string): Promise<SourceLine[]> {
  const opened = await openSource({ kind: 'file', path: file });
  if (!opened.ok) throw new Error(opened.message);
  const lines: SourceLine[] = [];
  for await (const line of opened.source.lines()) lines.push(line);
  return lines;
}

describe('line stream', () => {
  it('keeps a \\r\\n and a multi-byte character intact across a chunk boundary', async () => {
    const first = 'a'.repeat(CHUNK - 1); // its \r is the chunk's last byte, its \n the next chunk's first
    const second = 'x'.repeat(CHUNK - 3) + 'é'; // "é" is two bytes; the boundary falls between them
    const file = path.join(temp.dir, 'boundaries.txt');
    fs.writeFileSync(file, `${first}\r\n${second}\nlast line without break`);
    const lines = await readLines(file);
    expect(lines.map((line) => [line.line, line.text.length, line.text.slice(-1)])).toEqual([
      [1, CHUNK - 1, 'a'],
      [2, CHUNK - 2, 'é'],
      [3, 'last line without break'.length, 'k'],
    ]);
  });

  it('counts \\n, \\r\\n and a lone \\r as line ends, and does not add a line after the final break', async () => {
    const file = path.join(temp.dir, 'mixed.txt');
    fs.writeFileSync(file, 'one\ntwo\r\nthree\rfour\n\nsix\r\n');
    expect((await readLines(file)).map((line) => `${line.line}:${line.text}`)).toEqual(['1:one', '2:two', '3:three', '4:four', '5:', '6:six']);
  });
});
