/**
 * Repair of rows that share one paper id. Facet versions without the writer lock let two
 * processes import the same papers at once, each storing its own row. A paper's reading state
 * lives in the reading journal keyed by its id, so it belongs to all of those rows at once and
 * survives keeping just one of them.
 *
 * The row kept is the one with vectors of the current model, then the earliest in import order
 * (so the paper keeps its place); the others go in one delete by row id, a single commit: a crash
 * leaves either every copy or just the kept one.
 */
import type * as lancedb from '@lancedb/lancedb';
import { withCommitRetry } from './commit-retry.ts';

export interface DuplicateIdRepair {
  /** Paper ids that had more than one row. */
  ids: number;
  /** Rows deleted (every copy but one). */
  rowsRemoved: number;
}

interface RowRef {
  rowId: bigint;
  seq: number;
  embedded: boolean;
}

/** Ids stored on more than one row, each with its rows' references; one scan of three small columns. */
export async function findDuplicateIds(table: lancedb.Table, modelId: string): Promise<Map<string, RowRef[]>> {
  const rowsById = new Map<string, RowRef[]>();
  const duplicates = new Map<string, RowRef[]>();
  for await (const batch of table.query().withRowId().select(['id', 'seq', 'embedded_model'])) {
    const ids = batch.getChild('id');
    const seqs = batch.getChild('seq');
    const models = batch.getChild('embedded_model');
    const rowIds = batch.getChild('_rowid');
    if (!ids || !seqs || !rowIds) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const id = String(ids.get(i));
      const ref: RowRef = { rowId: BigInt(rowIds.get(i) as bigint | number), seq: Number(seqs.get(i)), embedded: models?.get(i) === modelId };
      const rows = rowsById.get(id);
      if (!rows) {
        rowsById.set(id, [ref]);
        continue;
      }
      rows.push(ref);
      duplicates.set(id, rows);
    }
  }
  return duplicates;
}

/** Deletes every copy but one of each duplicated id (see the module comment for which is kept). */
export async function repairDuplicateIds(
  table: lancedb.Table,
  modelId: string,
  commit: <T>(what: string, write: () => Promise<T>) => Promise<T> = withCommitRetry,
): Promise<DuplicateIdRepair> {
  const duplicates = await findDuplicateIds(table, modelId);
  if (duplicates.size === 0) return { ids: 0, rowsRemoved: 0 };
  const drop: bigint[] = [];
  for (const rows of duplicates.values()) {
    const ordered = [...rows].sort((a, b) => Number(b.embedded) - Number(a.embedded) || a.seq - b.seq || (a.rowId < b.rowId ? -1 : 1));
    for (const row of ordered.slice(1)) drop.push(row.rowId);
  }
  await commit(`removing ${drop.length} duplicate rows`, () => table.delete(`_rowid IN (${drop.join(', ')})`));
  return { ids: duplicates.size, rowsRemoved: drop.length };
}
