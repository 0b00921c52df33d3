/**
 * Zotero library, read in place: a Zotero data folder's zotero.sqlite is read READ-ONLY through
 * sql.js (SQLite compiled to WebAssembly: no native build, no download). The file is never opened
 * for writing, and when Zotero has it open mid-write (a -wal or -journal beside it) a copy is read
 * instead (sqlite-snapshot.ts), so a running Zotero is neither blocked nor disturbed.
 *
 * Each regular item (not attachments, notes, annotations, or items in the trash) becomes a record
 * with title, abstract, creators (authors; all creators when none is an author), date, DOI, URL,
 * venue, arXiv id (from DOI, URL, Extra or Archive ID), collections (full paths), tags, and the path
 * of its first stored PDF (storage/<attachment key>/<file>, or a linked file's absolute path).
 *
 * Re-running with a `stateDir` yields only items that changed since the last run (a fingerprint of
 * each item's dateModified and its record, because adding an item to a collection does not always
 * touch dateModified), then `removed` items for those gone from the library or moved to the trash.
 * An item counts as handled once the consumer asks for the next one; the state file is written
 * atomically, periodically and at the end, so a cancelled run resumes where it stopped.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { normaliseDoi, parseArxivId } from '../import/index.ts';
import { ProgressMeter } from './progress.ts';
import { ResumeLedger } from './resume-ledger.ts';
import { readSqliteSnapshot } from './sqlite-snapshot.ts';
import { emptyLibraryRecord, problemOf, type LibraryItem, type LibraryRecord, type ProgressListener } from './types.ts';

/** Zotero 5.0's userdata schema and later. */
export const MIN_ZOTERO_USERDATA_VERSION = 80;
/** The newest userdata schema this reader was written against (Zotero 7 era). Raise after checking a newer one. */
export const MAX_ZOTERO_USERDATA_VERSION = 130;
export const ZOTERO_STATE_FILE = 'zotero-sync.json';

export type ZoteroLibraryItem = LibraryItem | { kind: 'removed'; recordKey: string };

export interface ReadZoteroOptions {
  /** Folder for the sync state (auto-commit); without it or `syncState` every run yields every item. */
  stateDir?: string;
  /**
   * A sync state the caller opened (openZoteroSyncState) to commit itself after storing each batch;
   * wins over `stateDir`. Items read but not committed come again on the next run.
   */
  syncState?: ResumeLedger;
  /** Ignore the sync state and yield everything (the state is still updated). */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** The sync state of one Zotero data folder: recordKey -> fingerprint of the version imported. */
export function openZoteroSyncState(stateDir: string, dataDir: string, options: { autoCommit?: boolean } = {}): ResumeLedger {
  return ResumeLedger.open(path.join(stateDir, ZOTERO_STATE_FILE), {
    ...options,
    subject: path.join(path.resolve(dataDir), 'zotero.sqlite'),
    label: 'Zotero sync state',
  });
}

let sqlJs: Promise<SqlJsStatic> | null = null;
/** sql.js (a WebAssembly SQLite) is loaded on the first Zotero read, not by every process that imports the library code. */
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= import('sql.js').then((module) => module.default());
  return sqlJs;
}

export async function* readZoteroLibrary(dataDir: string, options: ReadZoteroOptions = {}): AsyncGenerator<ZoteroLibraryItem> {
  const dbPath = path.join(path.resolve(dataDir), 'zotero.sqlite');
  const fail = (message: string): ZoteroLibraryItem => ({ kind: 'problem', problem: problemOf(dbPath, 'error', message) });
  if (!fs.existsSync(dbPath)) {
    yield fail(`no zotero.sqlite in ${path.resolve(dataDir)}: choose Zotero's data folder (Zotero > Settings > Advanced > Files and Folders > Data Directory Location)`);
    return;
  }
  let db: Database;
  let notes: string[];
  try {
    ({ db, notes } = await openSnapshot(dbPath));
  } catch (error) {
    yield fail(`cannot read ${dbPath}: ${(error as Error).message}`);
    return;
  }
  try {
    for (const note of notes) yield { kind: 'problem', problem: problemOf(dbPath, 'warning', `Zotero had the database open: ${note}`) };
    const versionProblem = checkSchemaVersion(db);
    if (versionProblem) {
      yield fail(versionProblem);
      return;
    }
    yield* readItems(db, path.resolve(dataDir), dbPath, options);
  } finally {
    db.close();
  }
}

/** Tries for a consistent image this many times when Zotero is writing (see openSnapshot). */
const SNAPSHOT_ATTEMPTS = 3;

/**
 * The database in memory. An image rebuilt from -wal / -journal copies is checked with SQLite's
 * quick_check, because Zotero may have written between the copies; a damaged image is read again
 * after a short wait, and after SNAPSHOT_ATTEMPTS tries the damage is reported.
 */
async function openSnapshot(dbPath: string): Promise<{ db: Database; notes: string[] }> {
  const SQL = await loadSqlJs();
  let problem = '';
  for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
    const snapshot = readSqliteSnapshot(dbPath);
    const db = new SQL.Database(snapshot.bytes);
    if (snapshot.notes.length === 0) return { db, notes: [] };
    let verdict: string;
    try {
      verdict = String(db.exec('PRAGMA quick_check')[0]?.values[0]?.[0] ?? 'no answer');
    } catch (error) {
      verdict = (error as Error).message;
    }
    if (verdict === 'ok') return { db, notes: snapshot.notes };
    db.close();
    problem = verdict;
    await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
  }
  throw new Error(`Zotero kept writing while Facet read a copy, and the copy was damaged ${SNAPSHOT_ATTEMPTS} times (${problem}); close Zotero or try again`);
}

/** A message when the database is not a Zotero library this reader understands, else null. */
export function checkSchemaVersion(db: Database): string | null {
  let version: number | null = null;
  try {
    const row = db.exec("SELECT version FROM version WHERE schema = 'userdata'")[0]?.values[0]?.[0];
    version = typeof row === 'number' ? row : row === undefined || row === null ? null : Number(row);
  } catch (error) {
    return `not a Zotero database (${(error as Error).message}); choose the folder that holds zotero.sqlite`;
  }
  if (version === null || Number.isNaN(version)) return 'not a Zotero database: its "version" table has no userdata schema version';
  if (version > MAX_ZOTERO_USERDATA_VERSION) {
    return `unsupported Zotero version: this library uses userdata schema ${version}, newer than the newest Facet knows (${MAX_ZOTERO_USERDATA_VERSION}). Update Facet, or export the library from Zotero as CSL JSON or BibTeX and import that file`;
  }
  if (version < MIN_ZOTERO_USERDATA_VERSION) {
    return `unsupported Zotero version: this library uses userdata schema ${version}, from before Zotero 5; open it once in a current Zotero to upgrade it`;
  }
  return null;
}

function tableExists(db: Database, name: string): boolean {
  return db.exec('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', ['table', name]).length > 0;
}

function rows(db: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
  return db.exec(sql, params)[0]?.values ?? [];
}

/** Zotero field names read: title, abstractNote, date, DOI, url, extra, archiveID and the venue fields. */
type TextField = 'title' | 'abstractNote' | 'date' | 'DOI' | 'url' | 'extra' | 'citationKey' | 'archiveID' | 'publicationTitle' | 'proceedingsTitle' | 'conferenceName' | 'bookTitle' | 'repository' | 'websiteTitle';
const SKIPPED_TYPES = new Set(['attachment', 'note', 'annotation']);

async function* readItems(db: Database, dataDir: string, dbPath: string, options: ReadZoteroOptions): AsyncGenerator<ZoteroLibraryItem> {
  const fieldsTable = tableExists(db, 'fieldsCombined') ? 'fieldsCombined' : 'fields';
  const typesTable = tableExists(db, 'itemTypesCombined') ? 'itemTypesCombined' : 'itemTypes';
  const hasDeleted = tableExists(db, 'deletedItems');
  const deletedClause = hasDeleted ? 'AND i.itemID NOT IN (SELECT itemID FROM deletedItems)' : '';

  const collectionPaths = readCollectionPaths(db);
  const state = options.syncState ?? (options.stateDir ? openZoteroSyncState(options.stateDir, dataDir) : null);
  const meter = new ProgressMeter(options.onProgress);

  const items = rows(
    db,
    `SELECT i.itemID, i.key, i.libraryID, i.dateModified, t.typeName FROM items i JOIN ${typesTable} t ON t.itemTypeID = i.itemTypeID
     WHERE 1 = 1 ${deletedClause} ORDER BY i.itemID`,
  );
  const regular = items.filter((row) => !SKIPPED_TYPES.has(String(row[4])));
  meter.setTotal(regular.length);
  const standalonePdfs = rows(
    db,
    `SELECT COUNT(*) FROM itemAttachments a JOIN items i ON i.itemID = a.itemID WHERE a.parentItemID IS NULL AND a.contentType = 'application/pdf' ${deletedClause}`,
  )[0]?.[0];

  // One sorted pass per table, advanced in step with the item list (a merge join): no per-item
  // query, so the run is linear whether or not the database has Zotero's indexes.
  const fieldRows = new ItemCursor(
    db,
    `SELECT d.itemID, f.fieldName, v.value FROM itemData d JOIN ${fieldsTable} f ON f.fieldID = d.fieldID JOIN itemDataValues v ON v.valueID = d.valueID ORDER BY d.itemID`,
  );
  const creatorRows = new ItemCursor(
    db,
    `SELECT ic.itemID, c.firstName, c.lastName, c.fieldMode, ct.creatorType FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID
     JOIN creatorTypes ct ON ct.creatorTypeID = ic.creatorTypeID ORDER BY ic.itemID, ic.orderIndex`,
  );
  const tagRows = new ItemCursor(db, 'SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID ORDER BY it.itemID, t.name');
  const collectionRows = new ItemCursor(db, 'SELECT itemID, collectionID FROM collectionItems ORDER BY itemID');
  const attachmentRows = new ItemCursor(
    db,
    `SELECT a.parentItemID, i.key, a.linkMode, a.contentType, a.path FROM itemAttachments a JOIN items i ON i.itemID = a.itemID
     WHERE a.parentItemID IS NOT NULL ${deletedClause} ORDER BY a.parentItemID, a.itemID`,
  );
  const cursors = [fieldRows, creatorRows, tagRows, collectionRows, attachmentRows];

  const seen = new Set<string>();
  try {
    for (const [itemID, key, libraryID, dateModified, typeName] of regular) {
      options.signal?.throwIfAborted();
      const recordKey = `zotero:${String(libraryID)}/${String(key)}`;
      seen.add(recordKey);
      const id = Number(itemID);
      const fields = new Map(fieldRows.rowsFor(id).map((row) => [String(row[1]), String(row[2] ?? '')] as const));
      const creators = creatorRows.rowsFor(id).map((row) => ({
        name: Number(row[3]) === 1 ? String(row[2] ?? '') : [row[1], row[2]].filter((part) => part !== null && part !== '').join(' '),
        type: String(row[4]),
      }));
      const record = buildRecord(fields, creators, recordKey);
      record.tags = tagRows.rowsFor(id).map((row) => String(row[1]));
      record.collections = collectionRows
        .rowsFor(id)
        .map((row) => collectionPaths.get(Number(row[1])) ?? `collection ${String(row[1])}`)
        .sort();
      const attachments = attachmentRows.rowsFor(id).map((row) => ({ key: String(row[1]), linkMode: Number(row[2]), contentType: row[3] === null ? '' : String(row[3]), path: row[4] === null ? '' : String(row[4]) }));
      const pdf = attachments.find((a) => (a.contentType === 'application/pdf' || /\.pdf$/i.test(a.path)) && attachmentPath(dataDir, a) !== null);
      const filePath = pdf ? attachmentPath(dataDir, pdf) : null;
      if (filePath) record.filePath = filePath;

      const fingerprint = createHash('sha1').update(String(dateModified)).update(JSON.stringify(record)).digest('hex').slice(0, 20);
      if (!options.full && state?.isDone(recordKey, fingerprint)) {
        meter.tick(true);
        continue;
      }
      if (!record.title) {
        yield { kind: 'problem', problem: problemOf(dbPath, 'error', `Zotero item ${String(key)} (${String(typeName)}) has no title: skipped`, recordKey) };
      } else {
        if (filePath && !fs.existsSync(filePath)) {
          yield { kind: 'problem', problem: problemOf(dbPath, 'warning', `its PDF ${filePath} is not on this machine (not synced yet?)`, record.title) };
        }
        if (!record.abstract) yield { kind: 'problem', problem: problemOf(dbPath, 'warning', 'no abstract: imported title-only', record.title) };
        yield { kind: 'record', record };
      }
      options.signal?.throwIfAborted();
      state?.record(recordKey, fingerprint);
      meter.tick();
    }
    if (state) {
      for (const recordKey of state.keys()) {
        if (seen.has(recordKey)) continue;
        yield { kind: 'removed', recordKey };
        state.forget(recordKey);
      }
    }
    if (Number(standalonePdfs) > 0) {
      yield {
        kind: 'problem',
        problem: problemOf(dbPath, 'warning', `${String(standalonePdfs)} PDF(s) in Zotero have no parent item and were not imported; import Zotero's storage folder as a PDF folder to read them`),
      };
    }
    meter.finish();
  } finally {
    for (const cursor of cursors) cursor.free();
    // Only what was committed is written; in manual mode the caller commits after storing.
    state?.flush();
  }
}

/** Rows of one query sorted by item id (first column), handed out item by item in ascending order. */
class ItemCursor {
  private readonly statement: ReturnType<Database['prepare']>;
  private current: SqlValue[] | null = null;
  private done = false;

  constructor(db: Database, sql: string) {
    this.statement = db.prepare(sql);
  }

  /** The rows of `itemID`; ids must be asked for in ascending order. Rows of skipped ids are dropped. */
  rowsFor(itemID: number): SqlValue[][] {
    const rows: SqlValue[][] = [];
    for (;;) {
      if (!this.current && !this.done) {
        if (this.statement.step()) this.current = this.statement.get();
        else this.done = true;
      }
      if (!this.current) return rows;
      const id = Number(this.current[0]);
      if (id > itemID) return rows;
      if (id === itemID) rows.push(this.current);
      this.current = null;
    }
  }

  free(): void {
    this.statement.free();
  }
}

function buildRecord(fields: Map<string, string>, creators: { name: string; type: string }[], recordKey: string): LibraryRecord {
  const record = emptyLibraryRecord();
  const field = (name: TextField) => (fields.get(name) ?? '').trim();
  record.recordKey = recordKey;
  record.title = field('title').replace(/\s+/g, ' ');
  record.abstract = field('abstractNote');
  const authors = creators.filter((c) => c.type === 'author');
  record.authors = (authors.length > 0 ? authors : creators).map((c) => c.name.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const date = parseZoteroDate(field('date'));
  record.year = date.year;
  record.date = date.date;
  record.doi = normaliseDoi(field('DOI'));
  record.url = field('url') || null;
  record.venue = field('publicationTitle') || field('proceedingsTitle') || field('conferenceName') || field('bookTitle') || field('websiteTitle') || field('repository') || null;
  record.arxivId =
    (record.doi ? parseArxivId(record.doi) : null) ??
    parseArxivId(field('archiveID')) ??
    parseArxivId(field('url')) ??
    field('extra')
      .split('\n')
      .map((line) => parseArxivId(line))
      .find((id) => id !== null) ??
    null;
  // arXiv's own DOI says nothing the arXiv id does not.
  if (record.doi?.startsWith('10.48550/')) record.doi = null;
  // Zotero 7 stores the citation key in its own field; Better BibTeX pins it in Extra.
  const citationKey = field('citationKey') || /^\s*citation key\s*:\s*(\S+)\s*$/im.exec(field('extra'))?.[1];
  if (citationKey) record.citationKey = citationKey;
  return record;
}

/** Zotero stores dates as "yyyy-mm-dd original text", with 00 for unknown parts. */
export function parseZoteroDate(value: string): { year: number | null; date: string | null } {
  const sql = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (sql) {
    const year = Number(sql[1]) || null;
    const full = sql[2] !== '00' && sql[3] !== '00' ? `${sql[1]}-${sql[2]}-${sql[3]}` : null;
    return { year, date: year ? full : null };
  }
  const year = /\b(1[5-9]\d\d|20\d\d)\b/.exec(value);
  return { year: year ? Number(year[1]) : null, date: null };
}

function readCollectionPaths(db: Database): Map<number, string> {
  const byId = new Map<number, { name: string; parent: number | null }>();
  for (const [id, name, parent] of rows(db, 'SELECT collectionID, collectionName, parentCollectionID FROM collections')) {
    byId.set(Number(id), { name: String(name), parent: parent === null || parent === undefined ? null : Number(parent) });
  }
  const paths = new Map<number, string>();
  for (const id of byId.keys()) {
    const names: string[] = [];
    const visited = new Set<number>();
    for (let at: number | null = id; at !== null && !visited.has(at); ) {
      visited.add(at);
      const collection = byId.get(at);
      if (!collection) break;
      names.unshift(collection.name);
      at = collection.parent;
    }
    paths.set(id, names.join(' / '));
  }
  return paths;
}

/** Zotero link modes: 0 imported file, 1 imported URL (both in storage/<key>/), 2 linked file, 3 linked URL. */
function attachmentPath(dataDir: string, attachment: { key: string; linkMode: number; path: string }): string | null {
  if ((attachment.linkMode === 0 || attachment.linkMode === 1) && attachment.path.startsWith('storage:')) {
    return path.join(dataDir, 'storage', attachment.key, attachment.path.slice('storage:'.length));
  }
  // "attachments:" paths are relative to a base folder kept in Zotero's preferences, not the database.
  if (attachment.linkMode === 2 && path.isAbsolute(attachment.path)) return attachment.path;
  return null;
}
