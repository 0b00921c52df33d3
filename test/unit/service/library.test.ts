/**
 * library.import / cancel / duplicates / merge through openFacet, with the fake embedder (unit
 * tests only; test/integration/library-import.test.ts runs the real model).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type EventPayloads, type LibraryImportSummary } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { writePaperFolder } from '../../fixtures/library/paper-folder.ts';
import { buildZoteroLibrary, fillItems, writeLibrary } from '../../fixtures/library/zotero-fixture.ts';
import { FakeEmbedder } from './fake-embedder.ts';

let tmp: string;
let dataDir: string;
let core: FacetCore | null = null;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-library-service-'));
  dataDir = path.join(tmp, 'data');
});

afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(batchSize = 3): Promise<FacetCore> {
  core = await openFacet({ dataDir, embedder: new FakeEmbedder(), batchSize });
  return core;
}

function importSource(c: FacetCore, source: unknown, importId?: string): Promise<LibraryImportSummary> {
  return c.handlers['library.import'](parseRequest('library.import', { source, ...(importId ? { importId } : {}) }));
}

describe('library.import of a PDF folder', () => {
  it('stores each PDF with its file path, reports progress, and a re-run finds nothing new', async () => {
    const folder = path.join(tmp, 'pdfs');
    const papers = writePaperFolder(folder, 7);
    const c = await open();
    const progress: EventPayloads['library.onDidProgress'][] = [];
    c.events.on('library.onDidProgress', (p) => progress.push(p));
    const summary = await importSource(c, { kind: 'pdf-folder', path: folder });
    expect(summary).toMatchObject({ kind: 'pdf-folder', source: folder, parsed: 7, added: 7, embedded: 7, duplicates: 0, pending: 0, cancelled: false });
    expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ importId: summary.importId, added: 7, done: 7 });

    const page = await c.handlers['papers.list']({ offset: 0, limit: 100, sort: 'title' });
    expect(page.total).toBe(7);
    const first = await c.handlers['papers.get']({ id: page.items.find((p) => p.title === papers[0]!.title)!.id });
    expect(first).toMatchObject({ filePath: papers[0]!.file, pending: false, embedded: true });

    const again = await importSource(c, { kind: 'pdf-folder', path: folder });
    expect(again).toMatchObject({ parsed: 0, added: 0, skipped: 7 });
  });

  it('cancels mid-run keeping what was stored, and the next run resumes without duplicates', async () => {
    const folder = path.join(tmp, 'pdfs');
    writePaperFolder(folder, 10);
    const c = await open(2);
    const stop = c.events.on('library.onDidProgress', (p) => {
      if (p.added >= 4) void c.handlers['library.cancel']({ importId: 'run-1' });
    });
    const first = await importSource(c, { kind: 'pdf-folder', path: folder }, 'run-1');
    stop();
    expect(first.cancelled).toBe(true);
    expect(first.added).toBeGreaterThanOrEqual(4);
    expect(first.added).toBeLessThan(10);
    expect((await c.handlers['library.stats']({})).papers).toBe(first.added);

    const second = await importSource(c, { kind: 'pdf-folder', path: folder });
    expect(second.cancelled).toBe(false);
    // At most the item in hand when the run stopped is read again; dedup drops it.
    expect(second.duplicates).toBeLessThanOrEqual(1);
    expect(first.added + second.added).toBe(10);
    expect((await c.handlers['library.stats']({})).papers).toBe(10);
  });

  it('answers cancel of an unknown import with zero, and fails clearly on a missing folder', async () => {
    const c = await open();
    expect(await c.handlers['library.cancel']({ importId: 'nope' })).toEqual({ cancelled: 0 });
    const summary = await importSource(c, { kind: 'pdf-folder', path: path.join(tmp, 'missing') });
    expect(summary.added).toBe(0);
    expect(summary.problems).toEqual([expect.objectContaining({ severity: 'error' })]);
  });
});

describe('library.import of a Zotero library', () => {
  it('keeps collections, tags and the PDF path, and a re-run imports only new items', async () => {
    const zotero = path.join(tmp, 'Zotero');
    const db = await buildZoteroLibrary(zotero, [
      {
        key: 'AAAA1111',
        fields: { title: 'Aspect-based document similarity', abstractNote: 'Embeddings per aspect of research papers.', date: '2022-06-20 2022-06-20', DOI: '10.1145/3529372.3530912' },
        creators: ['Malte Ostendorff'],
        tags: ['embeddings'],
        collections: ['Thesis/Related work'],
        pdf: { key: 'PDFKEY01', fileName: 'paper.pdf' },
      },
      { key: 'BBBB2222', fields: { title: 'Graph attention networks', abstractNote: 'Attention over graph neighbourhoods.' }, creators: ['Petar Velickovic'] },
    ]);
    const c = await open();
    const first = await importSource(c, { kind: 'zotero', dataDir: zotero });
    expect(first).toMatchObject({ kind: 'zotero', parsed: 2, added: 2 });
    const hits = await c.handlers['papers.search']({ query: 'aspect document similarity', mode: 'keyword', limit: 5 });
    const paper = await c.handlers['papers.get']({ id: hits[0]!.paper.id });
    expect(paper).toMatchObject({
      doi: '10.1145/3529372.3530912',
      collections: ['Thesis / Related work'],
      tags: ['embeddings'],
      filePath: path.join(zotero, 'storage', 'PDFKEY01', 'paper.pdf'),
    });

    expect(await importSource(c, { kind: 'zotero', dataDir: zotero })).toMatchObject({ parsed: 0, added: 0 });
    // An edit in Zotero (abstract) updates the stored paper in place, keeping its id.
    db.run("UPDATE itemDataValues SET value = 'Edited: embeddings per aspect.' WHERE value = 'Embeddings per aspect of research papers.'");
    db.run("UPDATE items SET dateModified = '2024-02-02 00:00:00' WHERE key = 'AAAA1111'");
    writeLibrary(db, zotero);
    const edited = await importSource(c, { kind: 'zotero', dataDir: zotero });
    expect(edited).toMatchObject({ parsed: 1, added: 0, updated: 1, duplicates: 0, embedded: 1 });
    expect(await c.handlers['papers.get']({ id: paper.id })).toMatchObject({ abstract: 'Edited: embeddings per aspect.', tags: ['embeddings'], embedded: true });
    fillItems(db, zotero, [{ key: 'CCCC3333', fields: { title: 'A new paper', abstractNote: 'Something new.' }, creators: ['New Author'] }]);
    db.run("INSERT INTO deletedItems (itemID) SELECT itemID FROM items WHERE key = 'BBBB2222'");
    writeLibrary(db, zotero);
    const third = await importSource(c, { kind: 'zotero', dataDir: zotero });
    expect(third).toMatchObject({ parsed: 1, added: 1, removed: 1 });
    expect(third.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/1 item\(s\) were deleted or trashed in Zotero .*zotero:1\/BBBB2222/));
    // Removed in Zotero is reported, not deleted from Facet.
    expect((await c.handlers['library.stats']({})).papers).toBe(3);
  });
});

describe('library.import of identifiers', () => {
  it('stores pending stubs without vectors and without network, and counts repeats as duplicates', async () => {
    const c = await open();
    const text = 'see arXiv:2205.13147v2 and https://doi.org/10.1145/3529372.3530912\nagain 2205.13147\n';
    const summary = await importSource(c, { kind: 'identifiers', name: 'pasted', text });
    expect(summary).toMatchObject({ kind: 'identifiers', added: 2, pending: 2, embedded: 0 });
    const page = await c.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' });
    const stubs = await Promise.all(page.items.map((p) => c.handlers['papers.get']({ id: p.id })));
    expect(stubs.every((p) => p.pending === true && p.embedded === false)).toBe(true);
    expect(stubs.map((p) => p.arxivId ?? p.doi).sort()).toEqual(['10.1145/3529372.3530912', '2205.13147']);
    // Stubs are not waiting for the embedder, and do not take part in duplicate detection.
    await c.idle();
    expect(await c.handlers['library.stats']({})).toMatchObject({ papers: 2, embedded: 0, pendingEmbedding: 0 });
    expect(await c.handlers['library.duplicates']({ limit: 10 })).toEqual([]);
    const repeat = await importSource(c, { kind: 'identifiers', name: 'pasted', text });
    expect(repeat).toMatchObject({ added: 0, duplicates: 2 });
  });

  it('reads library-settings.json and refuses a broken one with the file named', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'library-settings.json'), '{not json');
    const c = await open();
    await expect(importSource(c, { kind: 'identifiers', name: 'pasted', text: '2205.13147' })).rejects.toThrow(/library-settings\.json is not valid JSON/);
  });
});

describe('library.duplicates and library.merge', () => {
  const preprint = {
    title: 'Specialized document embeddings for aspect-based similarity of scientific papers',
    abstract: 'We propose aspect-based document embeddings for research papers, one vector per aspect: task, method and dataset.',
    authors: ['Malte Ostendorff', 'Till Blume'],
    year: 2022,
    arxivId: '2205.13147',
  };
  const published = {
    title: 'Specialized Document Embeddings for Aspect-based Similarity of Research Papers',
    abstract: 'We propose aspect-based document embeddings for research papers, one vector per aspect: task, method and dataset. Evaluated on Papers with Code.',
    authors: ['Malte Ostendorff', 'Till Blume', 'Terry Ruas'],
    year: 2022,
    doi: '10.1145/3529372.3530912',
    venue: 'JCDL 2022',
  };
  const other = { title: 'Graph attention networks', abstract: 'Attention over graph neighbourhoods for node classification.', authors: ['Petar Velickovic'], year: 2018 };

  it('lists the preprint/published pair, merges into the richer record and moves reading state', async () => {
    const c = await open();
    const text = [preprint, published, other].map((r) => JSON.stringify(r)).join('\n');
    const imported = await c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'two.jsonl', text }] }));
    expect(imported.added).toBe(3);
    const [preId, pubId] = imported.paperIds!;

    const pairs = await c.handlers['library.duplicates'](parseRequest('library.duplicates', {}));
    expect(pairs).toHaveLength(1);
    expect([pairs[0]!.a.id, pairs[0]!.b.id].sort()).toEqual([preId, pubId].sort());
    expect(pairs[0]!.score).toBeGreaterThan(0.5);
    expect(pairs[0]!.reason).toMatch(/preprint/);

    await c.handlers['reading.set'](parseRequest('reading.set', { id: preId!, patch: { status: 'read', rating: 4, note: 'read the preprint', tags: ['aspects'] } }));
    const result = await c.handlers['library.merge'](parseRequest('library.merge', { a: preId!, b: pubId! }));
    expect(result).toEqual({ keptId: pubId, retiredId: preId, readingMoved: true });

    const kept = await c.handlers['papers.get']({ id: pubId! });
    expect(kept).toMatchObject({ doi: '10.1145/3529372.3530912', arxivId: '2205.13147', venue: 'JCDL 2022', embedded: true });
    await expect(c.handlers['papers.get']({ id: preId! })).rejects.toThrow(/no paper with id/);
    expect(await c.handlers['reading.get']({ id: pubId! })).toMatchObject({ status: 'read', rating: 4, note: 'read the preprint', tags: ['aspects'] });
    expect((await c.handlers['library.stats']({})).papers).toBe(2);

    // Importing either version again is a duplicate of the merged paper.
    const again = await c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'pre.jsonl', text: JSON.stringify(preprint) }] }));
    expect(again).toMatchObject({ added: 0, duplicates: 1 });
    expect(await c.handlers['library.duplicates']({ limit: 10 })).toEqual([]);
  });

  it('refuses to merge a paper with itself or an unknown id', async () => {
    const c = await open();
    const imported = await c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'one.jsonl', text: JSON.stringify(other) }] }));
    const id = imported.paperIds![0]!;
    await expect(c.handlers['library.merge'](parseRequest('library.merge', { a: id, b: id }))).rejects.toThrow(/both ids are/);
    await expect(c.handlers['library.merge'](parseRequest('library.merge', { a: id, b: 'missing' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the id the person chose (keep: "a") with the richer content, re-embedded', async () => {
    const c = await open();
    const text = [preprint, published].map((r) => JSON.stringify(r)).join('\n');
    const imported = await c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'two.jsonl', text }] }));
    const [preId, pubId] = imported.paperIds!;
    const result = await c.handlers['library.merge'](parseRequest('library.merge', { a: preId!, b: pubId!, keep: 'a' }));
    expect(result).toEqual({ keptId: preId, retiredId: pubId, readingMoved: false });
    const kept = await c.handlers['papers.get']({ id: preId! });
    expect(kept).toMatchObject({ title: published.title, abstract: published.abstract, doi: published.doi, arxivId: preprint.arxivId, embedded: true });
    const similar = await c.handlers['papers.search'](parseRequest('papers.search', { query: 'Papers with Code', mode: 'keyword' }));
    expect(similar.map((h) => h.paper.id)).toEqual([preId]);
  });
});
