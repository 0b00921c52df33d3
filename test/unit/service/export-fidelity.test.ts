/**
 * Exports as Zotero + Better BibTeX users need them, through the whole core (importer, store,
 * exporter): a Better BibTeX library comes back entry for entry and field for field, CSL-JSON and
 * RIS libraries likewise, keys are stable, and reading state goes out only when asked for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type RequestArgs } from '../../../src-main/common/contract.ts';
import { scanBibtexFields } from '../../../src-main/core/import/bibtex-fields.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { buildZoteroLibrary } from '../../fixtures/library/zotero-fixture.ts';
import { FakeEmbedder } from './fake-embedder.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const BBT = fs.readFileSync(path.join(FIXTURES, 'export/zotero-better-bibtex.bib'), 'utf8');

let dataDir: string;
let cores: FacetCore[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-export-fidelity-'));
});

afterEach(async () => {
  for (const core of cores) await core.close();
  cores = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<FacetCore> {
  const core = await openFacet({ dataDir, embedder: new FakeEmbedder() });
  cores.push(core);
  return core;
}

/** Imports text; `skipped` names the records the fixture has without a title (reported and skipped by design). */
async function importText(core: FacetCore, name: string, text: string, skipped: string[] = []): Promise<string[]> {
  const summary = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name, text }] }));
  expect(summary.problems.filter((p) => p.severity === 'error').map((p) => p.record)).toEqual(skipped);
  return summary.paperIds ?? [];
}

async function exportText(core: FacetCore, args: RequestArgs<'export.run'>): Promise<string> {
  const result = await core.handlers['export.run'](parseRequest('export.run', args));
  return result.text ?? '';
}

function entries(text: string) {
  return text
    .split(/\n(?=@)/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => scanBibtexFields(entry)!);
}

describe('Better BibTeX library round trip', () => {
  it('gives back every entry with its key, entry type and every field as written', async () => {
    const core = await open();
    const ids = await importText(core, 'My Library.bib', BBT);
    expect(ids).toHaveLength(33);
    const exported = await exportText(core, { format: 'bibtex', selection: { kind: 'ids', ids } });
    const before = entries(BBT);
    const after = entries(exported);
    expect(after).toHaveLength(before.length);
    after.forEach((entry, index) => expect(entry, before[index]!.key).toEqual(before[index]));
    // Better BibTeX's own layout, so the file is the same text too.
    expect(exported.trim()).toBe(BBT.trim());
    expect(exported).toContain('@inproceedings{chen2020simclr,');
    expect(exported).toContain('  booktitle = {Proceedings of the 37th {{International Conference}} on {{Machine Learning}}},');
    expect(exported).toContain('  month = nov,');
    expect(exported).toContain('  author = {Erd{\\H o}s, P{\\\'a}l and R{\\\'e}nyi, Alfr{\\\'e}d},');
  });

  it('keeps keys and entry types in CSL-JSON and RIS', async () => {
    const core = await open();
    const ids = await importText(core, 'My Library.bib', BBT);
    const csl = JSON.parse(await exportText(core, { format: 'csl-json', selection: { kind: 'ids', ids } })) as Record<string, unknown>[];
    const byKey = new Map(csl.map((item) => [item['citation-key'], item]));
    expect(byKey.get('chen2020simclr')).toMatchObject({ id: 'chen2020simclr', type: 'paper-conference', 'container-title': 'Proceedings of the 37th International Conference on Machine Learning' });
    expect(byKey.get('goodfellow2016deep')).toMatchObject({ type: 'book', publisher: 'MIT Press' });
    expect(byKey.get('mikolov2012statistical')).toMatchObject({ type: 'thesis', author: [{ family: 'Mikolov', given: 'Tomáš' }] });
    expect(byKey.get('bengio2012practical')).toMatchObject({ type: 'chapter', page: '437-478' });
    const ris = await exportText(core, { format: 'ris', selection: { kind: 'ids', ids } });
    expect(ris).toMatch(/^TY {2}- CPAPER\nID {2}- chen2020simclr\n/m);
    expect(ris).toMatch(/^TY {2}- BOOK\nID {2}- goodfellow2016deep\n/m);
    expect(ris.match(/^ER {2}- $/gm)).toHaveLength(33);
  });
});

describe('CSL-JSON and RIS round trips', () => {
  it('gives back Zotero CSL-JSON items as they were', async () => {
    const core = await open();
    const text = fs.readFileSync(path.join(FIXTURES, 'import/zotero-csl.json'), 'utf8');
    const ids = await importText(core, 'zotero.json', text, ['DDDD4444']);
    const exported = JSON.parse(await exportText(core, { format: 'csl-json', selection: { kind: 'ids', ids } }));
    const original = (JSON.parse(text) as Record<string, unknown>[]).filter((item) => typeof item['title'] === 'string');
    expect(exported).toEqual(original);
  });

  it('gives back every RIS tag line in order', async () => {
    const core = await open();
    const text = fs.readFileSync(path.join(FIXTURES, 'import/good.ris'), 'utf8');
    const ids = await importText(core, 'good.ris', text, ['ris-five']);
    const exported = await exportText(core, { format: 'ris', selection: { kind: 'ids', ids } });
    const first = exported.split('ER  - ')[0]!;
    expect(first).toBe(
      [
        'TY  - JOUR',
        'ID  - ris-one',
        'TI  - Sparse Lexical Expansion for Long Scientific Documents',
        'AU  - Haddad, Yasmin',
        'AU  - Ortiz, Pablo',
        'PY  - 2022/05/17/',
        'JO  - Journal of Invented Retrieval',
        'DO  - https://doi.org/10.5555/FACET.2022.017.',
        'AB  - We expand documents with predicted terms before indexing. The expansion covers section headings and captions as well as body text.',
        'UR  - https://example.org/papers/sparse-expansion',
        '',
      ].join('\n'),
    );
    expect(exported).toContain('ID  - ris-two');
  });
});

describe('reading state and dismissed papers in exports', () => {
  it('writes reading state only when asked, in fields styles do not print, and leaves dismissed papers out', async () => {
    const core = await open();
    const ids = await importText(core, 'My Library.bib', BBT);
    const [simclr, attention] = ids;
    await core.handlers['reading.set'](parseRequest('reading.set', { id: simclr!, patch: { status: 'read', rating: 5, tags: ['to-cite'], note: 'Use for §2' } }));
    await core.handlers['reading.set'](parseRequest('reading.set', { id: attention!, patch: { status: 'dismissed' } }));

    const plain = await exportText(core, { format: 'bibtex', selection: { kind: 'ids', ids: [simclr!, attention!] } });
    expect(entries(plain)).toEqual([entries(BBT)[0]]);

    const withState = await exportText(core, { format: 'bibtex', selection: { kind: 'ids', ids: [simclr!, attention!] }, withReadingState: true, includeDismissed: true });
    const [first, second] = entries(withState);
    const fields = new Map(first!.fields);
    expect(fields.get('keywords')).toBe('{contrastive learning,self-supervised, to-cite}');
    expect(fields.get('facet-status')).toBe('{read}');
    expect(fields.get('facet-rating')).toBe('{5}');
    expect(fields.get('facet-note')).toBe('{Use for §2}');
    expect(fields.has('note')).toBe(false);
    expect(new Map(second!.fields).get('facet-status')).toBe('{dismissed}');

    const readingList = await exportText(core, { format: 'csl-json', selection: { kind: 'reading' } });
    expect((JSON.parse(readingList) as unknown[]).length).toBe(1);
    const dismissedAsked = await exportText(core, { format: 'csl-json', selection: { kind: 'reading', status: ['dismissed'] } });
    expect(JSON.parse(dismissedAsked)).toMatchObject([{ id: 'vaswani2017attention' }]);
  });
});

describe('generated citation keys', () => {
  const digest = (titles: string[]) => ['Mar 14', '', ...titles.flatMap((title) => [title, '', `${title} is studied here with a long enough abstract. We report results on several benchmarks.`, ''])].join('\n');

  it('gives papers without a key one from author, year and title, disambiguated, and never changes it', async () => {
    let core = await open();
    const ids = await importText(core, 'digest.txt', digest(['Contrastive Learning at Scale', 'Contrastive Learning Revisited']));
    const keysOf = async (c: FacetCore, list: string[]) => Promise.all(list.map(async (id) => (await c.handlers['papers.get']({ id })).citeKey));
    const first = await keysOf(core, ids);
    expect(first[0]).toMatch(/^\d{4}contrastive$/);
    expect(first[1]).toBe(`${first[0]}a`);
    await core.close();
    cores = [];
    core = await open();
    expect(await keysOf(core, ids)).toEqual(first);
    const bib = await exportText(core, { format: 'bibtex', selection: { kind: 'ids', ids } });
    expect(bib).toContain(`@misc{${first[0]},`);
    expect(bib).toMatch(/year = \{\d{4}\}/);
  });
});

describe('Zotero library citation keys', () => {
  it('keeps the key Zotero 7 or Better BibTeX gave an item', async () => {
    const zoteroDir = path.join(dataDir, 'zotero');
    fs.mkdirSync(zoteroDir);
    await buildZoteroLibrary(zoteroDir, [
      { key: 'AAAA1111', type: 'journalArticle', fields: { title: 'Pinned by Better BibTeX', date: '2021-00-00 2021', extra: 'tex.note: x\nCitation Key: pinned2021key' }, creators: ['Ann Lee'] },
      { key: 'BBBB2222', type: 'journalArticle', fields: { title: 'Keyed in Zotero 7', date: '2022-00-00 2022', citationKey: 'native2022key' }, creators: ['Bo Chen'] },
      { key: 'CCCC3333', type: 'journalArticle', fields: { title: 'No Key Anywhere', date: '2023-00-00 2023' }, creators: ['Cy Young'] },
    ]);
    const core = await open();
    const summary = await core.handlers['library.import'](parseRequest('library.import', { source: { kind: 'zotero', dataDir: zoteroDir } }));
    expect(summary.added).toBe(3);
    const page = await core.handlers['papers.list'](parseRequest('papers.list', { sort: 'title' }));
    const keys = await Promise.all(page.items.map(async (p) => [p.title, (await core.handlers['papers.get']({ id: p.id })).citeKey]));
    expect(Object.fromEntries(keys)).toEqual({ 'Keyed in Zotero 7': 'native2022key', 'No Key Anywhere': 'young2023no', 'Pinned by Better BibTeX': 'pinned2021key' });
  });
});
