/**
 * The network path of the library service with the fake embedder and a local stand-in for arXiv
 * and Crossref: off by default (no request at all), stubs filled in place by
 * library.resolvePending and by a re-import, failures named per identifier, cancel; and the
 * "not a duplicate" list through library.notDuplicate / library.duplicates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type EventPayloads, type LibraryImportSummary } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { arxivAnswer, arxivFeed, crossrefPath, crossrefWork, startMetadataServer, type ArxivEntry, type MetadataServer } from '../../fixtures/library/metadata-server.ts';
import { FakeEmbedder } from './fake-embedder.ts';

const entries: ArxivEntry[] = [
  { id: '2205.13147v2', title: 'Aspect embeddings for papers', summary: 'One vector per aspect of a research paper.', authors: ['Ada Lovelace'], published: '2022-05-26T00:00:00Z' },
  { id: '2301.00002v1', title: 'Graph attention for citations', summary: 'Attention over citation graphs.', authors: ['Alan Turing'], published: '2023-01-02T00:00:00Z' },
];
const work = {
  doi: '10.1145/3529372.3530912',
  title: 'A published paper on digests',
  abstract: 'Digests of papers, embedded per aspect.',
  authors: [{ given: 'Grace', family: 'Hopper' }],
  issued: [2022, 6, 20] as [number, number, number],
  containerTitle: 'JCDL 2022',
};
const LIST = 'arXiv:2205.13147\nhttps://arxiv.org/abs/2301.00002v1\ndoi:10.1145/3529372.3530912\n';

let tmp: string;
let dataDir: string;
let server: MetadataServer;
let core: FacetCore | null = null;

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-library-network-'));
  dataDir = path.join(tmp, 'data');
  server = await startMetadataServer(arxivAnswer(entries));
  server.script.set(crossrefPath(work.doi), [{ status: 200, body: crossrefWork(work) }]);
});

afterEach(async () => {
  await core?.close();
  core = null;
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(batchSize = 2, backoffMs = 5): Promise<FacetCore> {
  core = await openFacet({
    dataDir,
    embedder: new FakeEmbedder(),
    batchSize,
    metadataFetch: { arxivApiUrl: server.arxivApiUrl, crossrefApiUrl: server.crossrefApiUrl, arxivIntervalMs: 0, crossrefIntervalMs: 0, backoffMs, maxRetries: 2 },
  });
  return core;
}

const importIds = (c: FacetCore, text: string): Promise<LibraryImportSummary> =>
  c.handlers['library.import'](parseRequest('library.import', { source: { kind: 'identifiers', name: 'pasted', text } }));

async function allPapers(c: FacetCore) {
  const page = await c.handlers['papers.list']({ offset: 0, limit: 100, sort: 'imported' });
  return Promise.all(page.items.map((p) => c.handlers['papers.get']({ id: p.id })));
}

describe('library network path', () => {
  it('makes no request while network use is off, and refuses resolvePending', async () => {
    const c = await open();
    expect(await importIds(c, LIST)).toMatchObject({ added: 3, pending: 3, embedded: 0 });
    await expect(c.handlers['library.resolvePending'](parseRequest('library.resolvePending', {}))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/Fetch metadata from arXiv and Crossref/),
    });
    expect(server.seen).toEqual([]);
  });

  it('refuses matchTitles while network use is off, fetching nothing', async () => {
    const c = await open();
    await expect(c.handlers['library.matchTitles'](parseRequest('library.matchTitles', {}))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/Fetch metadata from arXiv and Crossref/),
    });
    expect(server.seen).toEqual([]);
  });

  it('matches digest papers by title on arXiv and fills them in place, keeping title, abstract and reading state', async () => {
    // The stand-in answers title searches with every entry; Facet decides which one is the same paper.
    await server.close();
    const byId = arxivAnswer(entries);
    server = await startMetadataServer((url) => (url.searchParams.has('search_query') ? { status: 200, body: arxivFeed(entries) } : byId(url)));
    const c = await open();
    const digest = [
      { title: 'Aspect Embeddings for Papers', abstract: 'Our own digest text about aspect vectors.', authors: ['A. Lovelace'] },
      { title: 'Graph attention for citations', abstract: 'Digest text about citation graphs.', year: 2021 },
      { title: 'Protein folding with tiny recurrent models', abstract: 'Nothing arXiv has here.' },
      { title: 'Attention', abstract: 'Too short a title to match on.' },
    ];
    const imported = await c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'digest.jsonl', text: digest.map((d) => JSON.stringify(d)).join('\n') }] }));
    expect(imported.added).toBe(4);
    const before = await allPapers(c);
    const first = before.find((p) => p.title === 'Aspect Embeddings for Papers')!;
    await c.handlers['reading.set'](parseRequest('reading.set', { id: first.id, patch: { status: 'to-read', note: 'keep me' } }));

    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    const summary = await c.handlers['library.matchTitles'](parseRequest('library.matchTitles', { importId: 'titles-1' }));
    expect(summary).toMatchObject({ importId: 'titles-1', candidates: 4, matched: 2, unmatched: 2, cancelled: false });
    // Three title searches: the one-word title is never sent.
    expect(server.seen.filter((s) => s.url.includes('search_query'))).toHaveLength(3);

    const after = new Map((await allPapers(c)).map((p) => [p.id, p]));
    const filled = after.get(first.id)!;
    expect(filled).toMatchObject({ title: first.title, abstract: first.abstract, arxivId: '2205.13147', authors: ['A. Lovelace'], year: 2022 });
    const graph = [...after.values()].find((p) => p.title === 'Graph attention for citations')!;
    // The person's data wins: the year the digest gave stays; authors it lacked come from arXiv.
    expect(graph).toMatchObject({ arxivId: '2301.00002', year: 2021, authors: ['Alan Turing'] });
    for (const title of ['Protein folding with tiny recurrent models', 'Attention']) {
      const paper = [...after.values()].find((p) => p.title === title)!;
      expect(paper).toMatchObject({ arxivId: null, doi: null });
    }
    expect(after.size).toBe(4);
    expect(await c.handlers['reading.get'](parseRequest('reading.get', { id: first.id }))).toMatchObject({ status: 'to-read', note: 'keep me' });

    // A second run looks up only the two papers still without an identifier.
    server.seen.length = 0;
    const again = await c.handlers['library.matchTitles'](parseRequest('library.matchTitles', {}));
    expect(again).toMatchObject({ candidates: 2, matched: 0 });
  });

  it('fills stored stubs in place: same ids, reading state kept, embedded, searchable, no longer pending', async () => {
    const c = await open();
    await importIds(c, LIST);
    const stubs = await allPapers(c);
    const stubOf = (arxivOrDoi: string) => stubs.find((p) => p.arxivId === arxivOrDoi || p.doi === arxivOrDoi)!;
    await c.handlers['reading.set'](parseRequest('reading.set', { id: stubOf('2205.13147').id, patch: { status: 'to-read', tags: ['later'], note: 'from chat' } }));

    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    const progress: EventPayloads['library.onDidProgress'][] = [];
    c.events.on('library.onDidProgress', (p) => progress.push(p));
    const summary = await c.handlers['library.resolvePending'](parseRequest('library.resolvePending', { importId: 'fill-1' }));
    expect(summary).toMatchObject({ importId: 'fill-1', stubs: 3, filled: 3, stillPending: 0, embedded: 3, problems: [], cancelled: false });
    expect(progress.at(-1)).toMatchObject({ importId: 'fill-1', source: 'pending stubs', done: 3, total: 3, added: 3 });
    // One batched arXiv request (both ids) and one Crossref request.
    expect(server.seen.map((s) => s.url.split('?')[0]).sort()).toEqual(['/api/query', crossrefPath(work.doi)]);

    const after = await allPapers(c);
    expect(after.map((p) => p.id).sort()).toEqual(stubs.map((p) => p.id).sort());
    expect(after.find((p) => p.id === stubOf('2205.13147').id)).toMatchObject({
      title: 'Aspect embeddings for papers',
      abstract: 'One vector per aspect of a research paper.',
      authors: ['Ada Lovelace'],
      arxivId: '2205.13147',
      pending: false,
      embedded: true,
    });
    expect(after.find((p) => p.id === stubOf(work.doi).id)).toMatchObject({ title: work.title, venue: 'JCDL 2022', year: 2022, pending: false, embedded: true });
    expect(await c.handlers['reading.get']({ id: stubOf('2205.13147').id })).toMatchObject({ status: 'to-read', tags: ['later'], note: 'from chat' });
    expect(await c.handlers['library.stats']({})).toMatchObject({ papers: 3, embedded: 3, pendingEmbedding: 0 });
    const hits = await c.handlers['papers.search'](parseRequest('papers.search', { query: 'citation graphs', mode: 'keyword' }));
    expect(hits.map((h) => h.paper.id)).toEqual([stubOf('2301.00002').id]);
    expect(await c.handlers['papers.similar'](parseRequest('papers.similar', { id: stubOf('2205.13147').id, aspect: 'generic', k: 5 }))).toHaveLength(2);

    // The stub's made-up title is no longer a dedup key; its ids still are.
    expect(await importIds(c, LIST)).toMatchObject({ added: 0, duplicates: 3, updated: 0 });
    // Nothing is left to fill.
    expect(await c.handlers['library.resolvePending']({})).toMatchObject({ stubs: 0, filled: 0 });
  });

  it('merges a filled stub with the stored paper its fetched identity names (arXiv entry giving the DOI of a DOI stub)', async () => {
    await server.close();
    server = await startMetadataServer(arxivAnswer([{ ...entries[0]!, doi: work.doi }]));
    server.script.set(crossrefPath(work.doi), [{ status: 200, body: crossrefWork(work) }]);
    const c = await open();
    await importIds(c, `arXiv:2205.13147\ndoi:${work.doi}\n`);
    const stubs = await allPapers(c);
    const arxivStub = stubs.find((p) => p.arxivId === '2205.13147')!;
    const doiStub = stubs.find((p) => p.doi === work.doi)!;
    await c.handlers['reading.set'](parseRequest('reading.set', { id: arxivStub.id, patch: { status: 'to-read', tags: ['preprint'] } }));
    await c.handlers['reading.set'](parseRequest('reading.set', { id: doiStub.id, patch: { rating: 5, tags: ['published'] } }));

    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    const summary = await c.handlers['library.resolvePending'](parseRequest('library.resolvePending', {}));
    expect(summary).toMatchObject({ stubs: 2, merged: 1, stillPending: 0 });
    // Only a "stub no longer stored" warning may remain (when the DOI stub was merged before its own answer came).
    expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);

    const after = await allPapers(c);
    expect(after).toHaveLength(1);
    const kept = after[0]!;
    expect([arxivStub.id, doiStub.id]).toContain(kept.id);
    expect(kept).toMatchObject({ arxivId: '2205.13147', doi: work.doi, pending: false, embedded: true });
    const state = await c.handlers['reading.get']({ id: kept.id });
    expect(state).toMatchObject({ rating: 5 });
    expect([...(state?.tags ?? [])].sort()).toEqual(['preprint', 'published']);
    // Either identifier imported again is a duplicate of the one paper.
    expect(await importIds(c, `arXiv:2205.13147v1\ndoi:${work.doi}\n`)).toMatchObject({ added: 0, duplicates: 2 });
  });

  it('fills stubs when the same list is imported again with network use on', async () => {
    const c = await open();
    await importIds(c, LIST);
    const ids = (await allPapers(c)).map((p) => p.id).sort();
    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    const again = await importIds(c, `${LIST}arXiv:2301.00002\n`);
    expect(again).toMatchObject({ added: 0, updated: 3, embedded: 3, duplicates: 0, pending: 0 });
    const after = await allPapers(c);
    expect(after.map((p) => p.id).sort()).toEqual(ids);
    expect(after.every((p) => !p.pending && p.embedded)).toBe(true);
  });

  it('names each identifier that could not be fetched, loses nothing, and fills the rest', async () => {
    const c = await open();
    await importIds(c, LIST);
    const before = await allPapers(c);
    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    server.script.set(crossrefPath(work.doi), [{ status: 500, body: 'down' }]);
    const partial = await c.handlers['library.resolvePending']({});
    expect(partial).toMatchObject({ stubs: 3, filled: 2, stillPending: 1 });
    expect(partial.problems).toEqual([
      expect.objectContaining({ severity: 'error', record: `doi:${work.doi}`, message: expect.stringMatching(/^doi:10\.1145\/3529372\.3530912: Crossref metadata not fetched: .*HTTP 500 \(after 3 attempts\)/) }),
    ]);
    expect(server.seen.filter((s) => s.url.startsWith('/works/'))).toHaveLength(3);

    // Only the stub that failed is tried again; every attempt fails: the request fails, naming it.
    server.seen.length = 0;
    const error = await c.handlers['library.resolvePending']({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringMatching(/no pending stub could be filled \(1 tried; they stay pending\): doi:10\.1145\/3529372\.3530912: .*HTTP 500/) });
    expect(server.seen.every((s) => s.url === crossrefPath(work.doi))).toBe(true);
    const after = await allPapers(c);
    expect(after.map((p) => p.id).sort()).toEqual(before.map((p) => p.id).sort());
    expect(after.find((p) => p.doi === work.doi && p.arxivId === null)).toMatchObject({ pending: true, title: `doi:${work.doi} (metadata pending)` });
  });

  it('stops on library.cancel, keeping what was filled', async () => {
    const second = { ...work, doi: '10.1145/0000000.0000009', title: 'A second published paper' };
    const c = await open(1, 10_000);
    await importIds(c, `doi:${work.doi}\ndoi:${second.doi}\n`);
    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    // The second DOI's server is busy, and the retry waits 10 s: the cancel lands in that wait.
    server.script.set(crossrefPath(second.doi), [{ status: 503, body: 'busy' }]);
    const filledOne = new Promise<void>((resolve) => c.events.on('library.onDidProgress', (p) => p.added === 1 && resolve()));
    const running = c.handlers['library.resolvePending'](parseRequest('library.resolvePending', { importId: 'slow' }));
    await filledOne;
    expect(await c.handlers['library.cancel']({ importId: 'slow' })).toEqual({ cancelled: 1 });
    expect(await running).toMatchObject({ cancelled: true, filled: 1, stubs: 2 });
    const papers = await allPapers(c);
    expect(papers.find((p) => p.doi === work.doi)).toMatchObject({ title: work.title, pending: false, embedded: true });
    expect(papers.find((p) => p.doi === second.doi)).toMatchObject({ pending: true });
  });
});

describe('library.notDuplicate', () => {
  const preprint = { title: 'Specialized document embeddings for aspect-based similarity of scientific papers', abstract: 'Aspect-based document embeddings for research papers: task, method and dataset.', authors: ['Malte Ostendorff'], year: 2022, arxivId: '2205.13147' };
  const published = { title: 'Specialized Document Embeddings for Aspect-based Similarity of Research Papers', abstract: 'Aspect-based document embeddings for research papers: task, method and dataset. On Papers with Code.', authors: ['Malte Ostendorff'], year: 2022, doi: '10.1145/3529372.3530912' };

  it('hides a pair from library.duplicates for good, and brings it back on undo', async () => {
    const c = await open();
    const text = [preprint, published].map((r) => JSON.stringify(r)).join('\n');
    const [preId, pubId] = (await c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'two.jsonl', text }] }))).paperIds!;
    expect(await c.handlers['library.duplicates']({ limit: 10 })).toHaveLength(1);

    expect(await c.handlers['library.notDuplicate'](parseRequest('library.notDuplicate', { a: pubId!, b: preId! }))).toEqual({ a: pubId, b: preId, notDuplicate: true, changed: true });
    expect(await c.handlers['library.duplicates']({ limit: 10 })).toEqual([]);

    // Durable: a restarted core still leaves the pair out.
    await c.close();
    const again = await open();
    expect(await again.handlers['library.duplicates']({ limit: 10 })).toEqual([]);
    expect(await again.handlers['library.notDuplicate'](parseRequest('library.notDuplicate', { a: preId!, b: pubId!, undo: true }))).toMatchObject({ notDuplicate: false, changed: true });
    const back = await again.handlers['library.duplicates']({ limit: 10 });
    expect(back.map((p) => [p.a.id, p.b.id].sort())).toEqual([[preId, pubId].sort()]);

    await expect(again.handlers['library.notDuplicate'](parseRequest('library.notDuplicate', { a: preId!, b: 'missing' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(again.handlers['library.notDuplicate'](parseRequest('library.notDuplicate', { a: preId!, b: preId! }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
