import { describe, expect, it } from 'vitest';
import { byTitle, collect, fixture } from './helpers.ts';

describe('CSL-JSON importer', () => {
  it('maps Zotero CSL items: names, dates, DOI, arXiv number, inline HTML', async () => {
    const { records } = await collect(fixture('zotero-csl.json'));
    expect(records.map((record) => record.title)).toEqual([
      'Citation Context Windows for Aspect Embeddings',
      'Scaling Laws for Tiny Scientific Encoders',
      'An Untitled Future',
    ]);
    expect(records[0]).toMatchObject({
      authors: ['Lena Brandt', 'Facet Working Group'],
      date: '2021-06-30',
      year: 2021,
      doi: '10.5555/tii.2021.0042',
      venue: 'Transactions on Invented Informatics',
      abstract: 'We compare citation windows of one to five sentences.\n\nLonger windows help the dataset aspect most.',
      sourceLine: 2,
      recordKey: 'http://zotero.org/users/local/abc/items/AAAA1111',
    });
    expect(records[1]).toMatchObject({ arxivId: '2310.09876', year: 2023, date: null, sourceLine: 15 });
    expect(records[2]).toMatchObject({ year: 2019, sourceLine: 26, abstract: '' });
  });

  it('reports the item without title by its line and the one without abstract by its id', async () => {
    const { problems } = await collect(fixture('zotero-csl.json'));
    expect(problems.map((problem) => [problem.severity, problem.line, problem.record, problem.message])).toEqual([
      ['warning', 26, 'CCCC3333', 'no abstract: imported title-only'],
      ['error', 33, 'DDDD4444', 'record at line 33 has no title: skipped'],
    ]);
  });
});

describe('plain JSON array importer', () => {
  it('streams elements with the line each starts on, surviving a broken element', async () => {
    const { records, problems } = await collect(fixture('plain.json'));
    expect(records.map((record) => [record.title, record.sourceLine])).toEqual([
      ['Learning to Skim Abstracts', 2],
      ['Braces { inside } strings [ do not ] confuse the scanner', 11],
      ['After the Broken Element', 17],
    ]);
    expect(byTitle(records, 'Learning to Skim Abstracts')).toMatchObject({
      authors: ['Ana Silva', 'Tom Becker'],
      year: 2022,
      arxivId: '2203.01111',
      venue: 'Invented Workshop on Reading',
      recordKey: 'skim',
    });
    expect(records[1]).toMatchObject({ doi: '10.5555/scan.1', abstract: 'Escaped " quotes and \\ backslashes too.' });
    expect(records[2]).toMatchObject({ arxivId: '2101.00042', date: '2021-01-05', year: 2021 });

    expect(problems.map((problem) => [problem.severity, problem.line])).toEqual([
      ['error', 12],
      ['warning', 17],
      ['error', 24],
    ]);
    expect(problems[0]?.message).toMatch(/^invalid JSON at line 12: .*record skipped$/);
    expect(problems[1]?.message).toBe('duplicate key "scan" at line 11 and line 17; both records were read');
    expect(problems[2]?.message).toBe('the JSON value at line 24 is a JSON number (42), not a record object ({"title": "…", …}); skipped');
  });

  it('reports an array that is never closed', async () => {
    const text = '[\n  {"title": "Only One", "abstract": "Fine."},\n  {"title": "Cut off", "abstract": "The file ends';
    const { records, problems } = await collect({ kind: 'text', name: 'cut.json', text });
    expect(records.map((record) => record.title)).toEqual(['Only One']);
    expect(problems).toEqual([
      { source: 'cut.json', line: 3, record: null, severity: 'error', message: 'the JSON value starting at line 3 is not closed by the end of the file (line 3)' },
    ]);
  });

  it('reads a single object and concatenated objects in a .json file', async () => {
    const text = '{"title": "First", "abstract": "One."}\n{\n  "title": "Second",\n  "abstract": "Two."\n}\n';
    const { records } = await collect({ kind: 'text', name: 'objects.json', text });
    expect(records.map((record) => [record.title, record.sourceLine])).toEqual([
      ['First', 1],
      ['Second', 2],
    ]);
  });
});

describe('JSONL importer', () => {
  it('reads one record per line and reports bad lines by number', async () => {
    const { records, problems } = await collect(fixture('plain.jsonl'));
    expect(records.map((record) => [record.recordKey, record.sourceLine])).toEqual([
      ['j1', 1],
      ['j2', 2],
      ['j1', 6],
    ]);
    expect(records[0]).toMatchObject({ arxivId: '2402.03333', authors: ['Rosa Díaz'], year: 2024 });
    expect(records[1]).toMatchObject({ doi: '10.5555/jsonl.2', abstract: '' });
    expect(problems.map((problem) => [problem.severity, problem.line, problem.record])).toEqual([
      ['warning', 2, 'j2'],
      ['error', 4, null],
      ['error', 5, 'j4'],
      ['warning', 6, 'j1'],
    ]);
    expect(problems[1]?.message).toMatch(/^invalid JSON at line 4/);
    expect(problems[3]?.message).toBe('duplicate key "j1" at line 1 and line 6; both records were read');
  });
});
