import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetadataFetcher, openLibrarySource, readLibrarySource, stateFileFor, type LibrarySource } from '../../../src-main/core/library/index.ts';
import type { ZoteroLibraryItem } from '../../../src-main/core/library/zotero.ts';
import { buildPdf, paperPage } from '../../fixtures/library/pdf-writer.ts';
import { buildZoteroLibrary } from '../../fixtures/library/zotero-fixture.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-library-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function titles(source: LibrarySource, options: Parameters<typeof readLibrarySource>[1] = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const item of readLibrarySource(source, options) as AsyncIterable<ZoteroLibraryItem>) if (item.kind === 'record') out.push(item.record.title);
  return out;
}

describe('readLibrarySource', () => {
  it('keeps per-source resume state under stateDir', async () => {
    const folder = path.join(dir, 'papers');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a.pdf'), buildPdf({ pages: [paperPage({ title: ['A paper about resumable imports'], authors: 'Ada Lovelace', abstract: ['Short.'] })] }));
    const stateDir = path.join(dir, 'state');
    const source: LibrarySource = { kind: 'pdf-folder', path: folder };
    expect(await titles(source, { stateDir })).toEqual(['A paper about resumable imports']);
    expect(fs.existsSync(stateFileFor(stateDir, source))).toBe(true);
    expect(await titles(source, { stateDir })).toEqual([]);

    const zoteroDir = path.join(dir, 'Zotero');
    await buildZoteroLibrary(zoteroDir, [{ key: 'AAAA1111', fields: { title: 'From Zotero', abstractNote: 'Yes.' } }]);
    const zotero: LibrarySource = { kind: 'zotero', dataDir: zoteroDir };
    expect(await titles(zotero, { stateDir })).toEqual(['From Zotero']);
    expect(await titles(zotero, { stateDir })).toEqual([]);
    expect(await titles({ ...zotero, full: true }, { stateDir })).toEqual(['From Zotero']);
  });

  it('gives pending stubs offline and fetched records with a fetcher', async () => {
    const text = 'arXiv:2205.13147v2, hep-th/9901001.';
    expect(await titles({ kind: 'identifiers', name: 'pasted text', text })).toEqual(['arXiv:2205.13147 (metadata pending)', 'arXiv:hep-th/9901001 (metadata pending)']);

    const atom = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/library/arxiv-two-entries.atom.xml'), 'utf8');
    const server = http.createServer((_, response) => response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const fetcher = new MetadataFetcher({ allowNetwork: true, arxivApiUrl: `${base}/api/query`, crossrefApiUrl: `${base}/works/`, arxivIntervalMs: 0 });
      expect(await titles({ kind: 'identifiers', name: 'pasted text', text }, { fetcher })).toEqual(['A Test Paper on Aspect Embeddings & Neighbours', 'An Old-Style Test Entry']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('with autoCommit off, counts only committed items as done (a crash redoes the rest)', async () => {
    const folder = path.join(dir, 'papers');
    fs.mkdirSync(folder);
    for (const n of [1, 2, 3, 4]) {
      fs.writeFileSync(path.join(folder, `p${n}.pdf`), buildPdf({ pages: [paperPage({ title: [`Batch written paper number ${n}`], authors: 'Ada Lovelace', abstract: ['Short.'] })] }));
    }
    const stateDir = path.join(dir, 'state');
    const source: LibrarySource = { kind: 'pdf-folder', path: folder };
    const first = openLibrarySource(source, { stateDir, autoCommit: false });
    let taken = 0;
    for await (const item of first.items) {
      if (item.kind !== 'record') continue;
      taken++;
      if (taken === 2) first.commit(); // the batch with p1 and p2 is stored...
      if (taken === 3) break; // ...then the process dies before p3's batch is stored.
    }
    // p2 was still in hand at the commit, so it is redone with p3 and p4 (a duplicate is harmless; a lost paper is not).
    const second = openLibrarySource(source, { stateDir, autoCommit: false });
    const titlesSecond: string[] = [];
    for await (const item of second.items) if (item.kind === 'record') titlesSecond.push(item.record.title);
    second.commit();
    expect(titlesSecond).toEqual(['Batch written paper number 2', 'Batch written paper number 3', 'Batch written paper number 4']);
    expect(await titles(source, { stateDir })).toEqual([]);
  });
});
