/**
 * The ids of stored identifier stubs (papers with `pending = true`), in import order.
 *
 * PaperStore has no query for them, and its file is being changed by the lead; this reads the
 * store's table through a connection of its own (read-only use) until PaperStore grows a
 * `pendingStubIds(limit)` method, which should replace this file.
 */
// Before LanceDB loads: Lance's CPU pool must not be a single thread (see lance-cpu-pool.ts).
import '../store/lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import { PAPERS_TABLE, type PaperStore } from '../store/index.ts';

export async function storedStubIds(store: Pick<PaperStore, 'dir'>, limit: number): Promise<string[]> {
  const db = await lancedb.connect(store.dir);
  try {
    if (!(await db.tableNames()).includes(PAPERS_TABLE)) return [];
    const table = await db.openTable(PAPERS_TABLE);
    try {
      const rows = (await table
        .query()
        .where('pending = true')
        .select(['id', 'seq'])
        .limit(limit)
        .toArray()) as { id: unknown; seq: unknown }[];
      return rows.sort((x, y) => Number(x.seq) - Number(y.seq)).map((row) => String(row.id));
    } finally {
      table.close();
    }
  } finally {
    db.close();
  }
}
