import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacetEventEmitter } from '../../../src-main/core/service/events.ts';
import { LibraryWriteQueue } from '../../../src-main/core/service/library-writes.ts';
import { PaperStore, type NewPaper } from '../../../src-main/core/store/index.ts';
import { LibraryLock, WRITER_LOCK_FILE } from '../../../src-main/core/store/library-lock.ts';

function paper(n: number): NewPaper {
  const vec = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
  return {
    id: `p${n}`,
    title: `Paper ${n}`,
    abstract: 'About retrieval.',
    authors: [],
    year: null,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    sourceFile: null,
    sourceLine: null,
    normTitle: `paper ${n}`,
    terms: { task: [], method: [], dataset: [] },
    dedupKeys: [`title:paper ${n}`],
    vectors: { generic: vec, task: vec, method: vec, dataset: vec },
  };
}

let dir: string;
let store: PaperStore;
let writes: LibraryWriteQueue;
let events: FacetEventEmitter;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-writes-'));
  events = new FacetEventEmitter();
  writes = new LibraryWriteQueue({ lock: new LibraryLock(dir, { staleMs: 60_000, heartbeatMs: 20 }), events, isClosing: () => false, waitMs: 300 });
  store = (await PaperStore.open(dir, { id: 'm', dims: 4 }, { exclusive: (purpose, write) => writes.exclusive(purpose, write) })).store;
  writes.attach(store);
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('library write queue', () => {
  it('commits only inside a queued write holding the lock', async () => {
    await expect(store.addPapers([paper(1)])).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('without its writer lock') });
    await writes.run(async () => {
      expect(JSON.parse(fs.readFileSync(path.join(dir, WRITER_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'import' });
      await store.addPapers([paper(1)]);
    }, 'import');
    expect(fs.existsSync(path.join(dir, WRITER_LOCK_FILE))).toBe(false);
    expect(await store.count()).toBe(1);
  });

  it('stops a write whose lock another process took over, before its next commit', async () => {
    const attempt = writes.run(async () => {
      await store.addPapers([paper(1)]);
      // Another process decided this one was stuck and took the lock over.
      fs.writeFileSync(path.join(dir, WRITER_LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', token: 'theirs', purpose: 'import', startedAt: '', heartbeatAt: new Date().toISOString() }));
      await store.addPapers([paper(2)]);
    });
    await expect(attempt).rejects.toMatchObject({ code: 'BUSY', message: expect.stringContaining('took over') });
    expect(await store.count()).toBe(1);
    fs.rmSync(path.join(dir, WRITER_LOCK_FILE));
  });

  it('waits for another writer with an event naming it, then fails with BUSY at the limit', async () => {
    const other = new LibraryLock(dir).tryAcquire('merge')!;
    const waits: string[] = [];
    events.on('library.onDidWaitForWriter', (wait) => waits.push(wait.message));
    await expect(writes.run(async () => store.addPapers([paper(1)]))).rejects.toMatchObject({ code: 'BUSY' });
    expect(waits[0]).toContain(`process ${process.pid} (merge`);
    // Upkeep that can wait is skipped rather than queued behind the other writer.
    expect(await writes.runIfFree('upkeep', async () => 'ran')).toEqual({ skipped: true });
    other.release();
    expect(await writes.runIfFree('upkeep', async () => 'ran')).toEqual({ skipped: false, result: 'ran' });
    expect(await store.count()).toBe(0);
  });
});
