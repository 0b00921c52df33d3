import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacetError } from '../../../src-main/common/contract.ts';
import { LibraryLock, WRITER_LOCK_FILE, type LockHolder, type LockWait } from '../../../src-main/core/store/library-lock.ts';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-lock-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A pid that surely is not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeHolder(holder: Partial<LockHolder>): void {
  const now = new Date().toISOString();
  const full: LockHolder = { pid: process.pid, host: os.hostname(), token: 'other', purpose: 'import', startedAt: now, heartbeatAt: now, ...holder };
  fs.writeFileSync(path.join(dir, WRITER_LOCK_FILE), JSON.stringify(full));
}

describe('library writer lock', () => {
  it('holds owner pid, host, purpose and a heartbeat, and is removed on release', async () => {
    const lock = new LibraryLock(dir, { staleMs: 1_000, heartbeatMs: 50 });
    const held = lock.tryAcquire('import');
    expect(held).not.toBeNull();
    const first = lock.holder()!;
    expect(first).toMatchObject({ pid: process.pid, host: os.hostname(), purpose: 'import' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = lock.holder()!;
    expect(later.token).toBe(first.token);
    expect(Date.parse(later.heartbeatAt)).toBeGreaterThan(Date.parse(first.heartbeatAt));
    expect(held!.isHeld()).toBe(true);
    // No draft or heartbeat files are left beside it.
    expect(fs.readdirSync(dir)).toEqual([WRITER_LOCK_FILE]);
    held!.release();
    expect(lock.holder()).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a second writer while a live one holds it', () => {
    const lock = new LibraryLock(dir);
    const held = lock.tryAcquire('import')!;
    expect(new LibraryLock(dir).tryAcquire('merge')).toBeNull();
    held.release();
    const next = new LibraryLock(dir).tryAcquire('merge');
    expect(next).not.toBeNull();
    next!.release();
  });

  it('takes over a lock whose owner process is gone', () => {
    writeHolder({ pid: deadPid() });
    const held = new LibraryLock(dir).tryAcquire('import');
    expect(held).not.toBeNull();
    expect(new LibraryLock(dir).holder()!.pid).toBe(process.pid);
    held!.release();
  });

  it('takes over a lock whose heartbeat is stale, even with a live pid', () => {
    writeHolder({ heartbeatAt: new Date(Date.now() - 10_000).toISOString() });
    const held = new LibraryLock(dir, { staleMs: 5_000 }).tryAcquire('import');
    expect(held).not.toBeNull();
    held!.release();
  });

  it('an owner whose lock was taken over knows it no longer holds it', async () => {
    const held = new LibraryLock(dir, { staleMs: 60_000, heartbeatMs: 30 }).tryAcquire('import')!;
    writeHolder({ token: 'newcomer' });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(held.isHeld()).toBe(false);
    held.release();
    // Release leaves the newcomer's lock alone.
    expect(new LibraryLock(dir).holder()!.token).toBe('newcomer');
  });

  it('waits with a message naming the writing process, and gets the lock when it is released', async () => {
    const owner = new LibraryLock(dir).tryAcquire('import')!;
    const waits: LockWait[] = [];
    setTimeout(() => owner.release(), 300);
    const started = Date.now();
    const held = await new LibraryLock(dir).acquire({ purpose: 'merge', waitMs: 5_000, onWait: (wait) => waits.push(wait) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits[0]!.message).toContain(`the library is being updated by process ${process.pid}`);
    expect(waits[0]!.holder!.purpose).toBe('import');
    held.release();
  });

  it('gives up after the wait limit with BUSY', async () => {
    const owner = new LibraryLock(dir).tryAcquire('import')!;
    const attempt = new LibraryLock(dir).acquire({ purpose: 'merge', waitMs: 200 });
    await expect(attempt).rejects.toBeInstanceOf(FacetError);
    await expect(attempt).rejects.toMatchObject({ code: 'BUSY', message: expect.stringContaining(`process ${process.pid}`) });
    owner.release();
  });

  it('a lock file with content no Facet writes (torn by hand) is taken over once it is old', () => {
    fs.writeFileSync(path.join(dir, WRITER_LOCK_FILE), '{"pid": 12');
    expect(new LibraryLock(dir).tryAcquire('import')).toBeNull();
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, WRITER_LOCK_FILE), old, old);
    const held = new LibraryLock(dir).tryAcquire('import');
    expect(held).not.toBeNull();
    held!.release();
  });
});
