/**
 * The reading store: every paper's reading state, kept in `<dataDir>/reading/journal.jsonl`
 * beside (and independent of) the papers table.
 *
 * Durability and concurrency, as promised to callers:
 * - Each edit is one JSON line appended and fsync'd before `set` returns, so killing the process
 *   loses at most the edit being written. A torn last line (no newline, or not JSON) is ignored
 *   with a warning when the journal is replayed.
 * - Appends and compaction run under a cross-process lock file (lock.ts). Before appending, a
 *   writer reads what other writers appended since it last looked, and stamps its edit after
 *   everything it has seen; each field is last-write-wins by stamp (records.ts). Two windows or two
 *   processes editing the same paper therefore end in one defined state, the same for everyone.
 * - Compaction rewrites the journal as one line per paper into a temporary file, fsyncs it and
 *   renames it over the journal (atomic on POSIX), on open and on close.
 * - Another process's compaction is noticed by the journal's generation: every journal file starts
 *   with a header line carrying a random id of its own (records.ts). A reader keeps the generation
 *   and the byte count it has read; the same generation and a longer file mean appends (read from
 *   the old offset), anything else means a new file (replayed in full, and the differences
 *   reported). An inode or birth-time check cannot do this: Linux often gives the rewritten file
 *   the old one's inode, and not every file system reports a birth time.
 *
 * Methods are synchronous on purpose: in one process, two edits can never interleave.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { removeLeftoverTemps, tempPrefixFor } from './leftover-temps.ts';
import { acquireFileLock } from './lock.ts';
import { applyLine, decodeHeader, decodeLine, encodeHeader, encodeLine, entryLineFor, latestStampTime, toReadingState, JOURNAL_VERSION } from './records.ts';
import type { EditLine, PaperRecord } from './records.ts';
import { parsePaperId, parseReadingPatch } from './schema.ts';
import { READING_FIELDS } from './types.ts';
import type { ReadingChange, ReadingEditResult, ReadingPatch, ReadingState, ReadingStatus } from './types.ts';

export const READING_DIR = 'reading';
export const JOURNAL_FILE = 'journal.jsonl';
const LOCK_FILE = 'journal.lock';
/** A header line is about 60 bytes; reading this much always covers it. */
const HEADER_PROBE_BYTES = 256;

export interface OpenReadingStoreOptions {
  /** Identifies this writer in stamps; defaults to host-pid-random. */
  writerId?: string;
  /** Receives each warning (torn or unreadable journal lines). Defaults to console.warn. */
  onWarning?: (message: string) => void;
  /** Wall clock in ms; tests may pin it. */
  now?: () => number;
  /** How long an edit waits for another process's lock before failing. */
  lockTimeoutMs?: number;
}

export interface ReadingListFilter {
  /** Only these statuses. */
  status?: readonly ReadingStatus[];
  /** Only papers carrying this tag (exact, after NFC normalisation). */
  tag?: string;
  notRelevant?: boolean;
  /** Only papers with at least this rating. */
  minRating?: number;
}

export type ReadingChangeListener = (change: ReadingChange) => void;

/** Opens (creating if needed) the reading store under a data folder and compacts its journal. */
export function openReadingStore(dataDir: string, options: OpenReadingStoreOptions = {}): ReadingStore {
  return new ReadingStore(path.join(dataDir, READING_DIR), options);
}

export class ReadingStore {
  readonly dir: string;
  readonly journalPath: string;
  readonly writerId: string;
  /** Every warning raised since open, in order (also sent to onWarning). */
  readonly warnings: string[] = [];

  private readonly lockPath: string;
  private readonly now: () => number;
  private readonly onWarning: (message: string) => void;
  private readonly lockTimeoutMs: number;
  private records = new Map<string, PaperRecord>();
  private listeners = new Set<ReadingChangeListener>();
  /**
   * The generation of the journal file this store has read (null: no file, or an old file without a
   * header) and how many bytes of it (up to a newline).
   */
  private generation: string | null = null;
  private consumed = 0;
  /** The greatest stamp time seen; new edits are stamped after it. */
  private clock = 0;
  private seq = 0;
  private wroteSinceCompaction = false;
  private closed = false;

  constructor(dir: string, options: OpenReadingStoreOptions = {}) {
    this.dir = dir;
    this.journalPath = path.join(dir, JOURNAL_FILE);
    this.lockPath = path.join(dir, LOCK_FILE);
    this.writerId = options.writerId ?? `${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.now = options.now ?? Date.now;
    this.onWarning = options.onWarning ?? ((message) => console.warn(`[facet reading] ${message}`));
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    fs.mkdirSync(dir, { recursive: true });
    this.withLock(() => {
      const leftovers = removeLeftoverTemps(dir, JOURNAL_FILE);
      if (leftovers.length > 0) {
        this.warn(`removed ${leftovers.length} temporary journal file${leftovers.length === 1 ? '' : 's'} left by an interrupted compaction (${leftovers.join(', ')})`);
      }
      const needsCompaction = this.reload(true);
      if (needsCompaction) this.compactLocked();
    });
  }

  /** The paper's reading state, or null when it was never edited. Picks up other writers' edits first. */
  get(paperId: string): ReadingState | null {
    this.assertOpen();
    this.refresh();
    const record = this.records.get(paperId);
    return record ? toReadingState(record) : null;
  }

  /** Reading states matching the filter, most recently updated first. */
  list(filter: ReadingListFilter = {}): ReadingState[] {
    this.assertOpen();
    this.refresh();
    const tag = filter.tag?.normalize('NFC').trim();
    const states: ReadingState[] = [];
    for (const record of this.records.values()) {
      const state = toReadingState(record);
      if (filter.status && !filter.status.includes(state.status)) continue;
      if (tag !== undefined && !state.tags.includes(tag)) continue;
      if (filter.notRelevant !== undefined && state.notRelevant !== filter.notRelevant) continue;
      if (filter.minRating !== undefined && (state.rating ?? 0) < filter.minRating) continue;
      states.push(state);
    }
    return states.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.paperId.localeCompare(b.paperId)));
  }

  /** Every paper's state keyed by id (what the recommender takes). */
  snapshot(): Map<string, ReadingState> {
    this.assertOpen();
    this.refresh();
    const states = new Map<string, ReadingState>();
    for (const record of this.records.values()) states.set(record.paperId, toReadingState(record));
    return states;
  }

  /**
   * Applies an edit durably: when this returns, the edit is on disk (fsync'd). Throws on a bad
   * patch (FacetError BAD_REQUEST naming the field) or when another process holds the lock too long.
   */
  set(paperId: string, patch: ReadingPatch): ReadingEditResult {
    return this.setMany([paperId], patch)[0]!;
  }

  /**
   * The same edit for several papers, written as one append and one fsync under one lock (a bulk
   * action on 10,000 papers costs one fsync, not 10,000). Repeated ids are edited once. Either
   * every line is durable when this returns, or it throws; a crash mid-write keeps the lines
   * before the torn one.
   */
  setMany(paperIds: readonly string[], patch: ReadingPatch): ReadingEditResult[] {
    this.assertOpen();
    const ids = [...new Set(paperIds.map((id) => parsePaperId(id)))];
    const clean = parseReadingPatch(patch, ids.length === 1 ? `reading edit of ${ids[0]}` : `reading edit of ${ids.length} papers`);
    const results: ReadingEditResult[] = [];
    const externalChanges = this.withLock(() => {
      const changes = this.readNewLines();
      const lines: EditLine[] = [];
      for (const id of ids) {
        const at = Math.max(this.now(), this.clock + 1);
        this.clock = at;
        lines.push({ v: JOURNAL_VERSION, t: 'edit', id, at, by: this.writerId, seq: ++this.seq, set: clean });
      }
      if (lines.length > 0) this.append(lines.map(encodeLine).join(''));
      for (const line of lines) {
        const before = this.records.get(line.id);
        const previous = before ? toReadingState(before) : null;
        applyLine(this.records, line);
        const current = toReadingState(this.records.get(line.id)!);
        const undo: ReadingPatch = {};
        for (const field of READING_FIELDS) {
          if (!Object.hasOwn(clean, field)) continue;
          const old = previous ? previous[field] : undefined;
          (undo as Record<string, unknown>)[field] = old === undefined ? defaultFor(field) : old;
        }
        results.push({ previous, current, undo });
      }
      return changes;
    });
    for (const change of externalChanges) this.emit(change);
    for (const result of results) this.emit({ paperId: result.current.paperId, previous: result.previous, current: result.current, external: false });
    return results;
  }

  /** Picks up edits other processes appended (or a compaction they ran). Returns what changed. */
  refresh(): ReadingChange[] {
    this.assertOpen();
    const changes = this.readNewLines();
    for (const change of changes) this.emit(change);
    return changes;
  }

  /** Subscribes to changes (own edits and other writers' edits found by refresh). */
  onDidChange(listener: ReadingChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rewrites the journal as one line per paper (atomic temp + rename). */
  compact(): void {
    this.assertOpen();
    this.withLock(() => {
      this.reload(false);
      this.compactLocked();
    });
  }

  /** Compacts if this store wrote anything, then stops accepting calls. */
  close(): void {
    if (this.closed) return;
    if (this.wroteSinceCompaction) this.compact();
    this.closed = true;
    this.listeners.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`reading store at ${this.dir} is closed`);
  }

  private withLock<T>(work: () => T): T {
    const release = acquireFileLock(this.lockPath, this.lockTimeoutMs);
    try {
      return work();
    } finally {
      release();
    }
  }

  private emit(change: ReadingChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.onWarning(message);
  }

  /**
   * Replays the whole journal into fresh records. With `atOpen`, a trailing fragment without a
   * newline is a torn write from a killed process: it is warned about and dropped. Returns true
   * when the file is worth compacting (edit lines, bad lines or a torn tail).
   */
  private reload(atOpen: boolean): boolean {
    const records = new Map<string, PaperRecord>();
    let needsCompaction = false;
    let fd: number;
    try {
      fd = fs.openSync(this.journalPath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.records = records;
      this.generation = null;
      this.consumed = 0;
      return false;
    }
    try {
      const stat = fs.fstatSync(fd);
      const bytes = readRange(fd, 0, stat.size);
      const { lines, consumed, tail } = splitLines(bytes);
      const generation = lines.length > 0 ? decodeHeader(lines[0]!) : null;
      // A journal written before generations existed gets its header at the next compaction.
      if (generation === null && bytes.length > 0) needsCompaction = true;
      let lineNo = 0;
      for (const text of lines) {
        lineNo++;
        if (lineNo === 1 && generation !== null) continue;
        if (text.trim() === '') continue;
        try {
          const line = decodeLine(text);
          applyLine(records, line);
          if (line.t === 'edit') needsCompaction = true;
        } catch (error) {
          needsCompaction = true;
          this.warn(`${this.journalPath}:${lineNo}: skipped unreadable line: ${(error as Error).message}`);
        }
      }
      if (tail.length > 0 && atOpen) {
        needsCompaction = true;
        this.warn(`${this.journalPath}:${lineNo + 1}: ignored a torn last line (${tail.length} bytes without a newline; the edit being written when a process stopped)`);
      }
      this.records = records;
      this.generation = generation;
      this.consumed = consumed;
      for (const record of records.values()) this.clock = Math.max(this.clock, latestStampTime(record));
    } finally {
      fs.closeSync(fd);
    }
    return needsCompaction;
  }

  /**
   * Applies lines appended since the last read; replays the whole file when it is another one
   * (another generation, or shorter than what was read: replaced or truncated).
   */
  private readNewLines(): ReadingChange[] {
    let fd: number;
    try {
      fd = fs.openSync(this.journalPath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return [];
    }
    let stat: fs.Stats;
    try {
      stat = fs.fstatSync(fd);
      const sameFile = readGeneration(fd, stat.size) === this.generation;
      if (sameFile && stat.size === this.consumed) return [];
      if (sameFile && stat.size > this.consumed) {
        const { lines, consumed } = splitLines(readRange(fd, this.consumed, stat.size));
        const touched = new Map<string, ReadingState | null>();
        for (const text of lines) {
          if (text.trim() === '' || decodeHeader(text) !== null) continue;
          let line;
          try {
            line = decodeLine(text);
          } catch (error) {
            this.warn(`${this.journalPath}: skipped unreadable line: ${(error as Error).message}`);
            continue;
          }
          if (!touched.has(line.id)) {
            const before = this.records.get(line.id);
            touched.set(line.id, before ? toReadingState(before) : null);
          }
          applyLine(this.records, line);
          const record = this.records.get(line.id)!;
          this.clock = Math.max(this.clock, latestStampTime(record));
        }
        this.consumed += consumed;
        return [...touched].map(([paperId, previous]) => ({
          paperId,
          previous,
          current: toReadingState(this.records.get(paperId)!),
          external: true,
        }));
      }
    } finally {
      fs.closeSync(fd);
    }
    // Replaced by another process's compaction (or truncated): replay it all and diff.
    const before = new Map<string, ReadingState>();
    for (const record of this.records.values()) before.set(record.paperId, toReadingState(record));
    this.reload(false);
    const changes: ReadingChange[] = [];
    for (const record of this.records.values()) {
      const current = toReadingState(record);
      const previous = before.get(record.paperId) ?? null;
      if (!previous || JSON.stringify(previous) !== JSON.stringify(current)) {
        changes.push({ paperId: record.paperId, previous, current, external: true });
      }
    }
    return changes;
  }

  /**
   * Appends encoded lines and fsyncs; starts a new line first if a torn fragment ends the file, and
   * a new file (the first edit, or the journal was deleted) with a header of a new generation.
   */
  private append(text: string): void {
    const fd = fs.openSync(this.journalPath, 'a+');
    try {
      const stat = fs.fstatSync(fd);
      let buffer = Buffer.from(text, 'utf8');
      if (stat.size === 0) {
        const generation = newGeneration();
        buffer = Buffer.concat([Buffer.from(encodeHeader(generation), 'utf8'), buffer]);
        this.generation = generation;
      } else {
        const last = readRange(fd, stat.size - 1, stat.size);
        if (last[0] !== 0x0a) buffer = Buffer.concat([Buffer.from('\n'), buffer]);
      }
      writeAll(fd, buffer);
      fs.fsyncSync(fd);
      // readNewLines (under the same lock) saw everything before this append.
      this.consumed = stat.size + buffer.length;
    } finally {
      fs.closeSync(fd);
    }
    this.wroteSinceCompaction = true;
  }

  /**
   * Keeps its own temp + rename rather than util/atomic-file.ts: the journal is written line by
   * line (not built as one string), its temp name follows tempPrefixFor so the next open can
   * remove one a crash left behind, the bytes written become `consumed`, and the folder is
   * fsync'd after the rename so the new generation survives a power cut.
   */
  private compactLocked(): void {
    const temp = path.join(this.dir, `${tempPrefixFor(JOURNAL_FILE)}${process.pid}-${randomBytes(4).toString('hex')}`);
    const ids = [...this.records.keys()].sort();
    const generation = newGeneration();
    let written = 0;
    const fd = fs.openSync(temp, 'w');
    try {
      const header = Buffer.from(encodeHeader(generation), 'utf8');
      writeAll(fd, header);
      written += header.length;
      for (const id of ids) {
        const line = Buffer.from(encodeLine(entryLineFor(this.records.get(id)!)), 'utf8');
        writeAll(fd, line);
        written += line.length;
      }
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
      throw error;
    }
    fs.closeSync(fd);
    fs.renameSync(temp, this.journalPath);
    fsyncDirectory(this.dir);
    this.generation = generation;
    this.consumed = written;
    this.wroteSinceCompaction = false;
  }
}

function defaultFor(field: (typeof READING_FIELDS)[number]): unknown {
  switch (field) {
    case 'status':
      return 'none';
    case 'tags':
      return [];
    case 'note':
      return '';
    case 'rating':
      return null;
    case 'notRelevant':
      return false;
  }
}

/** A fresh generation id: 16 random hex digits, so two files never share one in practice. */
function newGeneration(): string {
  return randomBytes(8).toString('hex');
}

/** The generation named by the header line of the open journal, or null when it has none. */
function readGeneration(fd: number, size: number): string | null {
  const head = readRange(fd, 0, Math.min(size, HEADER_PROBE_BYTES));
  const newline = head.indexOf(0x0a);
  return newline < 0 ? null : decodeHeader(head.subarray(0, newline).toString('utf8'));
}

function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.alloc(end - start);
  let offset = 0;
  while (offset < buffer.length) {
    const read = fs.readSync(fd, buffer, offset, buffer.length - offset, start + offset);
    if (read === 0) break;
    offset += read;
  }
  return buffer.subarray(0, offset);
}

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
}

/** Complete lines (decoded as UTF-8), the bytes they span, and the trailing fragment without a newline. */
function splitLines(bytes: Buffer): { lines: string[]; consumed: number; tail: Buffer } {
  const lastNewline = bytes.lastIndexOf(0x0a);
  if (lastNewline < 0) return { lines: [], consumed: 0, tail: bytes };
  const complete = bytes.subarray(0, lastNewline).toString('utf8');
  return { lines: complete.split('\n'), consumed: lastNewline + 1, tail: bytes.subarray(lastNewline + 1) };
}

function fsyncDirectory(dir: string): void {
  // Makes the rename durable. Windows cannot open a directory for fsync; NTFS journals the rename.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
