import { describe, expect, it } from 'vitest';
import { exportPapers, EXPORT_FORMATS, citationKey, escapeLatex, toCslItems } from '../../../src-main/core/export/index.ts';
import type { ExportItem, ExportPaper } from '../../../src-main/core/export/index.ts';
import { readSource, paperIdFor, normaliseTitle } from '../../../src-main/core/import/index.ts';
import type { ParsedRecord } from '../../../src-main/core/types.ts';
import type { ReadingState } from '../../../src-main/core/reading/index.ts';

function paper(fields: Partial<ExportPaper> & { title: string }): ExportPaper {
  const base = { authors: [], year: null, date: null, venue: null, arxivId: null, doi: null, url: null, ...fields };
  return { ...base, id: paperIdFor(base) };
}

function reading(paperId: string, fields: Partial<ReadingState>): ReadingState {
  return {
    paperId,
    status: 'none',
    tags: [],
    note: '',
    rating: null,
    notRelevant: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    changedAt: {},
    ...fields,
  };
}

const PAPERS: ExportPaper[] = [
  paper({
    title: 'Specialized Document Embeddings for Aspect-based Similarity of Research Papers',
    authors: ['Malte Ostendorff', 'Till Blume', 'Terry Ruas', 'Bela Gipp', 'Georg Rehm'],
    year: 2022,
    date: '2022-05-28',
    venue: 'JCDL 2022',
    arxivId: '2203.14541',
    doi: '10.1145/3529372.3530912',
    url: 'https://arxiv.org/abs/2203.14541',
    abstract: 'Document embeddings and similarity measures underpin content-based recommender systems.',
  }),
  paper({
    title: 'Über α-Nets: 50% & more, with_under #hash and $dollar',
    authors: ['Jan van der Berg', 'Nguyễn Thị Minh', '张伟'],
    year: 2021,
    arxivId: 'hep-th/9901001',
    abstract: 'Ünïcödé abstract with 100% of the specials: & % $ # _ ~ ^.',
  }),
  paper({ title: 'A Title-Only Paper Without Identifiers', authors: ['Plato'] }),
  paper({
    title: 'Old DOI With Odd Characters',
    authors: ['Jane Smith'],
    year: 1990,
    doi: '10.1002/(sici)1097-4571(199006)41:6<391::aid-asi1>3.0.co;2-9',
    abstract: 'An old paper whose DOI has brackets, colons and angle brackets.',
  }),
  paper({ title: 'Contrastive Learning Twice', authors: ['Jane Smith'], year: 1990, arxivId: '2002.05709', abstract: 'Same first author and year as the previous paper.' }),
];

const ITEMS: ExportItem[] = PAPERS.map((p, index) => ({
  paper: p,
  reading:
    index === 0
      ? reading(p.id, { status: 'read', rating: 5, tags: ['aspects', '深層学習'], note: '# Why\n\nSee arXiv:1111.2222 and 10.9999/other: *great*.\n\n- point' })
      : index === 1
        ? reading(p.id, { status: 'to-read', tags: ['physics'] })
        : null,
}));

async function reimport(text: string, name: string): Promise<ParsedRecord[]> {
  const records: ParsedRecord[] = [];
  for await (const item of readSource({ kind: 'text', name, text })) {
    if (item.kind === 'record') records.push(item.record);
    else if (item.problem.severity === 'error') throw new Error(`${item.problem.source}:${item.problem.line}: ${item.problem.message}`);
  }
  return records;
}

describe('export round trip through Facet importers', () => {
  for (const [format, name] of [
    ['bibtex', 'list.bib'],
    ['csl-json', 'list.json'],
    ['ris', 'list.ris'],
  ] as const) {
    it(`${format}: titles, ids, DOIs, arXiv ids, authors and years come back`, async () => {
      const text = exportPapers(ITEMS, format, { withReadingState: true });
      const records = await reimport(text, name);
      expect(records).toHaveLength(PAPERS.length);
      records.forEach((record, index) => {
        const original = PAPERS[index]!;
        expect(record.title).toBe(original.title);
        expect(record.arxivId).toBe(original.arxivId);
        expect(record.doi).toBe(original.doi);
        expect(paperIdFor(record)).toBe(original.id);
        expect(record.authors).toEqual(original.authors);
        expect(record.year).toBe(original.year);
        expect(record.abstract).toBe(original.abstract ?? '');
      });
      // The note mentions another arXiv id and DOI: they must not leak into the record's identifiers.
      expect(records[0]!.arxivId).toBe('2203.14541');
      expect(records[0]!.doi).toBe('10.1145/3529372.3530912');
    });
  }

  it('bibtex: literal braces in a title are escaped; Facet re-imports the same paper id', async () => {
    const braced = paper({ title: 'Learning {Latent} Spaces: a \\emph-free {Study}', authors: ['Ann Lee'], year: 2020 });
    const [record] = await reimport(exportPapers([{ paper: braced }], 'bibtex'), 'x.bib');
    expect(normaliseTitle(record!.title)).toBe(normaliseTitle(braced.title));
    expect(paperIdFor(record!)).toBe(braced.id);
  });
});

describe('export formats', () => {
  it('bibtex: unique keys, escaped specials, reading state only when asked and never in printed fields', () => {
    const plain = exportPapers(ITEMS, 'bibtex');
    expect(plain).not.toMatch(/keywords|facet-|note =|annote/);
    const text = exportPapers(ITEMS, 'bibtex', { withReadingState: true });
    expect(text).toMatch(/^@article\{ostendorff2022specialized,$/m);
    expect(text).toMatch(/^@misc\{smith1990old,$/m);
    expect(text).toMatch(/^@misc\{smith1990contrastive,$/m);
    expect(text).toContain('title = {{Über α-Nets: 50\\% \\& more, with\\_under \\#hash and \\$dollar}}');
    expect(text).toContain('keywords = {aspects, 深層学習}');
    expect(text).toContain('facet-status = {read}');
    expect(text).toContain('facet-rating = {5}');
    expect(text).toContain('facet-note = {\\# Why');
    expect(text).not.toMatch(/^\s*(?:note|annote) =/m);
    expect(text).toMatch(/^@misc\{berg2021uber,$/m);
    expect(text).toContain('archivePrefix = {arXiv}');
    expect(text).toContain('eprint = {hep-th/9901001}');
    const twins = exportPapers([ITEMS[4]!, ITEMS[4]!, ITEMS[4]!], 'bibtex');
    expect([...twins.matchAll(/^@\w+\{([^,]+),$/gm)].map((m) => m[1])).toEqual(['smith1990contrastive', 'smith1990contrastivea', 'smith1990contrastiveb']);
    expect(citationKey(paper({ title: 'The', authors: [] }))).toMatch(/^paper/);
    expect(escapeLatex('a\\b~c^d')).toBe('a\\textbackslash{}b\\textasciitilde{}c\\textasciicircum{}d');
  });

  it('csl-json: valid JSON, citation keys as ids, reading state under custom only when asked', () => {
    expect(JSON.parse(exportPapers(ITEMS, 'csl-json'))[0]).not.toHaveProperty('custom');
    const items = JSON.parse(exportPapers(ITEMS, 'csl-json', { withReadingState: true })) as Record<string, unknown>[];
    expect(items).toHaveLength(PAPERS.length);
    expect(items[0]).toMatchObject({
      id: 'ostendorff2022specialized',
      'citation-key': 'ostendorff2022specialized',
      type: 'article-journal',
      DOI: '10.1145/3529372.3530912',
      number: 'arXiv:2203.14541',
      issued: { 'date-parts': [[2022, 5, 28]] },
      keyword: 'aspects, 深層学習',
      custom: { 'facet-status': 'read', 'facet-rating': '5' },
    });
    expect(items[0]).not.toHaveProperty('note');
    expect(items[1]).toMatchObject({ type: 'article', publisher: 'arXiv', author: [{ given: 'Jan van der', family: 'Berg' }, { given: 'Nguyễn Thị', family: 'Minh' }, { literal: '张伟' }] });
    expect(items[2]).not.toHaveProperty('custom');
    expect(toCslItems(ITEMS, { includeAbstract: false })[0]).not.toHaveProperty('abstract');
  });

  it('markdown: title, authors, link, status and the note, quoted', () => {
    const text = exportPapers(ITEMS, 'markdown', { title: 'My list', now: new Date('2026-11-23T12:00:00Z') });
    expect(text.startsWith('# My list\n\n_Exported from Facet on 2026-11-23: 5 papers._\n')).toBe(true);
    expect(text).toContain('## 1. Specialized Document Embeddings for Aspect-based Similarity of Research Papers');
    expect(text).toContain('Malte Ostendorff, Till Blume, Terry Ruas, Bela Gipp, Georg Rehm · 2022 · _JCDL 2022_');
    expect(text).toContain('Link: <https://arxiv.org/abs/2203.14541> (arXiv:2203.14541, DOI 10.1145/3529372.3530912)');
    expect(text).toContain('Status: read; rating: 5/5');
    expect(text).toContain('Tags: `aspects`, `深層学習`');
    expect(text).toContain('> # Why\n>\n> See arXiv:1111.2222');
    expect(text).toContain('## 2. Über α-Nets: 50% & more, with\\_under \\#hash and $dollar');
    expect(text).toContain('Link: <https://arxiv.org/abs/hep-th/9901001>');
    expect(text).toContain('Link: <https://doi.org/10.1002/(sici)1097-4571(199006)41:6%3C391::aid-asi1%3E3.0.co;2-9>');
    // Every paper gets a heading, with or without reading state.
    expect(text.match(/^## /gm)).toHaveLength(5);
  });

  it('exports an empty set in every format', () => {
    for (const format of EXPORT_FORMATS) expect(typeof exportPapers([], format)).toBe('string');
    expect(JSON.parse(exportPapers([], 'csl-json'))).toEqual([]);
  });
});
