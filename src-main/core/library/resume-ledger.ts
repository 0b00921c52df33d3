/**
 * What a long import has finished, so a restart continues where it stopped: a map from a unit's key
 * (a file path, a Zotero item) to a stamp of the version that was handled (mtime + size, a
 * fingerprint). Kept in one JSON file written atomically.
 *
 * Auto-commit (the default) treats a unit as finished when the reader records it, which the readers
 * do once the consumer asks for the next item. A consumer that stores in batches opens the ledger
 * with `autoCommit: false` and calls `commit()` after each batch is durably stored: units recorded
 * since the last commit are then redone after a crash instead of being lost. A consumer that reads
 * ahead of its writes takes a `mark()` where a batch ends and commits only through that mark once
 * the batch is stored.
 */
import { readJsonOrNull, writeJsonAtomic } from '../util/atomic-file.ts';

export interface ResumeLedgerOptions {
  autoCommit?: boolean;
  /** Minimum time between two writes of the file while recording (default 2000 ms). */
  flushIntervalMs?: number;
  /** What the ledger is about (a folder, a database path); a stored ledger about something else starts empty. */
  subject?: string;
  /** Names the kind of state in error messages, e.g. "scan checkpoint". */
  label?: string;
}

interface LedgerFile {
  version: 1;
  subject?: string;
  done: Record<string, string>;
}

export class ResumeLedger {
  private readonly done = new Map<string, string>();
  /** Changes recorded but not committed, oldest first; a null stamp forgets the key. */
  private readonly staged: { key: string; stamp: string | null }[] = [];
  /** How many recorded changes were committed before staged[0]: marks count from the ledger's opening. */
  private committedChanges = 0;
  private dirty = false;
  private lastFlush = 0;
  readonly autoCommit: boolean;

  private constructor(
    readonly file: string,
    private readonly options: ResumeLedgerOptions,
  ) {
    this.autoCommit = options.autoCommit ?? true;
  }

  /** Loads the ledger at `file`, or starts an empty one. Throws (naming the file) when it is not a ledger. */
  static open(file: string, options: ResumeLedgerOptions = {}): ResumeLedger {
    const ledger = new ResumeLedger(file, options);
    const stored = readJsonOrNull(file) as Partial<LedgerFile> | null;
    if (stored === null) return ledger;
    if (stored.version !== 1 || typeof stored.done !== 'object' || stored.done === null) {
      throw new Error(`${file} is not a Facet ${options.label ?? 'resume state'} (version 1); delete it to start over`);
    }
    if (options.subject !== undefined && stored.subject !== options.subject) return ledger;
    for (const [key, stamp] of Object.entries(stored.done)) if (typeof stamp === 'string') ledger.done.set(key, stamp);
    return ledger;
  }

  /** Committed units. */
  get size(): number {
    return this.done.size;
  }

  isDone(key: string, stamp: string): boolean {
    return this.done.get(key) === stamp;
  }

  /** Keys committed as done (a copy). */
  keys(): string[] {
    return [...this.done.keys()];
  }

  /** Records a unit as handled (committed at once in auto-commit mode). */
  record(key: string, stamp: string): void {
    this.staged.push({ key, stamp });
    if (this.autoCommit) this.commitStaged(false);
  }

  /** Records a unit as gone (a deleted Zotero item). */
  forget(key: string): void {
    this.staged.push({ key, stamp: null });
    if (this.autoCommit) this.commitStaged(false);
  }

  /** The point reached by the changes recorded so far, for a later `commit(mark)`. */
  mark(): number {
    return this.committedChanges + this.staged.length;
  }

  /** Makes the changes recorded up to `through` (a `mark()`; everything by default) durable. */
  commit(through: number = this.mark()): void {
    this.commitStaged(true, through);
  }

  /** Writes the committed state now if it changed. */
  flush(): void {
    if (!this.dirty) return;
    const file: LedgerFile = { version: 1, done: Object.fromEntries(this.done) };
    if (this.options.subject !== undefined) file.subject = this.options.subject;
    writeJsonAtomic(this.file, file);
    this.dirty = false;
    this.lastFlush = Date.now();
  }

  private commitStaged(force: boolean, through: number = this.mark()): void {
    const count = Math.max(0, Math.min(this.staged.length, through - this.committedChanges));
    for (const { key, stamp } of this.staged.splice(0, count)) {
      if (stamp === null) this.done.delete(key);
      else this.done.set(key, stamp);
      this.dirty = true;
    }
    this.committedChanges += count;
    if (force || Date.now() - this.lastFlush >= (this.options.flushIntervalMs ?? 2000)) this.flush();
  }
}
