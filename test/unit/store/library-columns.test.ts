/**
 * The columns added for local-library imports (pending, library): a table written by an older
 * Facet (without them) opens, gets them by schema evolution, and keeps working.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Schema } from 'apache-arrow';
import * as lancedb from '@lancedb/lancedb';
import { PaperStore, papersSchema, PAPERS_TABLE, type NewPaper } from '../../../src-main/core/store/index.ts';
import { writeMeta } from '../../../src-main/core/store/meta.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';

const DIMS = 4;
const MODEL = { id: 'test-model', dims: DIMS };

function vectors(values: number[]): AspectVectors {
  const norm = Math.hypot(...values);
  const v = Float32Array.from(values, (x) => x / norm);
  return { generic: v, task: v, method: v, dataset: v };
}

function paper(id: string, title: string, extra: Partial<NewPaper> = {}): NewPaper {
  return {
    id,
    title,
    abstract: `${title} abstract`,
    authors: ['A. Author'],
    year: 2021,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    sourceFile: 'x',
    sourceLine: null,
    normTitle: title.toLowerCase(),
    terms: { task: [], method: [], dataset: [] },
    dedupKeys: [`title:${title.toLowerCase()}`],
    vectors: vectors([1, 2, 3, 4]),
    ...extra,
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-store-columns-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('library columns', () => {
  it('opens a table made before the pending/library/cite-key columns, adds them and keeps its rows and vectors', async () => {
    const added = ['pending', 'library', 'cite_key', 'source_record'];
    const oldSchema = new Schema(papersSchema(DIMS).fields.filter((field) => !added.includes(field.name)));
    const db = await lancedb.connect(dir);
    const v = vectors([1, 0, 0, 0]);
    const row = {
      id: 'old-1', title: 'An old paper', abstract: 'Stored before the columns existed.', authors: ['Old Author'], year: 2019,
      date: null, venue: null, arxiv_id: null, doi: null, url: null, source_file: null, source_line: null,
      imported_at: '2026-01-01T00:00:00.000Z', seq: 1, title_only: false, norm_title: 'an old paper', terms: '{}',
      text: 'An old paper', dedup_keys: ['title:an old paper'], embedded_model: MODEL.id,
      vec_generic: v.generic, vec_task: v.task, vec_method: v.method, vec_dataset: v.dataset,
    };
    const table = await db.createTable(PAPERS_TABLE, lancedb.makeArrowTable([row], { schema: oldSchema }));
    expect((await table.schema()).fields.map((f) => f.name)).not.toContain('library');
    table.close();
    db.close();
    writeMeta(dir, { modelId: MODEL.id, dims: DIMS });

    const { store, modelChanged } = await PaperStore.open(dir, MODEL);
    try {
      expect(modelChanged).toBe(false);
      const old = await store.get('old-1');
      // Rows from before citation keys were stored get one generated key on open, kept from then on.
      expect(old).toMatchObject({ title: 'An old paper', embedded: true, pending: false, filePath: null, collections: [], tags: [], citeKey: 'author2019old' });
      expect(await store.getVector('old-1', 'generic')).not.toBeNull();
      await store.addPapers([
        paper('new-1', 'A new paper', { library: { filePath: '/papers/new.pdf', collections: ['Thesis / Related work'], tags: ['nlp'] } }),
        paper('stub-1', 'arXiv:2205.13147 (metadata pending)', { vectors: null, pending: true, abstract: '' }),
      ]);
      await store.addPapers([paper('stub-0', 'doi:10.1000/later (metadata pending)', { vectors: null, pending: true, abstract: '' })]);
      // Stubs in import order (not id order); rows from before the column existed are not stubs.
      expect(await store.pendingStubIds(10)).toEqual(['stub-1', 'stub-0']);
      expect(await store.pendingStubIds(1)).toEqual(['stub-1']);
      expect(await store.get('new-1')).toMatchObject({ filePath: '/papers/new.pdf', collections: ['Thesis / Related work'], tags: ['nlp'], pending: false, embedded: true });
      expect(await store.get('stub-1')).toMatchObject({ pending: true, embedded: false });
      // A stub is not waiting for vectors: re-embedding never picks it up.
      expect(await store.countPending()).toBe(0);
      expect(await store.pendingPapers(10)).toEqual([]);
    } finally {
      await store.close();
    }
    // Opening again finds the columns present and changes nothing.
    const again = await PaperStore.open(dir, MODEL);
    try {
      expect(await again.store.count()).toBe(4);
      expect(await again.store.get('new-1')).toMatchObject({ filePath: '/papers/new.pdf' });
      expect(await again.store.get('old-1')).toMatchObject({ citeKey: 'author2019old', embedded: true });
      expect(await again.store.getVector('old-1', 'generic')).not.toBeNull();
      expect(await again.store.get('stub-1')).toMatchObject({ citeKey: null });
    } finally {
      await again.store.close();
    }
  });

  it('replacePapers rewrites rows in place (keeping import order) and deletePapers removes them', async () => {
    const { store } = await PaperStore.open(dir, MODEL);
    try {
      await store.addPapers([paper('a', 'Paper A'), paper('b', 'Paper B')]);
      const before = await store.list(0, 10, 'imported');
      await store.replacePapers([paper('a', 'Paper A revised', { doi: '10.1/a', dedupKeys: ['title:paper a', 'doi:10.1/a'], library: { tags: ['x'] } })]);
      const after = await store.list(0, 10, 'imported');
      expect(after.items.map((p) => p.id)).toEqual(before.items.map((p) => p.id));
      expect(await store.get('a')).toMatchObject({ title: 'Paper A revised', doi: '10.1/a', tags: ['x'] });
      expect(await store.identityOf('a')).toEqual({ dedupKeys: ['title:paper a', 'doi:10.1/a'], library: { tags: ['x'] } });
      await expect(store.replacePapers([paper('zzz', 'Unknown')])).rejects.toThrow(/no paper with id "zzz"/);
      await store.deletePapers(['b']);
      expect(await store.get('b')).toBeNull();
      expect(await store.count()).toBe(1);
    } finally {
      await store.close();
    }
  });
});
