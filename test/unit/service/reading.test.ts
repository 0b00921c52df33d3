/**
 * The reading handlers of openFacet (service/reading-handlers.ts) over a real LanceDB store and the
 * fake embedder: edits, events, list filters and sorts, For you with not-relevant + undo, the
 * digest after an import, and exports that import back without duplicates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRequest, type EventPayloads } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { FakeEmbedder } from './fake-embedder.ts';

const PAPERS: { title: string; abstract: string; arxivId?: string; doi?: string; authors?: string[]; year?: number }[] = [
  { title: 'Contrastive learning of sentence embeddings', abstract: 'We train a BERT encoder with a contrastive loss on SNLI for semantic textual similarity.', arxivId: '2104.08821' },
  { title: 'Contrastive sentence representations with hard negatives', abstract: 'Sentence embeddings from a contrastive loss with hard negatives on SNLI and MNLI.', arxivId: '2201.00001' },
  { title: 'Unsupervised contrastive sentence embeddings from dropout', abstract: 'Dropout noise as augmentation for contrastive sentence embeddings evaluated on STS.', arxivId: '2201.00002' },
  { title: 'Graph attention networks', abstract: 'Attention over graph neighbourhoods for node classification on Cora and Citeseer.', doi: '10.1000/gat' },
  { title: 'Graph convolutional networks for node classification', abstract: 'Spectral graph convolutions for semi-supervised node classification on Cora and Pubmed.', doi: '10.1000/gcn' },
  { title: 'Protein folding with attention', abstract: 'Predicting protein structures from sequences with an attention model trained on PDB.', doi: '10.1000/fold' },
];

let dataDir: string;
let cores: FacetCore[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-reading-service-'));
});

afterEach(async () => {
  for (const core of cores) await core.close();
  cores = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function open(embedder = new FakeEmbedder()): Promise<FacetCore> {
  const core = await openFacet({ dataDir, embedder });
  cores.push(core);
  return core;
}

async function withPapers(): Promise<{ core: FacetCore; ids: Map<string, string>; paperIds: string[] }> {
  const core = await open();
  const summary = await core.handlers['import.run'](
    parseRequest('import.run', {
      sources: [{ kind: 'text', name: 'papers.jsonl', text: PAPERS.map((p, i) => JSON.stringify({ ...p, authors: [`Author ${i}`, 'Ada Lovelace'], year: 2020 + i })).join('\n') }],
    }),
  );
  expect(summary.added).toBe(PAPERS.length);
  const page = await core.handlers['papers.list'](parseRequest('papers.list', {}));
  return { core, ids: new Map(page.items.map((p) => [p.title, p.id])), paperIds: summary.paperIds ?? [] };
}

/** Validation and the handler together, as a transport runs them: both failures become a rejection. */
async function call(core: FacetCore, name: 'reading.set' | 'reading.setMany', args: unknown): Promise<unknown> {
  return (core.handlers[name] as (a: unknown) => Promise<unknown>)(parseRequest(name, args));
}

describe('reading handlers', () => {
  it('sets, gets and lists reading state, emits reading.onDidChange, and rejects unknown ids and bad patches', async () => {
    const { core, ids } = await withPapers();
    const events: EventPayloads['reading.onDidChange'][] = [];
    core.events.on('reading.onDidChange', (payload) => events.push(payload));
    const id = ids.get(PAPERS[0]!.title)!;
    const edit = await core.handlers['reading.set'](parseRequest('reading.set', { id, patch: { status: 'read', rating: 5, tags: ['  nlp ', 'nlp', 'קריאה'], note: '# Notes\n\n*good* 🎉' } }));
    expect(edit.previous).toBeNull();
    expect(edit.current).toMatchObject({ paperId: id, status: 'read', rating: 5, tags: ['nlp', 'קריאה'], note: '# Notes\n\n*good* 🎉' });
    expect(edit.current.changedAt.status).toBeTypeOf('string');
    expect(events).toEqual([{ paperId: id, current: edit.current, external: false }]);
    expect(await core.handlers['reading.get'](parseRequest('reading.get', { id }))).toEqual(edit.current);
    expect(await core.handlers['reading.get'](parseRequest('reading.get', { id: ids.get(PAPERS[3]!.title)! }))).toBeNull();

    // A note of more than 1 MB in mixed scripts passes the contract and comes back intact.
    const bigNote = `${'Ünïcødé ✓ 漢字 — עברית 🎉 e\u0301\n'.repeat(40_000)}`;
    expect(Buffer.byteLength(bigNote, 'utf8')).toBeGreaterThan(1024 * 1024);
    const bigId = ids.get(PAPERS[5]!.title)!;
    await core.handlers['reading.set'](parseRequest('reading.set', { id: bigId, patch: { note: bigNote } }));
    expect((await core.handlers['reading.get'](parseRequest('reading.get', { id: bigId })))!.note).toBe(bigNote);
    await core.handlers['reading.set'](parseRequest('reading.set', { id: bigId, patch: { note: '' } }));

    await expect(call(core, 'reading.set', { id: 'no-such-paper', patch: { status: 'read' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(core, 'reading.set', { id, patch: { rating: 6 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('patch.rating') });
    await expect(call(core, 'reading.set', { id, patch: { colour: 'red' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const bulk = await core.handlers['reading.setMany'](parseRequest('reading.setMany', { ids: [ids.get(PAPERS[3]!.title)!, ids.get(PAPERS[4]!.title)!], patch: { status: 'to-read', tags: ['graphs'] } }));
    expect(bulk.map((e) => e.current.status)).toEqual(['to-read', 'to-read']);
    await expect(call(core, 'reading.setMany', { ids: [id, 'missing'], patch: { status: 'read' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Nothing was written for the failed bulk edit.
    expect((await core.handlers['reading.get'](parseRequest('reading.get', { id })))!.status).toBe('read');

    const all = await core.handlers['reading.list'](parseRequest('reading.list', {}));
    expect(all.total).toBe(3);
    expect(all.items.every((item) => item.paper !== null)).toBe(true);
    const toRead = await core.handlers['reading.list'](parseRequest('reading.list', { status: ['to-read'] }));
    expect(toRead.items.map((item) => item.paper!.title).sort()).toEqual([PAPERS[3]!.title, PAPERS[4]!.title].sort());
    expect((await core.handlers['reading.list'](parseRequest('reading.list', { tag: 'קריאה' }))).items.map((i) => i.reading.paperId)).toEqual([id]);
    const byRating = await core.handlers['reading.list'](parseRequest('reading.list', { sort: 'rating' }));
    expect(byRating.items[0]!.reading.paperId).toBe(id);
    const byRelevance = await core.handlers['reading.list'](parseRequest('reading.list', { sort: 'relevance', aspect: 'generic' }));
    expect(byRelevance.items.every((item) => typeof item.score === 'number')).toBe(true);
    expect(await core.handlers['reading.tags']({})).toEqual([
      { tag: 'graphs', count: 2 },
      { tag: 'nlp', count: 1 },
      { tag: 'קריאה', count: 1 },
    ]);
  });

  it('reading.setMany edits every paper in one journal write (one fsync), with per-paper results, undo and events', async () => {
    const { core, ids } = await withPapers();
    const [a, b, c] = [PAPERS[0]!, PAPERS[1]!, PAPERS[2]!].map((paper) => ids.get(paper.title)!) as [string, string, string];
    const single = await core.handlers['reading.set'](parseRequest('reading.set', { id: b, patch: { status: 'read', tags: ['old'] } }));
    const events: EventPayloads['reading.onDidChange'][] = [];
    core.events.on('reading.onDidChange', (payload) => events.push(payload));
    const fsyncs = vi.spyOn(fs, 'fsyncSync');
    try {
      const edits = await core.handlers['reading.setMany'](parseRequest('reading.setMany', { ids: [a, b, c, a], patch: { status: 'to-read', tags: ['bulk'] } }));
      expect(fsyncs).toHaveBeenCalledTimes(1);
      // Repeated ids are edited once, in first-seen order; each result is what reading.set returns.
      expect(edits.map((edit) => edit.current.paperId)).toEqual([a, b, c]);
      expect(edits[1]!.previous).toEqual(single.current);
      expect(edits[1]!.undo).toEqual({ status: 'read', tags: ['old'] });
      expect(edits[0]).toMatchObject({ previous: null, undo: { status: 'none', tags: [] } });
      expect(edits.every((edit) => edit.current.status === 'to-read' && edit.current.tags.join() === 'bulk')).toBe(true);
      expect(events).toEqual(edits.map((edit) => ({ paperId: edit.current.paperId, current: edit.current, external: false })));
      for (const edit of edits) expect(await core.handlers['reading.get'](parseRequest('reading.get', { id: edit.current.paperId }))).toEqual(edit.current);

      // The same validation as reading.set, and nothing written when any id or field is bad.
      fsyncs.mockClear();
      await expect(call(core, 'reading.setMany', { ids: [a, 'missing'], patch: { status: 'read' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(call(core, 'reading.setMany', { ids: [a, b], patch: { rating: 6 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('patch.rating') });
      await expect(call(core, 'reading.setMany', { ids: [], patch: { status: 'read' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(fsyncs).not.toHaveBeenCalled();
      expect(events).toHaveLength(3);
      expect((await core.handlers['reading.get'](parseRequest('reading.get', { id: a })))!.status).toBe('to-read');
    } finally {
      fsyncs.mockRestore();
    }
  });

  it('reading.setMany results undo per paper, back to each paper\'s own earlier state', async () => {
    const { core, ids } = await withPapers();
    const [a, b] = [PAPERS[0]!, PAPERS[1]!].map((paper) => ids.get(paper.title)!) as [string, string];
    await core.handlers['reading.set'](parseRequest('reading.set', { id: b, patch: { status: 'read', tags: ['old'] } }));
    const edits = await core.handlers['reading.setMany'](parseRequest('reading.setMany', { ids: [a, b], patch: { status: 'dismissed', tags: ['bulk'] } }));
    for (const edit of edits) await core.handlers['reading.set'](parseRequest('reading.set', { id: edit.current.paperId, patch: edit.undo }));
    expect(await core.handlers['reading.get'](parseRequest('reading.get', { id: a }))).toMatchObject({ status: 'none', tags: [] });
    expect(await core.handlers['reading.get'](parseRequest('reading.get', { id: b }))).toMatchObject({ status: 'read', tags: ['old'] });
  });

  it('ranks For you with reasons, drops a not-relevant paper at once, and undo restores the ranking', async () => {
    const { core, ids } = await withPapers();
    const empty = await core.handlers['recommend.forYou'](parseRequest('recommend.forYou', {}));
    expect(empty).toMatchObject({ method: 'none', items: [] });

    const liked = ids.get(PAPERS[0]!.title)!;
    await core.handlers['reading.set'](parseRequest('reading.set', { id: liked, patch: { status: 'read', rating: 5 } }));
    const before = await core.handlers['recommend.forYou'](parseRequest('recommend.forYou', { aspect: 'generic', k: 10 }));
    expect(before.method).toBe('centroid');
    expect(before.items.map((i) => i.paper.id)).not.toContain(liked);
    expect(before.items).toHaveLength(PAPERS.length - 1);
    const top = before.items[0]!;
    expect(top.liked[0]!.paper.id).toBe(liked);
    expect(top.reason).toContain(`“${PAPERS[0]!.title}”`);
    for (let i = 1; i < before.items.length; i++) expect(before.items[i]!.score).toBeLessThanOrEqual(before.items[i - 1]!.score);

    const edit = await core.handlers['recommend.notRelevant'](parseRequest('recommend.notRelevant', { id: top.paper.id }));
    expect(edit.current.notRelevant).toBe(true);
    const after = await core.handlers['recommend.forYou'](parseRequest('recommend.forYou', { aspect: 'generic', k: 10 }));
    expect(after.items.map((i) => i.paper.id)).not.toContain(top.paper.id);
    expect(after.negatives).toBe(1);

    await core.handlers['reading.set'](parseRequest('reading.set', { id: top.paper.id, patch: edit.undo }));
    const undone = await core.handlers['recommend.forYou'](parseRequest('recommend.forYou', { aspect: 'generic', k: 10 }));
    expect(undone.items.map((i) => [i.paper.id, i.score])).toEqual(before.items.map((i) => [i.paper.id, i.score]));
    // "Not relevant" alone does not put a paper on the reading list.
    expect((await core.handlers['reading.list'](parseRequest('reading.list', {}))).items.map((i) => i.reading.paperId)).toEqual([liked]);
  });

  it('ranks an imported digest by its paperIds and marks the top ones', async () => {
    const { core, ids, paperIds } = await withPapers();
    expect(paperIds).toHaveLength(PAPERS.length);
    const unranked = await core.handlers['recommend.digest'](parseRequest('recommend.digest', { ids: paperIds }));
    expect(unranked.method).toBe('none');
    expect(unranked.items.map((i) => i.paper.id)).toEqual(paperIds);
    await core.handlers['reading.set'](parseRequest('reading.set', { id: ids.get(PAPERS[3]!.title)!, patch: { status: 'read' } }));
    const ranked = await core.handlers['recommend.digest'](parseRequest('recommend.digest', { ids: [...paperIds, 'not-in-library'], top: 1 }));
    expect(ranked.items).toHaveLength(PAPERS.length);
    expect(ranked.items.filter((i) => i.top).map((i) => i.paper.title)).toEqual([PAPERS[4]!.title]);
    expect(ranked.items.find((i) => i.paper.title === PAPERS[3]!.title)).toMatchObject({ top: false, reading: { status: 'read' } });
  });

  it('exports the reading list as BibTeX, CSL-JSON and Markdown; BibTeX and CSL-JSON import back as duplicates', async () => {
    const { core, ids } = await withPapers();
    const marked = [PAPERS[0]!, PAPERS[3]!].map((p) => ids.get(p.title)!);
    await core.handlers['reading.setMany'](parseRequest('reading.setMany', { ids: marked, patch: { status: 'to-read', note: 'Read the { braces } & 100% of it' } }));
    for (const format of ['bibtex', 'csl-json'] as const) {
      const result = await core.handlers['export.run'](parseRequest('export.run', { format, selection: { kind: 'reading', status: ['to-read'] } }));
      expect(result).toMatchObject({ format, count: 2, path: null });
      expect(result.bytes).toBe(Buffer.byteLength(result.text!, 'utf8'));
      const summary = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: result.fileName, text: result.text! }] }));
      expect(summary).toMatchObject({ parsed: 2, added: 0, duplicates: 2 });
      expect([...(summary.paperIds ?? [])].sort()).toEqual([...marked].sort());
    }
    const file = path.join(dataDir, 'out', 'list.md');
    const markdown = await core.handlers['export.run'](parseRequest('export.run', { format: 'markdown', selection: { kind: 'ids', ids: marked }, path: file }));
    expect(markdown).toMatchObject({ path: file, text: null, count: 2 });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(PAPERS[0]!.title);
    expect(text).toContain('to-read');
    expect((await core.handlers['library.stats']({})).papers).toBe(PAPERS.length);
  });

  it('keeps reading state when the library is reopened with another model and re-embedded', async () => {
    const { core, ids } = await withPapers();
    const id = ids.get(PAPERS[2]!.title)!;
    const edit = await core.handlers['reading.set'](parseRequest('reading.set', { id, patch: { status: 'reading', tags: ['dropout'], rating: 4 } }));
    await core.close();
    cores = [];
    const reopened = await open(new FakeEmbedder('another-model', 16));
    await reopened.idle();
    expect((await reopened.handlers['library.stats']({})).pendingEmbedding).toBe(0);
    expect(await reopened.handlers['reading.get'](parseRequest('reading.get', { id }))).toEqual(edit.current);
    const forYou = await reopened.handlers['recommend.forYou'](parseRequest('recommend.forYou', {}));
    expect(forYou.positives).toBe(1);
  });

  it('sees edits another process makes to the same data folder', async () => {
    const { core, ids } = await withPapers();
    const other = await open();
    const events: EventPayloads['reading.onDidChange'][] = [];
    core.events.on('reading.onDidChange', (payload) => events.push(payload));
    const id = ids.get(PAPERS[5]!.title)!;
    await other.handlers['reading.set'](parseRequest('reading.set', { id, patch: { status: 'dismissed' } }));
    // get() reads what the other writer appended; the poll would find it within READING_POLL_MS too.
    expect((await core.handlers['reading.get'](parseRequest('reading.get', { id })))!.status).toBe('dismissed');
    expect(events).toEqual([expect.objectContaining({ paperId: id, external: true })]);
  });

  it('sees edits of another process that compacts the journal on close (the CLI), each reported once', async () => {
    const { core, ids } = await withPapers();
    const events: EventPayloads['reading.onDidChange'][] = [];
    core.events.on('reading.onDidChange', (payload) => events.push(payload));
    const targets = [PAPERS[0]!, PAPERS[1]!, PAPERS[2]!].map((paper) => ids.get(paper.title)!);
    for (const [round, id] of targets.entries()) {
      await call(core, 'reading.set', { id: ids.get(PAPERS[5]!.title)!, patch: { note: `round ${round}` } });
      const other = await openFacet({ dataDir, embedder: new FakeEmbedder() });
      await other.handlers['reading.set'](parseRequest('reading.set', { id, patch: { status: 'to-read' } }));
      await other.close();
      expect((await core.handlers['reading.get'](parseRequest('reading.get', { id })))!.status, `round ${round}`).toBe('to-read');
    }
    const external = events.filter((event) => event.external);
    expect(external.map((event) => event.paperId)).toEqual(targets);
    expect(external.every((event) => event.current.status === 'to-read')).toBe(true);
  });
});
