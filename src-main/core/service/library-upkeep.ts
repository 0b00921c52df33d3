/**
 * Upkeep that keeps a library whole after crashes and older versions: rows sharing one paper id
 * are merged (store/repair.ts), and indexes that are missing or leave rows out are rebuilt
 * (store/index-health.ts). It runs on open, when no other process is writing, and the index part
 * after every import, so an import that adds nothing still repairs what a killed one left.
 * Callers hold the writer lock.
 */
import { ANN_INDEX_MIN_ROWS, type PaperStore } from '../store/index.ts';
import { checkIndexHealth, describeIndexHealth, readHealthRecord, writeHealthRecord, type IndexHealth } from '../store/index-health.ts';
import { repairDuplicateIds, type DuplicateIdRepair } from '../store/repair.ts';

/** The importId of 'library.onDidProgress' events of the index repair on open. */
export const INDEX_REPAIR_ID = 'index-repair';

export interface UpkeepProgress {
  /** The indexes are being rebuilt: `detail` says what was wrong. */
  onRebuild?: (detail: string) => void;
  /** The rebuild finished (or was not needed): the health now recorded. */
  onHealthy?: (health: IndexHealth) => void;
}

/** Repairs duplicate ids unless the table is unchanged since the last check; returns what it removed. */
export async function repairDuplicatesIfChanged(store: PaperStore): Promise<DuplicateIdRepair> {
  const record = readHealthRecord(store.dir);
  const version = await store.tableVersion();
  if (record.duplicatesCheckedAtVersion === version) return { ids: 0, rowsRemoved: 0 };
  const repair = await repairDuplicateIds(store.lanceTable, store.model.id, (what, write) => store.commit(what, write));
  writeHealthRecord(store.dir, { ...record, duplicatesCheckedAtVersion: await store.tableVersion() });
  return repair;
}

/**
 * Checks the indexes (skipped when the table is unchanged since a healthy check, unless `force`),
 * rebuilds them when something is missing or stale, and records the result.
 */
export async function healIndexes(store: PaperStore, progress: UpkeepProgress = {}, force = false): Promise<IndexHealth> {
  const record = readHealthRecord(store.dir);
  const versionBefore = await store.tableVersion();
  if (!force && record.index?.healthy && record.index.tableVersion === versionBefore) return record.index;
  const check = async () => checkIndexHealth(store.lanceTable, { embeddedRows: await store.countEmbedded(), annMinRows: ANN_INDEX_MIN_ROWS });
  let health = await check();
  if (!health.healthy) {
    progress.onRebuild?.(describeIndexHealth(health));
    await store.refreshIndexes();
    health = await check();
  }
  // Index work adds no rows: a duplicate check of the version before it still holds after it.
  const duplicatesChecked = record.duplicatesCheckedAtVersion === versionBefore ? health.tableVersion : record.duplicatesCheckedAtVersion;
  writeHealthRecord(store.dir, { index: health, duplicatesCheckedAtVersion: duplicatesChecked });
  progress.onHealthy?.(health);
  return health;
}
