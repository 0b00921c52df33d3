/**
 * A `facet import` killed (SIGKILL) while it builds the search indexes leaves the papers stored
 * but the indexes missing or covering few rows. The next import of the same file (which adds
 * nothing), or just the next start, must restore full coverage: full-text and id indexes and one
 * IVF index per aspect vector, each covering every row (LanceDB's listIndices / indexStats on the
 * raw table). Uses enough papers for the vector indexes (ANN_INDEX_MIN_ROWS) and the real model.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANN_INDEX_MIN_ROWS } from '../../src-main/core/store/index.ts';
import { VECTOR_COLUMNS } from '../../src-main/core/store/schema.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';
import { facet, rawIndexCoverage, rawTableCounts, startFacet, writeJsonlLibrary } from './support/concurrency-fixtures.ts';

const model = realModelDir();
const N = ANN_INDEX_MIN_ROWS + 200;

let tmp: string;
let file: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-index-heal-'));
  file = path.join(tmp, 'library.jsonl');
  writeJsonlLibrary(file, 0, N);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Imports the file and kills the process with SIGKILL as soon as it says it is building indexes. */
async function importKilledInIndexPhase(dataDir: string): Promise<void> {
  const child = startFacet(['import', file, '--data-dir', dataDir]);
  await child.stderrMatches(/updating search indexes/);
  child.kill('SIGKILL');
  const run = await child.done;
  expect(run.code).toBe(128);
}

type Coverage = Awaited<ReturnType<typeof rawIndexCoverage>>;

/** Every index the library needs exists and covers every row. */
function expectFullCoverage(coverage: Coverage): void {
  for (const column of ['text', 'id', ...VECTOR_COLUMNS]) {
    const index = coverage.indexes.find((entry) => entry.columns.includes(column));
    expect(index, `an index on ${column}`).toBeDefined();
    expect(index!.unindexed, `${index!.name} leaves no row out`).toBe(0);
    expect(index!.indexed, `${index!.name} covers every row`).toBe(coverage.rows);
  }
}

function isFullyCovered(coverage: Coverage): boolean {
  return ['text', 'id', ...VECTOR_COLUMNS].every((column) => {
    const index = coverage.indexes.find((entry) => entry.columns.includes(column));
    return index !== undefined && index.unindexed === 0 && index.indexed === coverage.rows;
  });
}

describe.skipIf(model.dir === null)(`indexes after a kill during the index phase${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  it('the next import of the same file adds nothing and rebuilds every index', async () => {
    const dataDir = path.join(tmp, 'by-import');
    await importKilledInIndexPhase(dataDir);
    expect(await rawTableCounts(dataDir)).toMatchObject({ rows: N, duplicateIds: 0 });
    const broken = await rawIndexCoverage(dataDir);
    // The kill landed before the index phase could finish: something is missing or short.
    expect(isFullyCovered(broken), JSON.stringify(broken.indexes)).toBe(false);

    const again = await facet(['import', file, '--data-dir', dataDir, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, duplicates: N });
    expect(again.stderr).toMatch(/updating search indexes|rebuilding search indexes/);
    expectFullCoverage(await rawIndexCoverage(dataDir));
  }, 600_000);

  it('the next start rebuilds them too, and a start after that has nothing to do', async () => {
    const dataDir = path.join(tmp, 'by-start');
    await importKilledInIndexPhase(dataDir);
    expect(isFullyCovered(await rawIndexCoverage(dataDir))).toBe(false);

    const stats = await facet(['stats', '--data-dir', dataDir, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stderr).toContain('rebuilding search indexes an earlier run left incomplete');
    expectFullCoverage(await rawIndexCoverage(dataDir));

    const healthy = JSON.parse(fs.readFileSync(path.join(dataDir, 'library', 'facet-store-health.json'), 'utf8')) as { index: { healthy: boolean; rows: number } };
    expect(healthy.index).toMatchObject({ healthy: true, rows: N });
    const next = await facet(['stats', '--data-dir', dataDir, '--json']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toContain('rebuilding search indexes');
  }, 600_000);
});
