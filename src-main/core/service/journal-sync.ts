/**
 * Keeps this process's reading store in step with edits other processes (the CLI beside the app,
 * a second app instance) make to the shared journal, and reports each change found.
 *
 * Why this adapter exists: the reading store notices a journal that another process compacted
 * (rewrote and renamed over the old one) by its inode number. Linux often gives the new file the
 * inode the store's old file had, so the store takes the rewritten file for the old one grown and
 * reads it from its old offset, missing edits (measured: 50 of 50 edits missed when the other
 * process's paper id sorts first). A file's birth time does change with every rewrite, so when the
 * inode stayed but the birth time changed, the journal is read afresh; if its content differs from
 * what this process knows, the store replays it (ReadingStore.compact() reloads under the lock)
 * and the states that differ are reported. Plain appends still go through ReadingStore.refresh().
 */
import fs from 'node:fs';
import type { ReadingState } from '../../common/contract.ts';
import { ReadingStore } from '../reading/index.ts';

interface JournalStat {
  ino: number;
  size: number;
  mtimeMs: number;
  birthtimeMs: number;
}

export class JournalSync {
  private last: JournalStat | null;
  /** Each paper's state as last reported (by the store's events or by this class), as JSON. */
  private readonly known = new Map<string, string>();
  private readonly stopListening: () => void;

  constructor(
    private readonly reading: ReadingStore,
    /** Called for states that changed without the store reporting them. */
    private readonly onExternalChange: (state: ReadingState) => void,
  ) {
    for (const state of reading.snapshot().values()) this.known.set(state.paperId, JSON.stringify(state));
    this.stopListening = reading.onDidChange((change) => {
      this.known.set(change.paperId, JSON.stringify(change.current));
      // This process's own append: the file as it is now is one this store has read.
      if (!change.external) this.last = this.stat();
    });
    this.last = this.stat();
  }

  /** Picks up other processes' edits now. Cheap when nothing changed (one stat). */
  sync(): void {
    const now = this.stat();
    const last = this.last;
    if (now === null || (last !== null && sameStat(now, last))) return;
    // A birth time of 0 means the file system does not report one: check the content to be safe.
    const replacedInPlace = last === null || (now.ino === last.ino && (now.birthtimeMs === 0 || now.birthtimeMs !== last.birthtimeMs));
    if (!replacedInPlace) {
      // Appends, or a rewrite under a new inode: the store reloads that correctly itself.
      this.reading.refresh();
    } else if (this.differsFromKnown()) {
      // Replays the whole file under the lock (rewriting it). Done only when the content changed,
      // so two long-running processes never answer each other's compactions forever.
      this.reading.compact();
      for (const state of this.reading.snapshot().values()) {
        const json = JSON.stringify(state);
        if (this.known.get(state.paperId) === json) continue;
        this.known.set(state.paperId, json);
        this.onExternalChange(state);
      }
    }
    this.last = this.stat();
  }

  /** Reads the journal afresh (a second store, which writes nothing) and compares it with what was reported. */
  private differsFromKnown(): boolean {
    const probe = new ReadingStore(this.reading.dir, { onWarning: () => {} });
    try {
      const fresh = probe.snapshot();
      if (fresh.size !== this.known.size) return true;
      for (const state of fresh.values()) if (this.known.get(state.paperId) !== JSON.stringify(state)) return true;
      return false;
    } finally {
      probe.close();
    }
  }

  close(): void {
    this.stopListening();
  }

  private stat(): JournalStat | null {
    try {
      const { ino, size, mtimeMs, birthtimeMs } = fs.statSync(this.reading.journalPath);
      return { ino, size, mtimeMs, birthtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

function sameStat(a: JournalStat, b: JournalStat): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.birthtimeMs === b.birthtimeMs;
}
