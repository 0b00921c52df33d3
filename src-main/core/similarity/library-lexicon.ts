/**
 * The lexical index of one open library, kept current with its store: before each use it compares
 * the table's version with the one it was built from, and on a change re-reads ids and texts,
 * indexing new and edited papers (by text fingerprint) and dropping deleted ones. Imports, deletions
 * and edits therefore reach the lexical scores without the writers having to know about this index.
 *
 * Persistence: after a refresh the index is written to a snapshot file in the library's folder
 * (lexical-snapshot.ts; atomically, in the background; `settled()` waits for it). A new process
 * loads that file instead of tokenizing every paper: when it was written at the table's current
 * version and row count it is used as it is, else it is the starting point of the incremental
 * refresh above, which then tokenizes only the papers whose text changed. A snapshot that cannot be
 * read whole is ignored and the index is built from the texts.
 */
import path from 'node:path';
import type { PaperStore } from '../store/index.ts';
import { LexicalIndex, textFingerprint } from './lexical-index.ts';
import { decodeSnapshot, encodeSnapshot, type SnapshotTag } from './lexical-snapshot.ts';
import { readFileOrNull, writeFileAtomic } from './snapshot-file.ts';

/** Papers indexed between two turns of the event loop. */
const YIELD_EVERY = 200;
/** The snapshot's name in the library folder. */
export const LEXICAL_SNAPSHOT_FILE = 'lexical-index.bin';

export interface LibraryLexiconOptions {
  /** Where the snapshot lives; null keeps the index in memory only. Default: the store's folder. */
  snapshotFile?: string | null;
}

/** How the last refresh got its index: for tests and the benchmark. */
export type RefreshSource = 'snapshot' | 'snapshot+texts' | 'texts';

export class LibraryLexicon {
  private index = new LexicalIndex();
  private builtFrom: number | null = null;
  private refreshing: Promise<LexicalIndex> | null = null;
  private warming: Promise<unknown> | null = null;
  private readonly snapshotFile: string | null;
  private snapshotTried = false;
  /** The tag of the snapshot on disk as far as this process knows (read or written by it). */
  private savedTag: SnapshotTag | null = null;
  private saving: Promise<void> = Promise.resolve();
  private lastSource: RefreshSource | null = null;

  constructor(
    private readonly store: PaperStore,
    options: LibraryLexiconOptions = {},
  ) {
    this.snapshotFile = options.snapshotFile === undefined ? path.join(store.dir, LEXICAL_SNAPSHOT_FILE) : options.snapshotFile;
  }

  /** How the index was last brought up to date (null before the first refresh). */
  get source(): RefreshSource | null {
    return this.lastSource;
  }

  /**
   * Starts bringing the index up to date without waiting for it. A failure is left for the next
   * `current()`, which retries the refresh and hands its error to that caller.
   */
  warmUp(): void {
    this.warming = this.current().catch(() => undefined);
  }

  /** Resolves once no refresh or snapshot write is running (whatever its outcome); the store may then be closed. */
  async settled(): Promise<void> {
    await this.warming;
    await this.refreshing?.catch(() => undefined);
    await this.saving;
  }

  /** The index, brought up to date with the store first. Concurrent callers share one refresh. */
  async current(): Promise<LexicalIndex> {
    const version = await this.store.tableVersion();
    if (version === this.builtFrom) return this.index;
    this.refreshing ??= this.refresh(version).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refresh(version: number): Promise<LexicalIndex> {
    const rows = await this.store.count();
    let fromSnapshot = false;
    if (!this.snapshotTried) {
      this.snapshotTried = true;
      const loaded = await this.loadSnapshot();
      if (loaded) {
        this.index = loaded.index;
        this.savedTag = loaded.tag;
        fromSnapshot = true;
        if (loaded.tag.tableVersion === version && loaded.tag.rows === rows && loaded.index.size === rows) {
          this.builtFrom = version;
          this.lastSource = 'snapshot';
          return this.index;
        }
      }
    }
    const changed = await this.catchUp();
    this.builtFrom = version;
    this.lastSource = fromSnapshot ? 'snapshot+texts' : 'texts';
    // The table moved on (vectors stored, say) even when no text changed: a new tag saves the next
    // process the scan of every text.
    if (changed || this.savedTag?.tableVersion !== version || this.savedTag.rows !== this.index.size) this.save({ tableVersion: version, rows: this.index.size });
    return this.index;
  }

  /** Brings the index to the store's texts; true when a paper was added, edited or removed. */
  private async catchUp(): Promise<boolean> {
    const seen = new Set<string>();
    let changed = false;
    let sinceYield = 0;
    for await (const { id, text } of this.store.texts()) {
      // Indexing is synchronous work between microtasks; give the event loop a turn now and then,
      // so requests that arrive meanwhile (the first page of the library at start-up) are answered
      // while a large library is being indexed, not after.
      if (++sinceYield === YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      seen.add(id);
      const fingerprint = textFingerprint(text);
      if (this.index.fingerprintOf(id) !== fingerprint) {
        this.index.upsert(id, text, fingerprint);
        changed = true;
      }
    }
    for (const id of [...this.index.ids()]) {
      if (seen.has(id)) continue;
      this.index.remove(id);
      changed = true;
    }
    return changed;
  }

  private async loadSnapshot(): Promise<{ index: LexicalIndex; tag: SnapshotTag } | null> {
    if (this.snapshotFile === null) return null;
    const bytes = await readFileOrNull(this.snapshotFile);
    if (bytes === null) return null;
    const decoded = decodeSnapshot(bytes);
    if ('rejected' in decoded) return null;
    try {
      return { index: LexicalIndex.fromState(decoded.state), tag: decoded.tag };
    } catch {
      return null;
    }
  }

  /**
   * Writes the index to the snapshot once this turn's answer has gone out, after any write already
   * under way. Skipped when another refresh has begun meanwhile (it saves its own). A failure only
   * costs the next process a rebuild.
   */
  private save(tag: SnapshotTag): void {
    const file = this.snapshotFile;
    if (file === null) return;
    this.savedTag = tag;
    const write = async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.refreshing !== null || this.builtFrom !== tag.tableVersion) return;
      // Encoded synchronously, so the file holds the index exactly at the version of its tag.
      await writeFileAtomic(file, encodeSnapshot(this.index.toState(), tag));
    };
    this.saving = this.saving.then(write).catch(() => undefined);
  }
}
