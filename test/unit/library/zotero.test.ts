import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZoteroLibrary, type ZoteroLibraryItem } from '../../../src-main/core/library/zotero.ts';
import { buildZoteroLibrary, fillItems, writeLibrary, type FixtureItem } from '../../fixtures/library/zotero-fixture.ts';

let dir: string;
let dataDir: string;
let stateDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-zotero-'));
  dataDir = path.join(dir, 'Zotero');
  stateDir = path.join(dir, 'state');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function collect(items: AsyncIterable<ZoteroLibraryItem>): Promise<ZoteroLibraryItem[]> {
  const out: ZoteroLibraryItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}
const records = (items: ZoteroLibraryItem[]) => items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
const problems = (items: ZoteroLibraryItem[]) => items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));

const LIBRARY: FixtureItem[] = [
  {
    key: 'AAAA1111',
    type: 'conferencePaper',
    fields: {
      title: 'Specialized Document Embeddings for Aspect-based Similarity of Research Papers',
      abstractNote: 'We propose aspect-based document embeddings.',
      date: '2022-06-20 June 20, 2022',
      DOI: 'https://doi.org/10.1145/3529372.3530912',
      url: 'https://dl.acm.org/doi/10.1145/3529372.3530912',
      proceedingsTitle: 'Proceedings of JCDL 2022',
      extra: 'arXiv: 2205.13147',
    },
    creators: ['Malte Ostendorff', 'Till Blume', ['Some Editor', 'editor']],
    tags: ['embeddings', 'similarity'],
    collections: ['Thesis/Related work', 'Reading group'],
    pdf: { key: 'PDFKEY01', fileName: 'Ostendorff - 2022 - Specialized.pdf' },
  },
  {
    key: 'BBBB2222',
    type: 'preprint',
    fields: { title: 'A preprint without abstract', date: '2023-00-00 2023', archiveID: 'arXiv:2301.00001', repository: 'arXiv' },
    creators: [['Only Editor', 'editor']],
  },
  { key: 'CCCC3333', fields: { title: 'In the trash' }, deleted: true },
  { key: 'NOTE0001', type: 'note' },
  { key: 'DDDD4444', fields: { abstractNote: 'no title here' } },
];

describe('readZoteroLibrary', () => {
  it('reads items with creators, date, DOI, collections, tags and stored PDF paths', async () => {
    await buildZoteroLibrary(dataDir, LIBRARY);
    const items = await collect(readZoteroLibrary(dataDir));
    const [first, second] = records(items);
    expect(records(items)).toHaveLength(2);
    expect(first).toMatchObject({
      title: 'Specialized Document Embeddings for Aspect-based Similarity of Research Papers',
      abstract: 'We propose aspect-based document embeddings.',
      authors: ['Malte Ostendorff', 'Till Blume'],
      year: 2022,
      date: '2022-06-20',
      doi: '10.1145/3529372.3530912',
      arxivId: '2205.13147',
      venue: 'Proceedings of JCDL 2022',
      tags: ['embeddings', 'similarity'],
      collections: ['Reading group', 'Thesis / Related work'],
      filePath: path.join(path.resolve(dataDir), 'storage', 'PDFKEY01', 'Ostendorff - 2022 - Specialized.pdf'),
      recordKey: 'zotero:1/AAAA1111',
    });
    expect(second).toMatchObject({ title: 'A preprint without abstract', authors: ['Only Editor'], year: 2023, date: null, arxivId: '2301.00001', venue: 'arXiv' });
    expect(problems(items).map((p) => p.message)).toEqual(['no abstract: imported title-only', 'Zotero item DDDD4444 (journalArticle) has no title: skipped']);
  });

  it('re-imports only what changed, and reports removed items', async () => {
    const db = await buildZoteroLibrary(dataDir, LIBRARY);
    expect(records(await collect(readZoteroLibrary(dataDir, { stateDir })))).toHaveLength(2);
    expect(records(await collect(readZoteroLibrary(dataDir, { stateDir })))).toHaveLength(0);

    // Zotero edits one item, adds one, and moves one to the trash.
    db.run("UPDATE itemDataValues SET value = 'An edited abstract.' WHERE value = 'We propose aspect-based document embeddings.'");
    db.run("UPDATE items SET dateModified = '2024-02-02 00:00:00' WHERE key = 'AAAA1111'");
    db.run("INSERT INTO deletedItems (itemID) SELECT itemID FROM items WHERE key = 'BBBB2222'");
    fillItems(db, dataDir, [{ key: 'EEEE5555', fields: { title: 'A new paper', abstractNote: 'New.' }, creators: ['New Author'] }]);
    writeLibrary(db, dataDir);

    const third = await collect(readZoteroLibrary(dataDir, { stateDir }));
    expect(records(third).map((r) => [r.title, r.abstract])).toEqual([
      ['Specialized Document Embeddings for Aspect-based Similarity of Research Papers', 'An edited abstract.'],
      ['A new paper', 'New.'],
    ]);
    expect(third.filter((item) => item.kind === 'removed')).toEqual([{ kind: 'removed', recordKey: 'zotero:1/BBBB2222' }]);
    expect(records(await collect(readZoteroLibrary(dataDir, { stateDir, full: true })))).toHaveLength(2);
  });

  it('resumes a cancelled run where it stopped', async () => {
    const many: FixtureItem[] = Array.from({ length: 30 }, (_, n) => ({ key: `K${String(n).padStart(7, '0')}`, fields: { title: `Paper ${n}`, abstractNote: `About ${n}.` } }));
    await buildZoteroLibrary(dataDir, many);
    const controller = new AbortController();
    const firstRun: string[] = [];
    await expect(async () => {
      for await (const item of readZoteroLibrary(dataDir, { stateDir, signal: controller.signal })) {
        if (item.kind === 'record') firstRun.push(item.record.title);
        if (firstRun.length === 10) controller.abort(new Error('cancelled by test'));
      }
    }).rejects.toThrow('cancelled by test');
    const secondRun = records(await collect(readZoteroLibrary(dataDir, { stateDir }))).map((r) => r.title);
    // The tenth item was in hand when the run stopped, so it comes again.
    expect(secondRun[0]).toBe('Paper 9');
    expect(secondRun).toHaveLength(21);
  });

  it('refuses a newer schema with a clear message', async () => {
    await buildZoteroLibrary(dataDir, LIBRARY, 999);
    const items = await collect(readZoteroLibrary(dataDir));
    expect(items).toEqual([
      { kind: 'problem', problem: expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^unsupported Zotero version: this library uses userdata schema 999, newer than/) }) },
    ]);
  });

  it('explains a folder without zotero.sqlite, and a file that is not a Zotero database', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    expect(problems(await collect(readZoteroLibrary(dataDir)))[0]?.message).toMatch(/no zotero\.sqlite in .*choose Zotero's data folder/);
    fs.writeFileSync(path.join(dataDir, 'zotero.sqlite'), 'not a database at all, just text that is long enough to look like a file'.repeat(20));
    expect(problems(await collect(readZoteroLibrary(dataDir)))[0]?.message).toMatch(/cannot read .*zotero\.sqlite|not a Zotero database/);
  });

  it('reads a library Zotero has open in WAL mode from a copy, without touching the original', async (context) => {
    const python = '/usr/bin/python3';
    if (!fs.existsSync(python)) {
      context.skip('needs /usr/bin/python3 (real SQLite) to write a WAL file');
      return;
    }
    await buildZoteroLibrary(dataDir, LIBRARY);
    const dbPath = path.join(dataDir, 'zotero.sqlite');
    // A real SQLite writer commits into the WAL and is "killed" before checkpointing: files copied while it holds them.
    const script = `
import sqlite3, shutil, sys
db = sys.argv[1]
c = sqlite3.connect(db, isolation_level=None)
c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')
c.execute("UPDATE itemDataValues SET value = 'Committed in the WAL.' WHERE value = 'We propose aspect-based document embeddings.'")
c.execute('BEGIN'); c.execute("UPDATE itemDataValues SET value = 'never committed' WHERE value = 'Committed in the WAL.'")
shutil.copy(db, db + '.snap'); shutil.copy(db + '-wal', db + '.snap-wal')
c.execute('ROLLBACK'); c.close()
shutil.move(db + '.snap', db); shutil.move(db + '.snap-wal', db + '-wal')
`;
    const result = spawnSync(python, ['-c', script, dbPath], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const before = fs.readFileSync(dbPath);
    const walBefore = fs.readFileSync(`${dbPath}-wal`);
    expect(walBefore.length).toBeGreaterThan(0);
    const items = await collect(readZoteroLibrary(dataDir));
    expect(records(items)[0]?.abstract).toBe('Committed in the WAL.');
    expect(problems(items)[0]?.message).toMatch(/^Zotero had the database open: applied \d+ committed WAL frame/);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
    expect(fs.readFileSync(`${dbPath}-wal`).equals(walBefore)).toBe(true);
  });

  it('reads a library mid-write (hot rollback journal) as it was before the write', async (context) => {
    const python = '/usr/bin/python3';
    if (!fs.existsSync(python)) {
      context.skip('needs /usr/bin/python3 (real SQLite) to leave a hot journal');
      return;
    }
    const many: FixtureItem[] = Array.from({ length: 400 }, (_, n) => ({ key: `K${String(n).padStart(7, '0')}`, fields: { title: `Paper ${n}`, abstractNote: `Original abstract ${n}. ${'x'.repeat(200)}` } }));
    await buildZoteroLibrary(dataDir, many);
    const dbPath = path.join(dataDir, 'zotero.sqlite');
    // A writer in the middle of a big transaction: a tiny page cache makes SQLite spill changed pages into the main file.
    const script = `
import sqlite3, shutil, sys, os
db = sys.argv[1]
c = sqlite3.connect(db, isolation_level=None)
c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA cache_size=2')
c.execute('BEGIN')
c.execute("UPDATE itemDataValues SET value = 'half-written ' || value")
assert os.path.getsize(db + '-journal') > 0
shutil.copy(db, db + '.snap'); shutil.copy(db + '-journal', db + '.snap-journal')
c.execute('ROLLBACK'); c.close()
shutil.move(db + '.snap', db); shutil.move(db + '.snap-journal', db + '-journal')
`;
    const result = spawnSync(python, ['-c', script, dbPath], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const items = await collect(readZoteroLibrary(dataDir));
    const abstracts = records(items).map((r) => r.abstract);
    expect(abstracts).toHaveLength(400);
    expect(abstracts.filter((a) => a.startsWith('half-written'))).toEqual([]);
    expect(problems(items)[0]?.message).toMatch(/^Zotero had the database open: rolled back \d+ page\(s\) from an unfinished write/);
  });
});
