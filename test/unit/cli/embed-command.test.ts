import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInputLine, runEmbed } from '../../../src-main/node/cli/embed-command.ts';
import { FakeEmbedder } from '../service/fake-embedder.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-embed-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const io = () => ({ stdin: new PassThrough(), stdout: new PassThrough(), progress: () => undefined });

describe('facet embed', () => {
  it('writes one {"id","vectors"} line per input line, in input order, across batches', async () => {
    const input = path.join(dir, 'papers.jsonl');
    const output = path.join(dir, 'vectors.jsonl');
    const papers = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}`, title: `Paper ${i}`, abstract: i % 2 ? `about topic ${i}` : undefined }));
    fs.writeFileSync(input, `${papers.map((p) => JSON.stringify(p)).join('\n')}\n\n`);
    const embedder = new FakeEmbedder('fake', 8);
    const counts = await runEmbed(embedder, input, output, 3, io());
    expect(counts).toEqual({ lines: 7, truncated: 0 });
    expect(embedder.calls).toBe(3);
    const lines = fs.readFileSync(output, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(papers.map((p) => p.id));
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['id', 'vectors']);
      expect(Object.keys(line.vectors)).toEqual(['generic', 'task', 'method', 'dataset']);
      for (const vector of Object.values<number[]>(line.vectors)) {
        expect(vector).toHaveLength(8);
        expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      }
    }
  });

  it('names the file and line of a bad input line', async () => {
    const input = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(input, '{"id":"a","title":"ok"}\n{"id":"b"}\n');
    await expect(runEmbed(new FakeEmbedder(), input, path.join(dir, 'out.jsonl'), 10, io())).rejects.toThrow(`${input}:2: "title" must be a string`);
    expect(() => parseInputLine('[1]', 'x:1')).toThrow('x:1: expected a JSON object');
    expect(() => parseInputLine('{', 'x:3')).toThrow(/x:3: not valid JSON/);
  });

  it('fails clearly for a missing input file', async () => {
    await expect(runEmbed(new FakeEmbedder(), path.join(dir, 'none.jsonl'), '-', 10, io())).rejects.toThrow(/no such file: .*none.jsonl/);
  });
});
