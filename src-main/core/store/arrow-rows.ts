/**
 * Rows to an Arrow table for LanceDB writes, column by column. The vector columns are filled
 * straight from the Float32Arrays into one buffer per column; LanceDB's makeArrowTable appends
 * every float through an Arrow builder, which took about a fifth of an import's main-thread time.
 * The other columns go through apache-arrow's own builders (vectorFromArray), as before.
 */
import { createRequire } from 'node:module';
import './lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import * as esmArrow from 'apache-arrow';
import type { Data, FixedSizeList, Schema, Table } from 'apache-arrow';

/**
 * LanceDB loads apache-arrow as CommonJS, and checks the classes of what it is given against its
 * own; this module's `import` of apache-arrow gets the ES module build, whose classes differ. So
 * the table is built with the CommonJS build LanceDB uses, and the schema is carried over to it
 * through Arrow IPC (once per schema).
 */
const arrow = createRequire(import.meta.url)('apache-arrow') as typeof esmArrow;
const { DataType, RecordBatch, Struct, makeData, vectorFromArray } = arrow;

/** Whether LanceDB's Arrow tables are made of the classes loaded here (false: another copy, so never use this path). */
const sameArrowAsLanceDb = (() => {
  try {
    return lancedb.makeArrowTable([{ x: 1 }]) instanceof arrow.Table;
  } catch {
    return false;
  }
})();

const schemas = new Map<string, Schema>();
function lanceSchema(schema: Schema): Schema {
  const key = schema.fields.map((field) => `${field.name}:${String(field.type)}:${field.nullable}`).join('|');
  let converted = schemas.get(key);
  if (!converted) {
    converted = schema instanceof arrow.Schema ? schema : (arrow.tableFromIPC(esmArrow.tableToIPC(new esmArrow.Table(schema))).schema);
    schemas.set(key, converted);
  }
  return converted;
}

type RowValues = Record<string, unknown>;

/** One column of `rows` as a single Arrow Data chunk, or null when the builder split it (then the caller falls back). */
function columnData(rows: readonly RowValues[], name: string, type: esmArrow.DataType): Data | null {
  if (DataType.isFixedSizeList(type)) return fixedFloatListData(rows, name, type);
  const vector = vectorFromArray(
    rows.map((row) => row[name] ?? null),
    type,
  );
  return vector.data.length === 1 ? (vector.data[0] as Data) : null;
}

function fixedFloatListData(rows: readonly RowValues[], name: string, type: FixedSizeList): Data {
  const size = type.listSize;
  const values = new Float32Array(rows.length * size);
  const validity = new Uint8Array((rows.length + 7) >> 3);
  let nulls = 0;
  rows.forEach((row, i) => {
    const value = row[name] as ArrayLike<number> | null | undefined;
    if (value == null) {
      nulls++;
      return;
    }
    if (value.length !== size) throw new Error(`${name}: expected ${size} values, got ${value.length}`);
    values.set(value, i * size);
    validity[i >> 3]! |= 1 << (i & 7);
  });
  // Arrow types a FixedSizeList's child field as any; the schema check above made it a float.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
  const child = makeData({ type: type.children[0]!.type, length: values.length, nullCount: 0, data: values });
  return makeData({ type, length: rows.length, nullCount: nulls, nullBitmap: nulls > 0 ? validity : null, child });
}

/** The rows as a one-batch Arrow table of `schema`; null when a column did not fit one chunk. */
export function rowsToArrowTable(rows: readonly RowValues[], given: Schema): Table | null {
  if (!sameArrowAsLanceDb) return null;
  // Rows that leave a column out keep makeArrowTable's handling of it (the column left out of the write).
  if (rows.length === 0 || given.fields.some((field) => rows.some((row) => !(field.name in row)))) return null;
  const schema = lanceSchema(given);
  if (!schema.fields.every((field) => !DataType.isFixedSizeList(field.type) || DataType.isFloat(field.type.children[0]!.type))) return null;
  const children: Data[] = [];
  for (const field of schema.fields) {
    const data = columnData(rows, field.name, field.type as esmArrow.DataType);
    if (data === null) return null;
    children.push(data);
  }
  const struct = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new arrow.Table([new RecordBatch(schema, struct)]);
}
