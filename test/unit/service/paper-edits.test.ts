/** papers.delete / papers.restore / papers.update over a real LanceDB store and the fake embedder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type EventPayloads } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { FakeEmbedder } from './fake-embedder.ts';

const BIB = `@inproceedings{chen2020simclr,
  title = {A {{Simple Framework}} for {{Contrastive Learning}} of {{Visual Representations}}},
  booktitle = {Proceedings of the 37th {{International Conference}} on {{Machine Learning}}},
  author = {Chen, Ting and Hinton, Geoffrey},
  year = {2020},
  month = nov,
  file = {/home/ana/Zotero/storage/Q7XK2M4P/Chen.pdf},
  abstract = {We present SimCLR, a simple framework for contrastive learning of visual representations.}
}

@article{other2019graphs,
  title = {Graph Attention Networks for Citation Graphs},
  author = {Other, Olga},
  year = {2019},
  journal = {Journal of Graphs},
  doi = {10.1000/graphs.2019},
  abstract = {Attention over graph neighbourhoods for node classification on citation graphs.}
}

@article{third2018proteins,
  title = {Protein Folding With Attention},
  author = {Third, Tom},
  year = {2018},
  journal = {Journal of Proteins},
  abstract = {Predicting protein structures from sequences with an attention model.}
}
`;

let dataDir: string;
let core: FacetCore;
let embedder: FakeEmbedder;
let ids: string[];

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-paper-edits-'));
  embedder = new FakeEmbedder();
  core = await openFacet({ dataDir, embedder });
  const summary = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'lib.bib', text: BIB }] }));
  ids = summary.paperIds ?? [];
  expect(ids).toHaveLength(3);
});

afterEach(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const call = <N extends 'papers.delete' | 'papers.restore' | 'papers.update'>(name: N, args: unknown) =>
  (core.handlers[name] as (a: unknown) => Promise<Awaited<ReturnType<FacetCore['handlers'][N]>>>)(parseRequest(name, args));

describe('deleting papers', () => {
  it('deletes several papers with their reading state, and undo brings both back at their place', async () => {
    const [simclr, graphs, proteins] = ids as [string, string, string];
    await core.handlers['reading.set'](parseRequest('reading.set', { id: simclr, patch: { status: 'read', rating: 5, tags: ['cite'], note: 'key paper' } }));
    const before = await core.handlers['papers.list'](parseRequest('papers.list', {}));
    const keyBefore = (await core.handlers['papers.get']({ id: simclr })).citeKey;
    const changes: EventPayloads['library.onDidChange'][] = [];
    core.events.on('library.onDidChange', (payload) => changes.push(payload));

    const result = await call('papers.delete', { ids: [simclr, graphs, simclr] });
    expect(result).toMatchObject({ deleted: [simclr, graphs], readingKept: 1 });
    expect(changes.at(-1)).toEqual({ papers: 1 });
    await expect(core.handlers['papers.get']({ id: simclr })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await core.handlers['papers.list'](parseRequest('papers.list', {}))).items.map((p) => p.id)).toEqual([proteins]);
    expect(await core.handlers['papers.search'](parseRequest('papers.search', { query: 'contrastive', mode: 'keyword' }))).toEqual([]);
    const state = await core.handlers['reading.get']({ id: simclr });
    expect(state === null || (state.status === 'none' && state.rating === null && state.tags.length === 0)).toBe(true);

    const restored = await call('papers.restore', { undoToken: result.undoToken });
    expect(restored).toEqual({ restored: [simclr, graphs], alreadyPresent: [] });
    const after = await core.handlers['papers.list'](parseRequest('papers.list', {}));
    expect(after.items.map((p) => p.id)).toEqual(before.items.map((p) => p.id));
    const back = await core.handlers['papers.get']({ id: simclr });
    expect(back).toMatchObject({ embedded: true, citeKey: keyBefore, title: 'A Simple Framework for Contrastive Learning of Visual Representations' });
    expect(await core.handlers['reading.get']({ id: simclr })).toMatchObject({ status: 'read', rating: 5, tags: ['cite'], note: 'key paper' });
    const hits = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'contrastive', mode: 'keyword' }));
    expect(hits.map((h) => h.paper.id)).toEqual([simclr]);
    // The BibTeX record came back too: the export is the entry as it was.
    const exported = await core.handlers['export.run'](parseRequest('export.run', { format: 'bibtex', selection: { kind: 'ids', ids: [simclr] } }));
    expect(exported.text).toContain('  month = nov,\n  file = {/home/ana/Zotero/storage/Q7XK2M4P/Chen.pdf},');
    // An undo token works once.
    await expect(call('papers.restore', { undoToken: result.undoToken })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('checks every id before deleting anything', async () => {
    await expect(call('papers.delete', { ids: [ids[0], 'no-such-paper'] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no-such-paper') });
    expect((await core.handlers['library.stats']({})).papers).toBe(3);
  });

  it('leaves out papers stored again since the deletion', async () => {
    const { undoToken } = await call('papers.delete', { ids: [ids[1]] });
    await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'again.bib', text: BIB }] }));
    expect(await call('papers.restore', { undoToken })).toEqual({ restored: [], alreadyPresent: [ids[1]] });
  });

  it('prunes kept deletions after a week', async () => {
    const { undoToken } = await call('papers.delete', { ids: [ids[2]] });
    const file = path.join(dataDir, 'deleted', `${undoToken}.json`);
    expect(fs.existsSync(file)).toBe(true);
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { deletedAt: string };
    fs.writeFileSync(file, JSON.stringify({ ...kept, deletedAt: new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString() }));
    await call('papers.delete', { ids: [ids[1]] });
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('editing a paper', () => {
  it('changes metadata, re-embeds and re-tags the paper, keeps id, key and reading state, and exports the edit', async () => {
    const [simclr] = ids as [string];
    await core.handlers['reading.set'](parseRequest('reading.set', { id: simclr, patch: { status: 'to-read' } }));
    const embedCalls = embedder.calls;
    const updated = await call('papers.update', {
      id: simclr,
      patch: { title: 'SimCLR: Contrastive Learning of Visual Representations', authors: ['Ting Chen', 'Simon Kornblith'], year: 2021, venue: 'ICML', arxivId: 'arXiv:2002.05709', abstract: 'Protein structures and folding.' },
    });
    expect(updated).toMatchObject({ id: simclr, title: 'SimCLR: Contrastive Learning of Visual Representations', authors: ['Ting Chen', 'Simon Kornblith'], year: 2021, venue: 'ICML', arxivId: '2002.05709', citeKey: 'chen2020simclr', embedded: true });
    expect(embedder.calls).toBeGreaterThan(embedCalls);
    expect(updated.links).toMatchObject({ arxiv: 'https://arxiv.org/abs/2002.05709', findOnSemanticScholar: expect.stringContaining('semanticscholar.org/search?q=SimCLR') });
    expect((await core.handlers['papers.get']({ id: simclr })).links?.arxiv).toBe('https://arxiv.org/abs/2002.05709');
    expect(await core.handlers['reading.get']({ id: simclr })).toMatchObject({ status: 'to-read' });
    // The new abstract is what similarity and search see now.
    const neighbours = await core.handlers['papers.similar']({ id: simclr, aspect: 'generic', k: 1 });
    expect(neighbours[0]!.paper.title).toBe('Protein Folding With Attention');
    expect((await core.handlers['papers.search'](parseRequest('papers.search', { query: 'protein', mode: 'keyword' }))).map((h) => h.paper.id)).toContain(simclr);
    const bib = (await core.handlers['export.run'](parseRequest('export.run', { format: 'bibtex', selection: { kind: 'ids', ids: [simclr] } }))).text!;
    expect(bib).toContain('@inproceedings{chen2020simclr,');
    expect(bib).toContain('  title = {{SimCLR: Contrastive Learning of Visual Representations}},');
    expect(bib).toContain('  booktitle = {ICML},');
    expect(bib).toContain('  author = {Chen, Ting and Kornblith, Simon},');
    expect(bib).toContain('  year = {2021},');
    expect(bib).toContain('  month = nov,');
    expect(bib).toContain('  eprint = {2002.05709}');
    const csl = JSON.parse((await core.handlers['export.run'](parseRequest('export.run', { format: 'csl-json', selection: { kind: 'ids', ids: [simclr] } }))).text!) as Record<string, unknown>[];
    expect(csl[0]).toMatchObject({ title: 'SimCLR: Contrastive Learning of Visual Representations', 'container-title': 'ICML', issued: { 'date-parts': [[2021]] } });
  });

  it('rejects an edit that gives the paper another paper\'s DOI, a malformed DOI, and unknown ids', async () => {
    await expect(call('papers.update', { id: ids[0], patch: { doi: 'https://doi.org/10.1000/graphs.2019' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('merge') });
    await expect(call('papers.update', { id: ids[0], patch: { doi: 'not a doi' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(call('papers.update', { id: 'nope', patch: { title: 'X' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => parseRequest('papers.update', { id: ids[0], patch: { title: '   ' } })).toThrow(/needs a title/);
    expect(() => parseRequest('papers.update', { id: ids[0], patch: {} })).toThrow(/changes nothing/);
    const cleared = await call('papers.update', { id: ids[1], patch: { doi: null, venue: '' } });
    expect(cleared).toMatchObject({ doi: null, venue: null });
  });
});
