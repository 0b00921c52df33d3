/**
 * Opening a papers table made by this or an older Facet: creating it, adding the columns added
 * since (ADDED_COLUMNS, through LanceDB schema evolution, no rewrite), and dropping vectors of
 * another model (a rewrite that keeps every paper) so they can be re-embedded.
 */
// Before LanceDB loads: Lance's CPU pool must not be a single thread (see lance-cpu-pool.ts).
import './lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import { withCommitRetry } from './commit-retry.ts';
import { createFtsIndex } from './indexes.ts';
import { readMeta, writeMeta } from './meta.ts';
import type { StoreModel } from './queries.ts';
import { contentRow, vectorCellsOf, type Row } from './rows.ts';
import { CONTENT_COLUMNS, PAPERS_TABLE, papersSchema, schemaDims, type PaperRow } from './schema.ts';

/**
 * Columns added after the first release, with the SQL that fills them in on a table created before
 * them (PaperStore.open adds them once, through LanceDB schema evolution).
 */
export const ADDED_COLUMNS = [
  { name: 'pending', valueSql: 'CAST(false AS BOOLEAN)' },
  { name: 'library', valueSql: 'CAST(NULL AS STRING)' },
  { name: 'cite_key', valueSql: 'CAST(NULL AS STRING)' },
  { name: 'source_record', valueSql: 'CAST(NULL AS STRING)' },
  { name: 'source_key', valueSql: 'CAST(NULL AS STRING)' },
] as const;

/**
 * Opens the papers table, or returns null when that first needs a write (no table yet, columns
 * to add, vectors of another model to drop) and `write` is false.
 */
export async function openTable(db: lancedb.Connection, dir: string, model: StoreModel, write: boolean): Promise<{ table: lancedb.Table; modelChanged: boolean } | null> {
  const names = await db.tableNames();
  const meta = readMeta(dir);
  const metaMatches = meta !== null && meta.modelId === model.id && meta.dims === model.dims;
  let table: lancedb.Table;
  let modelChanged = false;
  if (!names.includes(PAPERS_TABLE)) {
    if (!write) return null;
    table = await db.createEmptyTable(PAPERS_TABLE, papersSchema(model.dims), { mode: 'overwrite' });
    await createFtsIndex(table);
  } else {
    table = await db.openTable(PAPERS_TABLE);
    const needsColumns = await hasMissingColumns(table);
    const storedDims = schemaDims(await table.schema());
    const vectorsMatch = metaMatches && storedDims === model.dims;
    if (!write && (needsColumns || !vectorsMatch)) {
      table.close();
      return null;
    }
    if (needsColumns) await withCommitRetry('adding columns', () => addMissingColumns(table));
    if (!vectorsMatch) {
      table = await dropVectors(db, table, model.dims);
      modelChanged = (await table.countRows()) > 0;
    }
  }
  if (!metaMatches) writeMeta(dir, { modelId: model.id, dims: model.dims });
  return { table, modelChanged };
}

/** Rewrites the table under a schema for `dims`, keeping every paper and dropping its vectors. */
async function dropVectors(db: lancedb.Connection, table: lancedb.Table, dims: number): Promise<lancedb.Table> {
  const rows = (await table.query().select([...CONTENT_COLUMNS]).toArray()) as Row[];
  const schema = papersSchema(dims);
  const kept: PaperRow[] = rows.map((row) => ({ ...contentRow(row), ...vectorCellsOf(null, '') }));
  table.close();
  const rebuilt =
    kept.length === 0
      ? await db.createEmptyTable(PAPERS_TABLE, schema, { mode: 'overwrite' })
      : await db.createTable(PAPERS_TABLE, lancedb.makeArrowTable(kept as unknown as Record<string, unknown>[], { schema }), { mode: 'overwrite' });
  await createFtsIndex(rebuilt);
  return rebuilt;
}

async function hasMissingColumns(table: lancedb.Table): Promise<boolean> {
  const present = new Set((await table.schema()).fields.map((field) => field.name));
  return ADDED_COLUMNS.some((column) => !present.has(column.name));
}

/** Adds the columns of ADDED_COLUMNS a table made by an older Facet lacks (schema evolution, no rewrite). */
async function addMissingColumns(table: lancedb.Table): Promise<void> {
  const present = new Set((await table.schema()).fields.map((field) => field.name));
  const missing = ADDED_COLUMNS.filter((column) => !present.has(column.name));
  if (missing.length > 0) await table.addColumns(missing.map((column) => ({ name: column.name, valueSql: column.valueSql })));
}
