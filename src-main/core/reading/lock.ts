/**
 * A lock file shared by every process that opens the same reading folder.
 *
 * Appends and compaction both run under it, so a compaction (which replaces the journal file) can
 * never drop an edit another process is appending. The lock file holds "pid host token"; a lock
 * whose process is gone (same host, pid not alive) is taken over, so a killed process never leaves
 * the reading list locked for good. Edits are human-scale, so a short spin-wait is fine.
 */
import fs from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';

const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(SLEEP_CELL, 0, 0, ms);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file with no content older than this was left by a process killed while creating it. */
const EMPTY_LOCK_STALE_MS = 5_000;

function isStale(lockPath: string, content: string): boolean {
  const [pidText, host] = content.split(' ');
  const pid = Number(pidText);
  if (!content || !Number.isInteger(pid) || pid <= 0) {
    try {
      return Date.now() - fs.statSync(lockPath).mtimeMs > EMPTY_LOCK_STALE_MS;
    } catch {
      return false;
    }
  }
  return host === os.hostname() && pid !== process.pid && !processIsAlive(pid);
}

function readOrEmpty(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Takes the lock (waiting up to `timeoutMs`) and returns the function that releases it. */
export function acquireFileLock(lockPath: string, timeoutMs = 10_000): () => void {
  const token = `${process.pid} ${os.hostname()} ${randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      try {
        fs.writeSync(fd, token);
      } finally {
        fs.closeSync(fd);
      }
      return () => {
        // Only remove the lock if it is still ours (it may have been taken over as stale).
        if (readOrEmpty(lockPath) === token) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readOrEmpty(lockPath);
    if (holder !== null && isStale(lockPath, holder)) {
      // Remove it only if nobody replaced it meanwhile.
      if (readOrEmpty(lockPath) === holder) fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(`reading store: ${lockPath} is held by another process (${holder ?? 'gone'}) for over ${timeoutMs} ms`);
    }
    sleepSync(wait);
    wait = Math.min(wait * 2, 20);
  }
}
