import * as lancedb from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { rowsToArrowTable } from '../../../src-main/core/store/arrow-rows.ts';
import { papersSchema } from '../../../src-main/core/store/schema.ts';

const DIMS = 3;

function row(i: number, withVectors: boolean): Record<string, unknown> {
  const vector = withVectors ? Float32Array.from([i, i + 0.5, -i / 3]) : null;
  return {
    id: `p${i}`,
    title: `Title ${i}`,
    abstract: i % 2 ? `Abstract ${i} with ünïcode` : '',
    authors: i % 3 ? ['A. Author', `B${i}`] : [],
    year: i % 4 ? 2000 + i : null,
    date: null,
    venue: i % 2 ? 'Venue' : null,
    arxiv_id: null,
    doi: `10.1/${i}`,
    url: null,
    source_file: 'f.jsonl',
    source_line: i,
    imported_at: '2026-12-07T00:00:00.000Z',
    seq: i,
    title_only: i % 2 === 0,
    norm_title: `title ${i}`,
    terms: '{"task":[],"method":[],"dataset":[]}',
    text: `Title ${i}\n\nAbstract ${i}`,
    dedup_keys: [`title:title ${i}`],
    pending: !withVectors,
    library: null,
    cite_key: i % 2 ? `author${i}title` : null,
    source_record: i % 3 ? null : '{"format":"bibtex","type":"misc","key":"k","fields":[]}',
    source_key: i % 3 ? `src${i}` : null,
    embedded_model: withVectors ? 'model' : null,
    vec_generic: vector,
    vec_task: vector,
    vec_method: vector,
    vec_dataset: vector,
  };
}

/** Every cell as plain JS, for comparing two tables. */
function cells(table: { numRows: number; schema: { fields: { name: string }[] }; getChild(name: string): { get(i: number): unknown } | null }): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < table.numRows; i++) {
    out.push(
      table.schema.fields.map((field) => {
        const value = table.getChild(field.name)!.get(i);
        if (value && typeof value === 'object' && 'toArray' in value) return Array.from((value as { toArray(): ArrayLike<unknown> }).toArray());
        return value;
      }),
    );
  }
  return out;
}

describe('rowsToArrowTable', () => {
  it('builds the same table as LanceDB makeArrowTable, null vectors included', () => {
    const schema = papersSchema(DIMS);
    const rows = Array.from({ length: 21 }, (_, i) => row(i, i % 5 !== 0));
    const fast = rowsToArrowTable(rows, schema)!;
    const reference = lancedb.makeArrowTable(rows, { schema });
    expect(fast.numRows).toBe(21);
    expect(fast.schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable}`)).toEqual(reference.schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable}`));
    expect(cells(fast)).toEqual(cells(reference));
    expect(fast.getChild('vec_task')!.get(0)).toBeNull();
    expect(Array.from(fast.getChild('vec_task')!.get(1)!.toArray() as Float32Array)).toEqual([1, 1.5, Math.fround(-1 / 3)]);
  });

  it('leaves rows that omit a column to makeArrowTable', () => {
    const { cite_key: _omitted, ...partial } = row(1, true);
    expect(rowsToArrowTable([partial], papersSchema(DIMS))).toBeNull();
    expect(rowsToArrowTable([], papersSchema(DIMS))).toBeNull();
  });

  it('refuses a vector of the wrong length', () => {
    const bad = { ...row(1, true), vec_task: Float32Array.from([1, 2]) };
    expect(() => rowsToArrowTable([bad], papersSchema(DIMS))).toThrow('vec_task: expected 3 values, got 2');
  });
});
