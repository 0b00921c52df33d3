import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacetError } from '../../../src-main/common/contract.ts';
import { withCommitRetry } from '../../../src-main/core/store/commit-retry.ts';
import { PaperStore, type NewPaper } from '../../../src-main/core/store/index.ts';
import { HEALTH_FILE, checkIndexHealth, readHealthRecord } from '../../../src-main/core/store/index-health.ts';
import { findDuplicateIds, repairDuplicateIds } from '../../../src-main/core/store/repair.ts';
import { healIndexes, repairDuplicatesIfChanged } from '../../../src-main/core/service/library-upkeep.ts';

const DIMS = 4;

function paper(n: number): NewPaper {
  const v = Float32Array.from([1, n % 7, (n * 3) % 5, 1]);
  const norm = Math.hypot(...v);
  const vec = v.map((x) => x / norm);
  return {
    id: `p${n}`,
    title: `Paper number ${n} about retrieval`,
    abstract: `Abstract ${n} with contrastive words.`,
    authors: [],
    year: 2020,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    sourceFile: 'test.jsonl',
    sourceLine: n,
    normTitle: `paper number ${n} about retrieval`,
    terms: { task: [], method: [], dataset: [] },
    dedupKeys: [`title:paper number ${n}`],
    vectors: { generic: vec, task: vec, method: vec, dataset: vec },
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => paper(from + i));

let dir: string;
let store: PaperStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-upkeep-'));
  store = (await PaperStore.open(dir, { id: 'model-a', dims: DIMS })).store;
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('duplicate id repair', () => {
  it('keeps one row per id, the earliest embedded one, in one commit', async () => {
    await store.addPapers(range(0, 20));
    // What two unlocked writers used to leave: the same papers stored twice.
    await store.addPapers(range(5, 15));
    expect(await store.count()).toBe(30);
    expect((await findDuplicateIds(store.lanceTable, 'model-a')).size).toBe(10);
    const copies = (await store.list(0, 100, 'imported')).items.filter((item) => item.id === 'p7').map((item) => item.importedAt);
    expect(copies).toHaveLength(2);
    const firstImport = [...copies].sort()[0];
    const versionBefore = await store.tableVersion();
    expect(await repairDuplicateIds(store.lanceTable, 'model-a')).toEqual({ ids: 10, rowsRemoved: 10 });
    expect(await store.tableVersion()).toBe(versionBefore + 1);
    expect(await store.count()).toBe(20);
    expect((await findDuplicateIds(store.lanceTable, 'model-a')).size).toBe(0);
    const ids = (await store.list(0, 100, 'imported')).items.map((item) => item.id);
    expect(new Set(ids).size).toBe(20);
    // The kept copy is the first import's (its place in the import order).
    expect((await store.list(0, 100, 'imported')).items.find((item) => item.id === 'p7')!.importedAt).toBe(firstImport);
    expect(await store.get('p7')).toMatchObject({ id: 'p7', embedded: true });
  });

  it('is skipped while the table is unchanged since the last check', async () => {
    await store.addPapers(range(0, 5));
    await store.addPapers(range(0, 5));
    expect(await repairDuplicatesIfChanged(store)).toEqual({ ids: 5, rowsRemoved: 5 });
    expect(readHealthRecord(dir).duplicatesCheckedAtVersion).toBe(await store.tableVersion());
    expect(await repairDuplicatesIfChanged(store)).toEqual({ ids: 0, rowsRemoved: 0 });
  });
});

describe('index health', () => {
  it('finds missing and stale indexes, rebuilds them, and records the result with the table version', async () => {
    await store.addPapers(range(0, 50));
    let health = await checkIndexHealth(store.lanceTable, { embeddedRows: 50, annMinRows: 5_000 });
    // The full-text index was made with the empty table, so it covers none of the 50 rows; no id index yet.
    expect(health.healthy).toBe(false);
    expect(health.missing).toEqual(['id']);
    expect(health.stale).toEqual(['text_idx']);

    const rebuilt: string[] = [];
    health = await healIndexes(store, { onRebuild: (detail) => rebuilt.push(detail) });
    expect(rebuilt).toEqual(['missing: id; stale: text_idx (0 of 50 rows)']);
    expect(health.healthy).toBe(true);
    expect(health.indexes.every((index) => index.unindexedRows === 0)).toBe(true);
    expect(health.indexes.find((index) => index.columns.includes('text'))!.indexedRows).toBe(50);
    const record = readHealthRecord(dir);
    expect(record.index).toMatchObject({ healthy: true, rows: 50, tableVersion: await store.tableVersion() });

    // Unchanged table and a healthy record: nothing is rebuilt.
    await healIndexes(store, { onRebuild: (detail) => rebuilt.push(detail) });
    expect(rebuilt).toHaveLength(1);

    // Rows added without an index refresh (a killed import) are found and folded in.
    await store.addPapers(range(50, 60));
    health = await healIndexes(store, { onRebuild: (detail) => rebuilt.push(detail) });
    expect(rebuilt[1]).toMatch(/stale: .*text_idx \(50 of 60 rows\)/);
    expect(health.healthy).toBe(true);
    expect(fs.existsSync(path.join(dir, HEALTH_FILE))).toBe(true);
  });
});

describe('commit retry', () => {
  it('retries a commit conflict and then succeeds', async () => {
    let calls = 0;
    const result = await withCommitRetry('storing', async () => {
      calls++;
      if (calls < 3) throw new Error('lance error: Retryable commit conflict for version 7: This Append transaction was preempted');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('turns a conflict that keeps coming back into BUSY, and any other table failure into INTERNAL, without Lance text', async () => {
    const conflict = withCommitRetry('storing 3 papers', async () => {
      throw new Error('lance error: Retryable commit conflict for version 7');
    }, 3);
    await expect(conflict).rejects.toBeInstanceOf(FacetError);
    await expect(conflict).rejects.toMatchObject({ code: 'BUSY' });
    await expect(conflict).rejects.not.toMatchObject({ message: expect.stringMatching(/lance|Retryable/i) });

    const other = withCommitRetry('storing 3 papers', async () => {
      throw new Error('lance error: IO error: No space left on device (os error 28), /rust/lance/src/io.rs:12');
    });
    await expect(other).rejects.toMatchObject({ code: 'INTERNAL', message: "storing 3 papers: the library's table could not be written (the disk is full)" });
  });
});
