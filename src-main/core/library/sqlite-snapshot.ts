/**
 * A consistent, read-only snapshot of an SQLite database that another program (Zotero) may have
 * open. Nothing is ever written next to the original: the database and its -wal / -journal files
 * are copied to a temporary folder, and the snapshot bytes are built in memory from the copies.
 *
 * - WAL mode: committed frames of the -wal copy are applied to the page image (salts and checksums
 *   checked, frames after the last commit ignored), and the header is switched back to rollback
 *   mode, so an in-memory SQLite (sql.js) reads exactly what a reader of the live file would.
 * - Rollback journal present (a write in progress, or a crashed writer): the original pages saved in
 *   the journal are put back, which is what SQLite's own hot-journal rollback does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SqliteSnapshot {
  bytes: Uint8Array;
  /** What was done to get a consistent image, for logs and problem reports. */
  notes: string[];
}

/** Reads `dbPath` into memory, copying it (and its side files) first when a side file exists. */
export function readSqliteSnapshot(dbPath: string): SqliteSnapshot {
  const walPath = `${dbPath}-wal`;
  const journalPath = `${dbPath}-journal`;
  const hasWal = fileSize(walPath) > 0;
  const hasJournal = fileSize(journalPath) > 0;
  if (!hasWal && !hasJournal) return { bytes: new Uint8Array(fs.readFileSync(dbPath)), notes: [] };

  const notes: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-sqlite-'));
  try {
    const copy = path.join(dir, 'db.sqlite');
    fs.copyFileSync(dbPath, copy);
    let bytes: Uint8Array = new Uint8Array(fs.readFileSync(copy));
    if (hasJournal) {
      fs.copyFileSync(journalPath, `${copy}-journal`);
      const restored = rollbackJournal(bytes, new Uint8Array(fs.readFileSync(`${copy}-journal`)));
      notes.push(restored === null ? 'a rollback journal was present but not hot (ignored)' : `rolled back ${restored.pages} page(s) from an unfinished write (read from a copy)`);
      if (restored) bytes = restored.bytes;
    }
    if (hasWal) {
      fs.copyFileSync(walPath, `${copy}-wal`);
      const applied = applyWal(bytes, new Uint8Array(fs.readFileSync(`${copy}-wal`)));
      notes.push(`applied ${applied.frames} committed WAL frame(s) (read from a copy)`);
      bytes = applied.bytes;
    }
    return { bytes, notes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

const WAL_HEADER = 32;
const WAL_FRAME_HEADER = 24;

/** The database image with the WAL's committed frames applied, in rollback-journal mode. */
export function applyWal(db: Uint8Array, wal: Uint8Array): { bytes: Uint8Array; frames: number } {
  if (wal.length < WAL_HEADER) return { bytes: toRollbackMode(db), frames: 0 };
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) throw new Error('the -wal file is not an SQLite write-ahead log');
  const bigEndian = (magic & 1) === 1;
  const pageSize = view.getUint32(8);
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  let [s0, s1] = walChecksum(wal.subarray(0, 24), 0, 0, bigEndian);
  if (s0 !== view.getUint32(24) || s1 !== view.getUint32(28)) return { bytes: toRollbackMode(db), frames: 0 };

  // Pages of frames seen since the last commit; applied only when a commit frame closes them.
  let pending = new Map<number, Uint8Array>();
  const committed = new Map<number, Uint8Array>();
  let dbPages = Math.floor(db.length / Math.max(pageSize, 1));
  let frames = 0;
  for (let at = WAL_HEADER; at + WAL_FRAME_HEADER + pageSize <= wal.length; at += WAL_FRAME_HEADER + pageSize) {
    if (view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) break;
    const page = wal.subarray(at + WAL_FRAME_HEADER, at + WAL_FRAME_HEADER + pageSize);
    [s0, s1] = walChecksum(wal.subarray(at, at + 8), s0, s1, bigEndian);
    [s0, s1] = walChecksum(page, s0, s1, bigEndian);
    if (s0 !== view.getUint32(at + 16) || s1 !== view.getUint32(at + 20)) break;
    pending.set(view.getUint32(at), page);
    const commitSize = view.getUint32(at + 4);
    if (commitSize > 0) {
      for (const [pageNumber, data] of pending) committed.set(pageNumber, data);
      frames += pending.size;
      pending = new Map();
      dbPages = commitSize;
    }
  }
  const out = new Uint8Array(dbPages * pageSize);
  out.set(db.subarray(0, Math.min(db.length, out.length)));
  for (const [pageNumber, data] of committed) if (pageNumber <= dbPages) out.set(data, (pageNumber - 1) * pageSize);
  return { bytes: toRollbackMode(out), frames };
}

function walChecksum(data: Uint8Array, s0: number, s1: number, bigEndian: boolean): [number, number] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i + 8 <= data.length; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/** Header bytes 18-19 say 2 in WAL mode; 1 lets an in-memory SQLite read the image without a WAL. */
function toRollbackMode(db: Uint8Array): Uint8Array {
  if (db.length >= 20 && (db[18] === 2 || db[19] === 2)) {
    db[18] = 1;
    db[19] = 1;
  }
  return db;
}

const JOURNAL_MAGIC = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/**
 * Puts back the original pages a rollback journal holds and restores the original size. A journal
 * is a series of segments, each a sector-sized header (magic, record count, checksum nonce, original
 * page count, sector size, page size) followed by records (page number, original page, checksum);
 * a record count of 0 in the last segment means "up to the end of the file". Null when the
 * journal is not hot (zeroed or foreign header).
 */
export function rollbackJournal(db: Uint8Array, journal: Uint8Array): { bytes: Uint8Array; pages: number } | null {
  if (!hasJournalMagic(journal, 0)) return null;
  const view = new DataView(journal.buffer, journal.byteOffset, journal.byteLength);
  const originalPages = view.getUint32(16);
  const sectorSize = view.getUint32(20) || 512;
  const pageSize = view.getUint32(24) || dbPageSize(db);
  if (!pageSize) return null;
  const recordSize = 4 + pageSize + 4;
  const out = new Uint8Array(originalPages * pageSize);
  out.set(db.subarray(0, Math.min(db.length, out.length)));
  const restoredPages = new Set<number>();
  let segment = 0;
  while (segment + 28 <= journal.length && hasJournalMagic(journal, segment)) {
    let records = view.getUint32(segment + 8);
    const nonce = view.getUint32(segment + 12);
    const first = segment + sectorSize;
    if (records === 0 || records === 0xffffffff) records = Math.floor((journal.length - first) / recordSize);
    let at = first;
    for (let n = 0; n < records && at + recordSize <= journal.length; n++, at += recordSize) {
      const pageNumber = view.getUint32(at);
      const page = journal.subarray(at + 4, at + 4 + pageSize);
      let sum = nonce;
      for (let i = pageSize - 200; i > 0; i -= 200) sum = (sum + page[i]!) >>> 0;
      if (sum !== view.getUint32(at + 4 + pageSize)) return finish(); // a torn record ends the journal, as in SQLite
      // Only a page's first record holds its original content.
      if (pageNumber >= 1 && pageNumber <= originalPages && !restoredPages.has(pageNumber)) {
        out.set(page, (pageNumber - 1) * pageSize);
        restoredPages.add(pageNumber);
      }
    }
    segment = Math.ceil(at / sectorSize) * sectorSize;
  }
  return finish();

  function finish() {
    return { bytes: out, pages: restoredPages.size };
  }
}

function hasJournalMagic(journal: Uint8Array, at: number): boolean {
  return journal.length >= at + 28 && JOURNAL_MAGIC.every((byte, i) => journal[at + i] === byte);
}

function dbPageSize(db: Uint8Array): number {
  if (db.length < 18) return 0;
  const raw = (db[16]! << 8) | db[17]!;
  return raw === 1 ? 65536 : raw;
}
