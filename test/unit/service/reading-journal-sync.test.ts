/**
 * JournalSync (service/journal-sync.ts): edits another process makes, then compacts away (the CLI
 * does this on every command), reach this process even when the rewritten journal gets the old
 * file's inode number back, which the reading store alone misses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadingState } from '../../../src-main/common/contract.ts';
import { openReadingStore, type ReadingStore } from '../../../src-main/core/reading/index.ts';
import { JournalSync } from '../../../src-main/core/service/journal-sync.ts';

let dir: string;
let app: ReadingStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-journal-sync-'));
  app = openReadingStore(dir, { onWarning: () => {} });
});

afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the CLI does: open (compacting), edit, close (compacting again). */
function otherProcessEdits(id: string, status: 'to-read' | 'read'): void {
  const cli = openReadingStore(dir, { onWarning: () => {} });
  try {
    cli.set(id, { status });
  } finally {
    cli.close();
  }
}

describe('JournalSync', () => {
  it('reports every edit of another process across 30 compactions, and changes nothing when nothing changed', () => {
    const reported: ReadingState[] = [];
    const storeEvents: string[] = [];
    app.onDidChange((change) => storeEvents.push(change.paperId));
    const sync = new JournalSync(app, (state) => reported.push(state));
    for (let round = 0; round < 30; round++) {
      // The app's own papers sort after the other process's, the case the store alone misses.
      app.set(`z-app-${round}`, { status: 'read', tags: [`round ${round}`] });
      const id = `a-cli-${String(round).padStart(2, '0')}`;
      otherProcessEdits(id, 'to-read');
      sync.sync();
      expect(app.get(id)?.status, `round ${round}`).toBe('to-read');
      const seen = [...reported.map((state) => state.paperId), ...storeEvents];
      expect(seen, `round ${round}`).toContain(id);
    }
    const before = fs.statSync(app.journalPath);
    sync.sync();
    sync.sync();
    const after = fs.statSync(app.journalPath);
    expect([after.ino, after.birthtimeMs, after.size]).toEqual([before.ino, before.birthtimeMs, before.size]);
    sync.close();
  });

  it('leaves a journal alone that another process only rewrote with the same content', () => {
    app.set('p1', { status: 'read' });
    const sync = new JournalSync(app, () => {
      throw new Error('nothing changed, nothing to report');
    });
    // Another process opens (compacting the edit line away) and closes without editing.
    openReadingStore(dir, { onWarning: () => {} }).close();
    sync.sync();
    expect(app.get('p1')?.status).toBe('read');
    sync.close();
  });
});
