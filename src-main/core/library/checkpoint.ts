/**
 * The resume point of a folder scan: which files are done, by path + mtime + size. A file counts as
 * done once the consumer of the scan has taken its item and asked for the next one, so a crash or a
 * cancel loses at most the item in hand. The state is one JSON file, rewritten atomically at most
 * every `flushIntervalMs` and on `flush()`; a changed file (new mtime or size) is scanned again.
 */
import { readJsonOrNull, writeJsonAtomic } from './atomic-file.ts';

interface CheckpointFile {
  version: 1;
  /** path -> "mtimeMs:size" */
  done: Record<string, string>;
}

export class FileCheckpoint {
  private readonly done = new Map<string, string>();
  private dirty = false;
  private lastFlush = 0;

  private constructor(
    readonly file: string,
    private readonly flushIntervalMs: number,
  ) {}

  /** Loads the checkpoint at `file`, or starts an empty one. Throws when the file is not a checkpoint. */
  static open(file: string, flushIntervalMs = 2000): FileCheckpoint {
    const checkpoint = new FileCheckpoint(file, flushIntervalMs);
    const stored = readJsonOrNull(file);
    if (stored !== null) {
      const parsed = stored as Partial<CheckpointFile>;
      if (parsed.version !== 1 || typeof parsed.done !== 'object' || parsed.done === null) {
        throw new Error(`${file} is not a Facet scan checkpoint (version 1); delete it to start over`);
      }
      for (const [filePath, stamp] of Object.entries(parsed.done)) if (typeof stamp === 'string') checkpoint.done.set(filePath, stamp);
    }
    return checkpoint;
  }

  get size(): number {
    return this.done.size;
  }

  isDone(filePath: string, mtimeMs: number, size: number): boolean {
    return this.done.get(filePath) === stamp(mtimeMs, size);
  }

  markDone(filePath: string, mtimeMs: number, size: number): void {
    this.done.set(filePath, stamp(mtimeMs, size));
    this.dirty = true;
    const now = Date.now();
    if (now - this.lastFlush >= this.flushIntervalMs) this.flush(now);
  }

  flush(now = Date.now()): void {
    if (!this.dirty) return;
    const file: CheckpointFile = { version: 1, done: Object.fromEntries(this.done) };
    writeJsonAtomic(this.file, file);
    this.dirty = false;
    this.lastFlush = now;
  }
}

function stamp(mtimeMs: number, size: number): string {
  return `${Math.trunc(mtimeMs)}:${size}`;
}
