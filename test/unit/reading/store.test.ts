import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadingStore, JOURNAL_FILE, READING_DIR } from '../../../src-main/core/reading/index.ts';
import type { ReadingChange } from '../../../src-main/core/reading/index.ts';
import { FacetError } from '../../../src-main/common/contract.ts';

let dataDir: string;
let journal: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-reading-'));
  journal = path.join(dataDir, READING_DIR, JOURNAL_FILE);
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function quiet() {
  const warnings: string[] = [];
  return { warnings, onWarning: (message: string) => warnings.push(message) };
}

describe('reading store: state', () => {
  it('starts empty and records status, tags, note and rating with change dates', () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const store = openReadingStore(dataDir, { now: () => clock, ...quiet() });
    expect(store.get('p1')).toBeNull();

    const first = store.set('p1', { status: 'to-read' });
    expect(first.previous).toBeNull();
    expect(first.current).toMatchObject({ paperId: 'p1', status: 'to-read', tags: [], note: '', rating: null, notRelevant: false });
    expect(first.current.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(first.undo).toEqual({ status: 'none' });

    clock += 60_000;
    const second = store.set('p1', { status: 'read', rating: 5, tags: ['nlp', 'nlp', ' graphs '] });
    expect(second.current).toMatchObject({ status: 'read', rating: 5, tags: ['nlp', 'graphs'] });
    expect(second.current.changedAt.status).toBe('2026-01-01T00:01:00.000Z');
    expect(second.current.changedAt.note).toBeUndefined();
    expect(second.current.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(second.current.updatedAt).toBe('2026-01-01T00:01:00.000Z');
    expect(second.undo).toEqual({ status: 'to-read', rating: null, tags: [] });

    const undone = store.set('p1', second.undo);
    expect(undone.current).toMatchObject({ status: 'to-read', rating: null, tags: [] });
    store.close();
  });

  it('rejects bad edits with a message naming the field, and writes nothing', () => {
    const store = openReadingStore(dataDir, quiet());
    expect(() => store.set('p1', { rating: 6 })).toThrow(/rating/);
    expect(() => store.set('p1', { rating: 2.5 })).toThrow(/rating/);
    expect(() => store.set('p1', { status: 'finished' as never })).toThrow(/status/);
    expect(() => store.set('p1', { tags: ['  '] })).toThrow(/tags\.0/);
    expect(() => store.set('p1', { colour: 'red' } as never)).toThrow(/reading edit of p1/);
    expect(() => store.set('', { status: 'read' })).toThrow(/paper id/);
    try {
      store.set('p1', { note: 42 } as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FacetError);
      expect((error as FacetError).code).toBe('BAD_REQUEST');
      expect((error as FacetError).message).toMatch(/^reading edit of p1: note: /);
    }
    expect(store.get('p1')).toBeNull();
    expect(fs.existsSync(journal)).toBe(false);
    store.close();
  });

  it('lists with filters, most recently updated first', () => {
    let clock = 1_000_000;
    const store = openReadingStore(dataDir, { now: () => (clock += 1000), ...quiet() });
    store.set('a', { status: 'read', rating: 4, tags: ['x'] });
    store.set('b', { status: 'to-read', tags: ['x', 'y'] });
    store.set('c', { status: 'dismissed', notRelevant: true });
    expect(store.list().map((s) => s.paperId)).toEqual(['c', 'b', 'a']);
    expect(store.list({ status: ['read', 'to-read'] }).map((s) => s.paperId)).toEqual(['b', 'a']);
    expect(store.list({ tag: 'x' }).map((s) => s.paperId)).toEqual(['b', 'a']);
    expect(store.list({ notRelevant: true }).map((s) => s.paperId)).toEqual(['c']);
    expect(store.list({ minRating: 4 }).map((s) => s.paperId)).toEqual(['a']);
    store.close();
  });

  it('keeps any Unicode in tags and notes, and a 1 MB note, across reopen and compaction', () => {
    const tags = ['深層学習', 'émoji 🧪🔬', 'עברית', 'e\u0301', 'zero\u200bwidth', 'line\nbreak', 'quote"back\\slash'];
    const note = '# Notes\n\n' + 'Ünïcödé ✓ 𝔐𝔞𝔱𝔥 \u{1F600}\n'.repeat(40_000);
    expect(Buffer.byteLength(note, 'utf8')).toBeGreaterThan(1_000_000);
    const store = openReadingStore(dataDir, quiet());
    store.set('u', { tags, note });
    store.close();

    const reopened = openReadingStore(dataDir, quiet());
    const state = reopened.get('u');
    // "e" + combining acute is NFC-normalised to "é".
    expect(state?.tags).toEqual(tags.map((t) => t.normalize('NFC')));
    expect(state?.tags).toContain('é');
    expect(state?.note).toBe(note);
    expect(reopened.warnings).toEqual([]);
    reopened.close();
  });

  it('compacts the journal to one entry line per paper on open', () => {
    const store = openReadingStore(dataDir, quiet());
    for (let n = 0; n < 20; n++) store.set(`p${n % 3}`, { note: `edit ${n}` });
    // The first append creates the file with its generation header.
    const appended = fs.readFileSync(journal, 'utf8').trim().split('\n');
    expect(appended).toHaveLength(21);
    expect(JSON.parse(appended[0]!)).toMatchObject({ v: 1, t: 'journal', generation: expect.stringMatching(/^[0-9a-f]{16}$/) });
    store.close();
    const lines = fs.readFileSync(journal, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    // A compaction starts a new generation.
    expect(JSON.parse(lines[0]!).t).toBe('journal');
    expect(JSON.parse(lines[0]!).generation).not.toBe(JSON.parse(appended[0]!).generation);
    expect(lines.slice(1).every((line) => JSON.parse(line).t === 'entry')).toBe(true);
    const reopened = openReadingStore(dataDir, quiet());
    expect(reopened.get('p1')?.note).toBe('edit 19');
    expect(reopened.get('p0')?.note).toBe('edit 18');
    reopened.close();
  });
});

describe('reading store: crashes', () => {
  it('ignores a torn last line with a warning and keeps every earlier edit', () => {
    const store = openReadingStore(dataDir, quiet());
    store.set('a', { status: 'read' });
    store.set('b', { note: 'kept' });
    store.set('c', { note: 'x'.repeat(5000) });
    // Not closed: the journal still holds the three edit lines. Cut the last one in half.
    const bytes = fs.readFileSync(journal);
    const lastStart = bytes.subarray(0, bytes.length - 1).lastIndexOf(0x0a) + 1;
    fs.truncateSync(journal, lastStart + 100);

    const log = quiet();
    const reopened = openReadingStore(dataDir, log);
    expect(reopened.get('a')?.status).toBe('read');
    expect(reopened.get('b')?.note).toBe('kept');
    expect(reopened.get('c')).toBeNull();
    expect(log.warnings).toHaveLength(1);
    // Line 1 is the journal's header.
    expect(log.warnings[0]).toMatch(/journal\.jsonl:4: ignored a torn last line/);
    // The torn fragment is gone after compaction, and new edits land cleanly.
    reopened.set('c', { note: 'again' });
    reopened.close();
    const again = openReadingStore(dataDir, quiet());
    expect(again.get('c')?.note).toBe('again');
    expect(again.warnings).toEqual([]);
    again.close();
  });

  it('starts a fresh line when appending after a torn fragment left by another writer', () => {
    const store = openReadingStore(dataDir, quiet());
    store.set('a', { status: 'read' });
    fs.appendFileSync(journal, '{"v":1,"t":"edit","id":"half');
    store.set('b', { status: 'reading' });
    const log = quiet();
    const reopened = openReadingStore(dataDir, log);
    expect(reopened.get('a')?.status).toBe('read');
    expect(reopened.get('b')?.status).toBe('reading');
    expect(log.warnings.join('\n')).toMatch(/journal\.jsonl:3: skipped unreadable line/);
    reopened.close();
    store.close();
  });

  it('skips an unreadable line in the middle with a warning naming the line', () => {
    fs.mkdirSync(path.dirname(journal), { recursive: true });
    const edit = (id: string, seq: number, set: object) => JSON.stringify({ v: 1, t: 'edit', id, at: 1000 + seq, by: 'w', seq, set });
    fs.writeFileSync(journal, [edit('a', 1, { status: 'read' }), 'garbage{', edit('a', 2, { rating: 9 }), edit('b', 3, { note: 'ok' })].join('\n') + '\n');
    const log = quiet();
    const store = openReadingStore(dataDir, log);
    expect(store.get('a')).toMatchObject({ status: 'read', rating: null });
    expect(store.get('b')?.note).toBe('ok');
    expect(log.warnings).toHaveLength(2);
    expect(log.warnings[0]).toMatch(/:2: skipped unreadable line: not JSON/);
    expect(log.warnings[1]).toMatch(/:3: skipped unreadable line: .*rating/);
    store.close();
  });
});

describe('reading store: concurrent writers', () => {
  it('two stores on one folder (two windows) see each other and end in one last-write-wins state', () => {
    let clock = 5_000;
    const now = () => clock;
    const a = openReadingStore(dataDir, { writerId: 'window-a', now, ...quiet() });
    const b = openReadingStore(dataDir, { writerId: 'window-b', now, ...quiet() });
    const seenByA: ReadingChange[] = [];
    a.onDidChange((change) => seenByA.push(change));

    a.set('p', { status: 'reading', note: 'from a' });
    // Same wall-clock millisecond: b must still order its edit after a's, which it has read.
    b.set('p', { note: 'from b', rating: 3 });
    expect(a.get('p')).toMatchObject({ status: 'reading', note: 'from b', rating: 3 });
    expect(seenByA.at(-1)).toMatchObject({ paperId: 'p', external: true });

    clock = 4_000; // a clock that went backwards cannot reorder edits either
    a.set('p', { note: 'a again' });
    expect(b.get('p')?.note).toBe('a again');

    a.close();
    // b's view survives a's compaction (the file was replaced under it).
    expect(b.get('p')).toMatchObject({ status: 'reading', note: 'a again', rating: 3 });
    b.set('p', { status: 'read' });
    b.close();
    const reopened = openReadingStore(dataDir, quiet());
    expect(reopened.get('p')).toMatchObject({ status: 'read', note: 'a again', rating: 3 });
    reopened.close();
  });
});

describe('reading store: lock', () => {
  it('takes over a lock left by a dead process, and times out on a live one with a clear message', () => {
    const store = openReadingStore(dataDir, quiet());
    const lock = path.join(dataDir, READING_DIR, 'journal.lock');
    // A pid that no longer exists: a child that has already exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    fs.writeFileSync(lock, `${dead} ${os.hostname()} stale-token`);
    expect(store.set('a', { status: 'read' }).current.status).toBe('read');
    expect(fs.existsSync(lock)).toBe(false);

    // A live holder (the test runner's parent process) keeps it: the edit fails after the timeout.
    const impatient = openReadingStore(dataDir, { ...quiet(), lockTimeoutMs: 50 });
    fs.writeFileSync(lock, `${process.ppid} ${os.hostname()} live-token`);
    expect(() => impatient.set('a', { status: 'reading' })).toThrow(/journal\.lock is held by another process .* for over 50 ms/);
    fs.rmSync(lock);
    expect(impatient.get('a')?.status).toBe('read');
    impatient.close();
    store.close();
  });
});


describe('reading store: bulk edits', () => {
  it('setMany writes every paper in one append, with per-paper undo, and survives reopen', () => {
    const store = openReadingStore(dataDir, quiet());
    store.set('b', { status: 'read', tags: ['old'] });
    const changes: string[] = [];
    store.onDidChange((change) => changes.push(change.paperId));
    const results = store.setMany(['a', 'b', 'c', 'a'], { tags: ['bulk'], status: 'to-read' });
    expect(results.map((r) => r.current.paperId)).toEqual(['a', 'b', 'c']);
    expect(results[1]!.undo).toEqual({ tags: ['old'], status: 'read' });
    expect(results[0]!.undo).toEqual({ tags: [], status: 'none' });
    expect(changes).toEqual(['a', 'b', 'c']);
    // Stamps are distinct and increasing even within one bulk edit.
    const stamps = fs.readFileSync(journal, 'utf8').trim().split('\n').slice(-3).map((line) => JSON.parse(line).at as number);
    expect(new Set(stamps).size).toBe(3);
    expect(() => store.setMany(['x', ''], { status: 'read' })).toThrow(/paper id/);
    expect(store.get('x')).toBeNull();
    store.close();
    const reopened = openReadingStore(dataDir, quiet());
    expect(reopened.list({ tag: 'bulk' }).map((s) => s.paperId).sort()).toEqual(['a', 'b', 'c']);
    reopened.close();
  });
});

describe('reading store: another process rewrites the journal', () => {
  /** What the CLI does on every command: open (compacting), edit, close (compacting again). */
  function otherProcessEdits(id: string, patch: { status: 'to-read' | 'read' }): void {
    const cli = openReadingStore(dataDir, quiet());
    try {
      cli.set(id, patch);
    } finally {
      cli.close();
    }
  }

  it('sees every edit of another process across 50 compactions, even when its paper id sorts first', () => {
    // The case an inode check misses: the rewritten journal often gets the old file's inode back,
    // and the other process's paper sorts first, so the new file is a different file of about the
    // same length. The store must notice the rewrite by the journal's generation header.
    const app = openReadingStore(dataDir, quiet());
    const changes: ReadingChange[] = [];
    app.onDidChange((change) => changes.push(change));
    const missed: string[] = [];
    for (let round = 0; round < 50; round++) {
      app.set(`z-app-${String(round).padStart(2, '0')}`, { status: 'read' });
      const id = `a-cli-${String(round).padStart(2, '0')}`;
      otherProcessEdits(id, { status: 'to-read' });
      const found = app.refresh();
      if (!found.some((change) => change.paperId === id && change.current.status === 'to-read' && change.external)) missed.push(id);
    }
    expect(missed).toEqual([]);
    expect(changes.filter((change) => change.external)).toHaveLength(50);
    expect(app.list({ status: ['to-read'] })).toHaveLength(50);
    expect(app.list({ status: ['read'] })).toHaveLength(50);
    app.close();
  });

  it('notices a journal replaced in place (same inode) by a longer one, and reports exactly what changed', () => {
    const app = openReadingStore(dataDir, quiet());
    app.set('b-app', { status: 'read', note: 'mine' });
    const inode = fs.statSync(journal).ino;
    // Another process's compacted journal, copied over the old file's bytes: the inode cannot differ.
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-reading-other-'));
    try {
      fs.mkdirSync(path.join(otherDir, READING_DIR), { recursive: true });
      fs.copyFileSync(journal, path.join(otherDir, READING_DIR, JOURNAL_FILE));
      const other = openReadingStore(otherDir, quiet());
      other.set('a-other', { status: 'to-read', note: 'x'.repeat(300) });
      other.close();
      fs.writeFileSync(journal, fs.readFileSync(path.join(otherDir, READING_DIR, JOURNAL_FILE)));
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
    expect(fs.statSync(journal).ino).toBe(inode);
    const changes = app.refresh();
    expect(changes.map((change) => change.paperId)).toEqual(['a-other']);
    expect(app.get('a-other')).toMatchObject({ status: 'to-read' });
    expect(app.get('b-app')).toMatchObject({ status: 'read', note: 'mine' });
    expect(app.warnings).toEqual([]);
    app.close();
  });

  it('reports nothing when another process rewrote the journal with the same content', () => {
    const app = openReadingStore(dataDir, quiet());
    app.set('p1', { status: 'read' });
    const changes: ReadingChange[] = [];
    app.onDidChange((change) => changes.push(change));
    // Another process opens (compacting the edit line away) and closes without editing.
    openReadingStore(dataDir, quiet()).close();
    expect(app.refresh()).toEqual([]);
    expect(changes).toEqual([]);
    expect(app.get('p1')?.status).toBe('read');
    app.close();
  });
});
