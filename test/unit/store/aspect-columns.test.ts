// The store's per-aspect columns come from one aspect list: a fixture list with a fifth aspect
// gets its own vector column in the schema, its own vector cell and term list in the row mapping,
// and survives a round trip through a real LanceDB table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import { rowsToArrowTable } from '../../../src-main/core/store/arrow-rows.ts';
import { storedVectorCells, toPaper, toRow, vectorCellsOf, type NewPaper, type Row } from '../../../src-main/core/store/rows.ts';
import { VECTOR_COLUMNS, papersSchema, schemaDims, termAspects } from '../../../src-main/core/store/schema.ts';

const DIMS = 3;
const FIVE = [...ASPECTS, 'setting'] as const;
type FiveAspect = (typeof FIVE)[number];

function vectorsFor(seed: number): Record<FiveAspect, Float32Array> {
  return Object.fromEntries(FIVE.map((aspect, i) => [aspect, Float32Array.from([seed, i, seed - i])])) as Record<FiveAspect, Float32Array>;
}

function paper(id: string, vectors: Record<FiveAspect, Float32Array> | null): NewPaper<FiveAspect> {
  return {
    id,
    title: `Title ${id}`,
    abstract: 'An abstract.',
    authors: ['A. Author'],
    year: 2024,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    sourceFile: null,
    sourceLine: null,
    normTitle: `title ${id}`,
    // The fifth aspect's terms ride in the same JSON column as the others'.
    terms: { task: ['retrieval'], method: ['bm25'], dataset: [], setting: ['offline'] } as NewPaper['terms'],
    dedupKeys: [`title:title ${id}`],
    vectors,
    pending: vectors === null,
  };
}

describe('aspect columns', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-aspect-columns-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('derives the real schema and term lists from ASPECTS', () => {
    expect(VECTOR_COLUMNS).toEqual(ASPECTS.map((aspect) => `vec_${aspect}`));
    expect(papersSchema(DIMS).fields.filter((field) => field.name.startsWith('vec_')).map((field) => field.name)).toEqual(VECTOR_COLUMNS);
    expect(termAspects(ASPECTS)).toEqual(['task', 'method', 'dataset']);
  });

  it('gives a fifth aspect a vector column, a vector cell and a term list, through a LanceDB table and back', async () => {
    const schema = papersSchema(DIMS, FIVE);
    expect(schema.fields.filter((field) => field.name.startsWith('vec_')).map((field) => field.name)).toEqual(['vec_generic', 'vec_task', 'vec_method', 'vec_dataset', 'vec_setting']);
    expect(schemaDims(schema, FIVE)).toBe(DIMS);

    const place = { seq: 1, importedAt: '2026-12-07T00:00:00.000Z' };
    const embedded = toRow(paper('p1', vectorsFor(1)), place, 'model-x', FIVE);
    const stub = toRow(paper('p2', null), { ...place, seq: 2 }, 'model-x', FIVE);
    expect(embedded.vec_setting).toEqual(Float32Array.from([1, 4, -3]));
    expect(embedded.embedded_model).toBe('model-x');
    expect(stub).toMatchObject({ embedded_model: null, vec_generic: null, vec_setting: null });
    expect(vectorCellsOf(null, 'model-x', FIVE)).toEqual({ embedded_model: null, vec_generic: null, vec_task: null, vec_method: null, vec_dataset: null, vec_setting: null });

    const rows = [embedded, stub] as unknown as Record<string, unknown>[];
    const data = rowsToArrowTable(rows, schema) ?? lancedb.makeArrowTable(rows, { schema });
    const db = await lancedb.connect(dir);
    const table = await db.createTable('papers', data);
    try {
      const stored = (await table.query().toArray()) as Row[];
      const byId = new Map(stored.map((row) => [String(row.id), row]));
      const back = storedVectorCells(byId.get('p1')!, FIVE);
      expect(Array.from(back.vec_setting!)).toEqual([1, 4, -3]);
      expect(Array.from(back.vec_generic!)).toEqual([1, 0, 1]);
      expect(storedVectorCells(byId.get('p2')!, FIVE)).toMatchObject({ embedded_model: null, vec_setting: null });

      const read = toPaper(byId.get('p1')!, 'model-x', FIVE);
      expect(read.embedded).toBe(true);
      expect(read.terms).toEqual({ task: ['retrieval'], method: ['bm25'], dataset: [], setting: ['offline'] });
      // The real list reads the same row without the fifth aspect's terms.
      expect(toPaper(byId.get('p1')!, 'model-x').terms).toEqual({ task: ['retrieval'], method: ['bm25'], dataset: [] });
    } finally {
      table.close();
      db.close();
    }
  });
});
