/**
 * The table's indexes: the full-text index on `text`, a btree on `id`, and an IVF index per
 * vector column once the library is large enough; refreshIndexes keeps them in step with the data.
 * index-health.ts checks the same needs after the fact.
 */
// Before LanceDB loads: Lance's CPU pool must not be a single thread (see lance-cpu-pool.ts).
import './lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import { VECTOR_COLUMNS } from './schema.ts';

/**
 * Below this many embedded rows, vector queries scan every vector: exact, and a few milliseconds
 * for a few thousand rows of a few hundred dims. IVF partitions also need enough rows to train
 * their centroids; under ~5k rows an index would be both slower to build and less exact.
 */
export const ANN_INDEX_MIN_ROWS = 5_000;
/** Partitions probed per ANN query: recall close to exact at this library size. */
export const ANN_NPROBES = 20;
const FTS_INDEX_NAME = 'text_idx';
/**
 * Table versions older than this are deleted when indexes are refreshed. Facet never reads an old
 * version on purpose, and every connection moves to the newest one within the read-consistency
 * interval (seconds), so ten minutes is far beyond any reader; LanceDB's own default (7 days) would
 * keep the pre-compaction copy of each import on disk for a week (measured: 232 MB against 136 MB
 * for 10k papers).
 */
export const VERSION_RETENTION_MS = 10 * 60_000;

/** Runs one table commit (the store's write guard and conflict retry, see PaperStore.commit). */
export type Commit = <T>(what: string, write: () => Promise<T>) => Promise<T>;

export async function createFtsIndex(table: lancedb.Table): Promise<void> {
  // Stemmed, lower-cased, stop words removed. Queries go through MatchQuery, so no phrase
  // positions are needed and no query syntax can make a search fail.
  await table.createIndex('text', { config: lancedb.Index.fts({ withPosition: false }), name: FTS_INDEX_NAME, replace: true });
}

/**
 * Folds new rows into the FTS and vector indexes (optimize also compacts the small fragments
 * that batch writes leave), builds or rebuilds an IVF index per vector column once `embedded`
 * reaches ANN_INDEX_MIN_ROWS, and deletes table versions older than `versionRetentionMs`.
 */
export async function refreshIndexes(table: lancedb.Table, commit: Commit, embedded: () => Promise<number>, options: { versionRetentionMs?: number } = {}): Promise<void> {
  const indices = await table.listIndices();
  if (!indices.some((index) => index.columns.includes('text'))) await commit('building the full-text index', () => createFtsIndex(table));
  // Lookups by id (the open paper, a neighbour's vector, a page of metadata) would scan the table.
  if (!indices.some((index) => index.columns.includes('id'))) {
    await commit('building the id index', () => table.createIndex('id', { config: lancedb.Index.btree() }));
  }
  const embeddedRows = await embedded();
  if (embeddedRows >= ANN_INDEX_MIN_ROWS) {
    for (const column of VECTOR_COLUMNS) {
      const existing = indices.find((index) => index.columns.includes(column));
      const stats = existing ? await table.indexStats(existing.name) : undefined;
      // IVF centroids trained on a much smaller library no longer partition it well: retrain.
      const stale = stats !== undefined && stats.numIndexedRows * 2 < embeddedRows;
      if (!existing || stale) {
        await commit(`building the ${column} index`, () =>
          table.createIndex(column, {
            config: lancedb.Index.ivfFlat({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(Math.sqrt(embeddedRows))) }),
            replace: true,
          }),
        );
      }
    }
  }
  const cleanupOlderThan = new Date(Date.now() - (options.versionRetentionMs ?? VERSION_RETENTION_MS));
  await commit('updating the search indexes', () => table.optimize({ cleanupOlderThan }));
}

/** Names of the indexes on the table (for stats and tests). */
export async function indexNames(table: lancedb.Table): Promise<{ name: string; columns: string[]; type: string }[]> {
  return (await table.listIndices()).map((index) => ({ name: index.name, columns: index.columns, type: index.indexType }));
}
