/**
 * Index health: which of the table's indexes exist and how many rows each one covers, checked
 * against what the library needs (a full-text index on `text`, a btree on `id`, and an IVF index
 * per vector column once ANN_INDEX_MIN_ROWS papers are embedded).
 *
 * A process killed while it refreshed the indexes leaves the data committed but an index missing
 * or covering few rows; searches then scan the table without saying so. The last check is kept in
 * `facet-store-health.json` beside the table (with the table version it saw), so an open whose
 * table has not changed since a healthy check skips the index statistics altogether.
 */
import path from 'node:path';
import type * as lancedb from '@lancedb/lancedb';
import { readJsonOrNull, writeJsonAtomic } from '../util/atomic-file.ts';
import { VECTOR_COLUMNS } from './schema.ts';

export const HEALTH_FILE = 'facet-store-health.json';
/** More uncompacted fragments than this slow every query; the refresh compacts them. */
export const MAX_SMALL_FRAGMENTS = 16;

export interface IndexCoverage {
  name: string;
  columns: string[];
  type: string;
  indexedRows: number;
  unindexedRows: number;
}

export interface IndexHealth {
  tableVersion: number;
  rows: number;
  embeddedRows: number;
  smallFragments: number;
  indexes: IndexCoverage[];
  /** Indexes the library needs but lacks, by column. */
  missing: string[];
  /** Indexes that exist but leave rows out (or were trained on far fewer rows), by name. */
  stale: string[];
  healthy: boolean;
  checkedAt: string;
}

/** What was last recorded, plus the table version whose duplicate ids were last checked. */
export interface HealthRecord {
  index: IndexHealth | null;
  duplicatesCheckedAtVersion: number | null;
}

export interface HealthNeeds {
  /** Embedded rows of the current model (vector indexes are needed from annMinRows on). */
  embeddedRows: number;
  annMinRows: number;
}

export async function checkIndexHealth(table: lancedb.Table, needs: HealthNeeds): Promise<IndexHealth> {
  const [tableVersion, rows, indices, stats] = await Promise.all([table.version(), table.countRows(), table.listIndices(), table.stats()]);
  const indexes: IndexCoverage[] = [];
  for (const index of indices) {
    const coverage = await table.indexStats(index.name);
    indexes.push({
      name: index.name,
      columns: index.columns,
      type: index.indexType,
      indexedRows: coverage?.numIndexedRows ?? 0,
      unindexedRows: coverage?.numUnindexedRows ?? 0,
    });
  }
  const needed = ['text', ...(rows > 0 ? ['id'] : []), ...(needs.embeddedRows >= needs.annMinRows ? VECTOR_COLUMNS : [])];
  const missing = needed.filter((column) => !indexes.some((index) => index.columns.includes(column)));
  const stale = indexes
    .filter((index) => {
      if (index.unindexedRows > 0) return true;
      // An IVF index trained on well under half the embedded rows partitions the library badly.
      const isVector = index.columns.some((column) => (VECTOR_COLUMNS as readonly string[]).includes(column));
      return isVector && index.indexedRows * 2 < needs.embeddedRows;
    })
    .map((index) => index.name);
  const smallFragments = stats.fragmentStats.numSmallFragments;
  return {
    tableVersion,
    rows,
    embeddedRows: needs.embeddedRows,
    smallFragments,
    indexes,
    missing,
    stale,
    healthy: missing.length === 0 && stale.length === 0 && smallFragments <= MAX_SMALL_FRAGMENTS,
    checkedAt: new Date().toISOString(),
  };
}

export function readHealthRecord(libraryDir: string): HealthRecord {
  let parsed: unknown;
  try {
    parsed = readJsonOrNull(path.join(libraryDir, HEALTH_FILE));
  } catch {
    // A damaged record only costs a fresh check.
    parsed = null;
  }
  const record = (parsed ?? {}) as Partial<HealthRecord>;
  return { index: record.index ?? null, duplicatesCheckedAtVersion: record.duplicatesCheckedAtVersion ?? null };
}

export function writeHealthRecord(libraryDir: string, record: HealthRecord): void {
  writeJsonAtomic(path.join(libraryDir, HEALTH_FILE), record);
}

/** One line for logs and progress: "missing: vec_task; stale: text_idx (62 of 20055 rows)". */
export function describeIndexHealth(health: IndexHealth): string {
  if (health.healthy) return 'indexes healthy';
  const parts: string[] = [];
  if (health.missing.length > 0) parts.push(`missing: ${health.missing.join(', ')}`);
  if (health.stale.length > 0) {
    parts.push(
      `stale: ${health.stale
        .map((name) => {
          const index = health.indexes.find((entry) => entry.name === name)!;
          return `${name} (${index.indexedRows} of ${index.indexedRows + index.unindexedRows} rows)`;
        })
        .join(', ')}`,
    );
  }
  if (health.smallFragments > MAX_SMALL_FRAGMENTS) parts.push(`${health.smallFragments} uncompacted fragments`);
  return parts.join('; ');
}
