// Big files must stream: records arrive while the file is read, and memory stays far below what
// holding the file's text (let alone a parse tree of it) would take.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeTempDir, repoRoot } from './helpers.ts';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const TARGET_BYTES = 50 * 1024 * 1024;

/** Invented filler prose, varied per record so no two abstracts are identical. */
function abstractFor(index: number): string {
  const words = ['sparse', 'dense', 'retrieval', 'encoder', 'aspect', 'citation', 'graph', 'token', 'vector', 'corpus', 'benchmark', 'pooling'];
  const sentence = (offset: number) =>
    Array.from({ length: 14 }, (_, k) => words[(index * 7 + offset * 3 + k * 5) % words.length]).join(' ');
  return Array.from({ length: 6 }, (_, offset) => `We study ${sentence(offset)} number ${index}-${offset}.`).join(' ');
}

/** Writes records until the file reaches TARGET_BYTES; returns how many were written. */
function writeBigFile(file: string, record: (index: number) => string, prefix = '', suffix = ''): number {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let count = 0;
  try {
    fs.writeSync(fd, prefix);
    const batch: string[] = [];
    while (bytes < TARGET_BYTES) {
      const text = record(count++);
      batch.push(text);
      bytes += Buffer.byteLength(text);
      if (batch.length === 1000) fs.writeSync(fd, batch.splice(0).join(''));
    }
    fs.writeSync(fd, batch.join('') + suffix);
  } finally {
    fs.closeSync(fd);
  }
  return count;
}

interface StreamStats {
  records: number;
  problems: number;
  lastLine: number | null;
  seconds: number;
  startHeapMiB: number;
  peakHeapMiB: number;
}

/**
 * Old-space cap for the child that imports: the file's text alone (50 MiB) plus its records would
 * not fit, so finishing under it shows the importer holds one entry at a time.
 */
const HEAP_CAP_MIB = 64;
const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stream-runner.ts');

function stream(file: string): StreamStats {
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_CAP_MIB}`, '--import', 'tsx', runner, file], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`stream-runner failed (status ${result.status}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as StreamStats;
}

describe('streaming big files (~50 MB each)', () => {
  it('JSONL', async () => {
    const file = path.join(temp.dir, 'big.jsonl');
    const written = writeBigFile(file, (i) => JSON.stringify({ id: `r${i}`, title: `Synthetic Paper Number ${i}`, abstract: abstractFor(i), year: 2000 + (i % 25) }) + '\n');
    const stats = stream(file);
    console.log(`JSONL: ${written} records, ${(fs.statSync(file).size / 1048576).toFixed(1)} MiB in ${stats.seconds.toFixed(1)} s, heap ${stats.startHeapMiB.toFixed(1)} MiB at start, peak ${stats.peakHeapMiB.toFixed(1)} MiB (cap ${HEAP_CAP_MIB} MiB)`);
    expect(stats).toMatchObject({ records: written, problems: 0, lastLine: written });
  });

  it('JSON array', async () => {
    const file = path.join(temp.dir, 'big.json');
    const written = writeBigFile(
      file,
      (i) => `${i === 0 ? '' : ',\n'}  {\n    "title": "Synthetic Paper Number ${i}",\n    "abstract": ${JSON.stringify(abstractFor(i))}\n  }`,
      '[\n',
      '\n]\n',
    );
    const stats = stream(file);
    console.log(`JSON array: ${written} records in ${stats.seconds.toFixed(1)} s, heap ${stats.startHeapMiB.toFixed(1)} MiB at start, peak ${stats.peakHeapMiB.toFixed(1)} MiB (cap ${HEAP_CAP_MIB} MiB)`);
    expect(stats).toMatchObject({ records: written, problems: 0, lastLine: 2 + (written - 1) * 4 });
  });

  it('BibTeX', async () => {
    const file = path.join(temp.dir, 'big.bib');
    const written = writeBigFile(
      file,
      (i) => `@article{key${i},\n  title = {Synthetic {P}aper Number ${i}},\n  author = {M{\\"u}ller, Anna and Smith, Bo},\n  year = ${2000 + (i % 25)},\n  abstract = {${abstractFor(i)}}\n}\n\n`,
    );
    const stats = stream(file);
    console.log(`BibTeX: ${written} entries in ${stats.seconds.toFixed(1)} s, heap ${stats.startHeapMiB.toFixed(1)} MiB at start, peak ${stats.peakHeapMiB.toFixed(1)} MiB (cap ${HEAP_CAP_MIB} MiB)`);
    expect(stats).toMatchObject({ records: written, problems: 0, lastLine: 1 + (written - 1) * 7 });
  });
});
