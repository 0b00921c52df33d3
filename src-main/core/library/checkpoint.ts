/**
 * The resume point of a folder scan: which files are done, by path + mtime + size (a changed file
 * is scanned again). A ResumeLedger underneath: auto-commit by default (a file is done once the
 * consumer asks for the item after it); `autoCommit: false` + `commit()` for batch writers.
 */
import { ResumeLedger } from './resume-ledger.ts';

export interface FileCheckpointOptions {
  autoCommit?: boolean;
  flushIntervalMs?: number;
}

export class FileCheckpoint {
  private constructor(private readonly ledger: ResumeLedger) {}

  /** Loads the checkpoint at `file`, or starts an empty one. Throws when the file is not a checkpoint. */
  static open(file: string, options: FileCheckpointOptions = {}): FileCheckpoint {
    return new FileCheckpoint(ResumeLedger.open(file, { ...options, label: 'scan checkpoint' }));
  }

  get file(): string {
    return this.ledger.file;
  }

  /** Files committed as done. */
  get size(): number {
    return this.ledger.size;
  }

  isDone(filePath: string, mtimeMs: number, size: number): boolean {
    return this.ledger.isDone(filePath, stamp(mtimeMs, size));
  }

  markDone(filePath: string, mtimeMs: number, size: number): void {
    this.ledger.record(filePath, stamp(mtimeMs, size));
  }

  /** The point reached by the files marked so far, for a later `commit(mark)`. */
  mark(): number {
    return this.ledger.mark();
  }

  /** Makes the files marked up to `through` (a `mark()`; all so far by default) durable (needed only with autoCommit: false). */
  commit(through?: number): void {
    this.ledger.commit(through);
  }

  flush(): void {
    this.ledger.flush();
  }
}

function stamp(mtimeMs: number, size: number): string {
  return `${Math.trunc(mtimeMs)}:${size}`;
}
