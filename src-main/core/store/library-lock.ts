/**
 * The library's writer lock: one file, `writer.lock`, beside the LanceDB table, shared by every
 * process that opens the same library (CLI runs, the browser-mode server, the app).
 *
 * - Whoever writes the table (an import, a merge, stub filling, re-embedding, index upkeep) holds
 *   it for the whole run; readers never take it, so searching and listing go on meanwhile.
 * - The file holds JSON: owner pid, host, a random token, when the run started and a heartbeat
 *   that the owner refreshes every `heartbeatMs`. It is created with its content in place
 *   (written to a private file, then hard-linked to the lock name, which fails when the lock
 *   exists), so no other process ever reads half a lock.
 * - A lock whose owner is gone (same host, pid not running) or whose heartbeat is older than
 *   `staleMs` is taken over. Taking over is itself serialised by a short-lived `.takeover` file,
 *   so two waiters never remove each other's fresh lock.
 * - An owner that finds its lock replaced (it was paused past `staleMs`) marks it lost; the write
 *   guard then refuses further commits instead of writing beside the new owner.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FacetError } from '../../common/contract.ts';

export const WRITER_LOCK_FILE = 'writer.lock';

export interface LockHolder {
  pid: number;
  host: string;
  token: string;
  /** What the owner is doing ("import", "merge", "index repair", …). */
  purpose: string;
  startedAt: string;
  heartbeatAt: string;
}

export interface LockWait {
  holder: LockHolder | null;
  waitedMs: number;
  message: string;
}

export interface LibraryLockOptions {
  /** How often the owner refreshes its heartbeat (default 2 s). */
  heartbeatMs?: number;
  /** A heartbeat older than this means the owner is stuck or gone (default 30 s, or FACET_WRITER_STALE_MS). */
  staleMs?: number;
}

export interface AcquireOptions {
  purpose: string;
  /** Longest wait for another writer (default 10 min, or FACET_WRITER_WAIT_MS); then BUSY. */
  waitMs?: number;
  /** Called when the wait starts and then about every 5 s while it lasts. */
  onWait?: (wait: LockWait) => void;
  /** Stop waiting (and throw) when this turns true, e.g. the library is closing. */
  shouldStop?: () => boolean;
}

export interface HeldLock {
  readonly holder: LockHolder;
  /** False once another process has taken the lock over. */
  isHeld(): boolean;
  release(): void;
}

const DEFAULT_WAIT_MS = 10 * 60_000;
const DEFAULT_STALE_MS = 30_000;
const WAIT_REPORT_MS = 5_000;
/** A takeover file older than this was left by a process killed while taking over. */
const TAKEOVER_STALE_MS = 5_000;

export class LibraryLock {
  readonly file: string;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;

  constructor(libraryDir: string, options: LibraryLockOptions = {}) {
    this.file = path.join(libraryDir, WRITER_LOCK_FILE);
    this.staleMs = options.staleMs ?? envMs('FACET_WRITER_STALE_MS') ?? DEFAULT_STALE_MS;
    this.heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.min(2_000, Math.floor(this.staleMs / 5)));
  }

  /** The current owner, or null when nobody holds the lock (or its file is unreadable). */
  holder(): LockHolder | null {
    return parseHolder(readOrNull(this.file));
  }

  /** Takes the lock now, or returns null when a live writer holds it. */
  tryAcquire(purpose: string): HeldLock | null {
    for (let attempt = 0; attempt < 3; attempt++) {
      const held = this.create(purpose);
      if (held) return held;
      if (!this.takeOverIfStale()) return null;
    }
    return null;
  }

  /** Takes the lock, waiting for another writer up to `waitMs`; throws BUSY after that. */
  async acquire(options: AcquireOptions): Promise<HeldLock> {
    const waitMs = options.waitMs ?? envMs('FACET_WRITER_WAIT_MS') ?? DEFAULT_WAIT_MS;
    const started = Date.now();
    let lastReport = -Infinity;
    let pause = 25;
    for (;;) {
      const held = this.tryAcquire(options.purpose);
      if (held) return held;
      const waited = Date.now() - started;
      const holder = this.holder();
      if (waited >= waitMs) {
        throw new FacetError('BUSY', `${describeHolder(holder)}; gave up after waiting ${Math.round(waited / 1000)} s. Try again when it has finished.`);
      }
      if (options.shouldStop?.()) throw new FacetError('INTERNAL', 'the library is closing');
      if (Date.now() - lastReport >= WAIT_REPORT_MS) {
        lastReport = Date.now();
        options.onWait?.({ holder, waitedMs: waited, message: `${describeHolder(holder)}; waiting for it to finish…` });
      }
      await sleep(Math.min(pause, waitMs - waited));
      pause = Math.min(pause * 2, 250);
    }
  }

  private create(purpose: string): HeldLock | null {
    const now = new Date().toISOString();
    const holder: LockHolder = { pid: process.pid, host: os.hostname(), token: randomUUID(), purpose, startedAt: now, heartbeatAt: now };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const draft = `${this.file}.${holder.token}.new`;
    fs.writeFileSync(draft, JSON.stringify(holder));
    try {
      fs.linkSync(draft, this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
      throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
    return this.heldLock(holder);
  }

  private heldLock(holder: LockHolder): HeldLock {
    let held = true;
    const ours = () => parseHolder(readOrNull(this.file))?.token === holder.token;
    const timer = setInterval(() => {
      if (!ours()) {
        held = false;
        clearInterval(timer);
        return;
      }
      // Not util/atomic-file.ts: the lock is created by link (exclusive, which that helper cannot
      // do), and a heartbeat needs no fsync, since after a crash its holder is gone anyway.
      const beat = { ...holder, heartbeatAt: new Date().toISOString() };
      const draft = `${this.file}.${holder.token}.beat`;
      try {
        fs.writeFileSync(draft, JSON.stringify(beat));
        fs.renameSync(draft, this.file);
      } catch {
        // A missed heartbeat is retried on the next tick; staleMs allows several.
        fs.rmSync(draft, { force: true });
      }
    }, this.heartbeatMs);
    timer.unref();
    return {
      holder,
      isHeld: () => held && ours(),
      release: () => {
        clearInterval(timer);
        if (held && ours()) fs.rmSync(this.file, { force: true });
        held = false;
      },
    };
  }

  /** Removes the lock when its owner is gone; true when it was removed (or already gone). */
  private takeOverIfStale(): boolean {
    const content = readOrNull(this.file);
    if (content === null) return true;
    if (!this.isStale(content)) return false;
    const guard = `${this.file}.takeover`;
    try {
      fs.writeFileSync(guard, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another waiter is taking over; a guard left by a killed one expires.
      if (ageMs(guard) > TAKEOVER_STALE_MS) fs.rmSync(guard, { force: true });
      return false;
    }
    try {
      if (readOrNull(this.file) === content) fs.rmSync(this.file, { force: true });
      return true;
    } finally {
      fs.rmSync(guard, { force: true });
    }
  }

  private isStale(content: string): boolean {
    const holder = parseHolder(content);
    // Unparseable content cannot come from create() or a heartbeat (both replace whole files).
    if (holder === null) return ageMs(this.file) > TAKEOVER_STALE_MS;
    if (holder.host === os.hostname() && !processIsAlive(holder.pid)) return true;
    const beat = Date.parse(holder.heartbeatAt);
    return !Number.isFinite(beat) || Date.now() - beat > this.staleMs;
  }
}

export function describeHolder(holder: LockHolder | null): string {
  if (holder === null) return 'the library is being updated by another process';
  const where = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
  return `the library is being updated by process ${holder.pid}${where} (${holder.purpose}, since ${holder.startedAt})`;
}

function parseHolder(content: string | null): LockHolder | null {
  if (content === null || content.length === 0) return null;
  try {
    const value = JSON.parse(content) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.token !== 'string') return null;
    return {
      pid: value.pid,
      host: value.host,
      token: value.token,
      purpose: String(value.purpose ?? 'write'),
      startedAt: String(value.startedAt ?? ''),
      heartbeatAt: String(value.heartbeatAt ?? ''),
    };
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function envMs(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 && process.env[name] !== '' && process.env[name] !== undefined ? value : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
