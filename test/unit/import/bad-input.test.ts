// Damaged and oversized input: every problem names the file and line, good records around it are
// kept, and no field of a stored record carries a NUL or megabytes of text.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELD_LIMITS, cutAtWord } from '../../../src-main/core/import/field-limits.ts';
import { byTitle, collect, makeTempDir } from './helpers.ts';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

function write(name: string, content: string | Buffer): string {
  const file = path.join(temp.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function entry(key: string, title: string): string {
  return `@article{${key},\n  title = {${title}},\n  abstract = {We study ${title.toLowerCase()} with dense encoders.},\n  year = {2023}\n}\n`;
}

describe('BibTeX', () => {
  it('an entry over 8 MiB is reported as too large, with file and line, and its neighbours import', async () => {
    const huge = `@article{huge,\n  title = {Huge},\n  abstract = {${'word '.repeat((9 * 1024 * 1024) / 5)}}\n}\n`;
    const file = write('huge-entry.bib', entry('before', 'Retrieval Before') + huge + entry('after', 'Retrieval After'));
    const { records, problems } = await collect(file);
    expect(records.map((r) => r.title)).toEqual(['Retrieval Before', 'Retrieval After']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: file, line: 6, record: 'huge', severity: 'error' });
    expect(problems[0]?.message).toMatch(/^BibTeX entry @article\{huge at line 6 is too large: 9\.0 MiB \(lines 6-9\), over the 8 MiB limit for one entry; entry skipped$/);
    expect(problems[0]?.message).not.toMatch(/braces/);
  });

  it('a bare "@article" line is a warning naming its line, not silence', async () => {
    const file = write('bare.bib', entry('one', 'First Paper') + '@article\n' + entry('two', 'Second Paper'));
    const { records, problems } = await collect(file);
    expect(records.map((r) => r.title)).toEqual(['First Paper', 'Second Paper']);
    expect(problems).toEqual([
      { source: file, line: 6, record: null, severity: 'warning', message: 'line 6 ("@article") starts like a BibTeX entry but has no "{" after the entry type; ignored' },
    ]);
  });
});

describe('NUL characters', () => {
  it('a NUL in the first 64 KiB keeps the file: the line is named and the NUL removed', async () => {
    const file = write('nul-early.bib', entry('one', 'First Paper') + '@article{two,\n  title = {Second\u0000 Paper},\n  year = {2020}\n}\n' + entry('three', 'Third Paper'));
    const { records, problems } = await collect(file);
    expect(records.map((r) => r.title)).toEqual(['First Paper', 'Second Paper', 'Third Paper']);
    expect(problems).toContainEqual({ source: file, line: 7, record: null, severity: 'warning', message: 'line 7 holds NUL characters (a damaged or binary part of the file); they were removed' });
  });

  it('a NUL after 64 KiB never reaches a title', async () => {
    const file = write('nul-late.bib', `% ${'x'.repeat(70_000)}\n` + entry('one', 'First Paper') + '@article{two,\n  title = {Late\u0000NUL Title},\n  year = {2020}\n}\n');
    const { records, problems } = await collect(file);
    expect(byTitle(records, 'LateNUL Title')).toBeTruthy();
    for (const record of records) expect(record.title).not.toContain('\u0000');
    expect(problems.some((p) => p.severity === 'warning' && p.line === 8 && /NUL/.test(p.message))).toBe(true);
  });

  it('an escaped \\u0000 in a JSON string is removed from the title with a warning', async () => {
    const file = write('nul-escape.json', JSON.stringify([{ title: 'Escaped\u0000 NUL', abstract: 'Text.' }, { title: 'Clean', abstract: 'Text.' }]));
    const { records, problems } = await collect(file);
    expect(records.map((r) => r.title)).toEqual(['Escaped NUL', 'Clean']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: file, line: 1, severity: 'warning' });
    expect(problems[0]?.message).toMatch(/control characters were removed from its title/);
  });

  it('a pasted text with a stray NUL is read, with the warning', async () => {
    const { records, problems } = await collect({ kind: 'text', name: 'pasted.bib', text: entry('one', 'Pasted\u0000 Paper') });
    expect(records.map((r) => r.title)).toEqual(['Pasted Paper']);
    // the title (line 2) and the abstract (line 3), which repeats it
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems.every((p) => /NUL characters/.test(p.message))).toBe(true);
  });

  it('a file that is mostly NULs is still refused as binary', async () => {
    const bytes = Buffer.alloc(8192);
    bytes.write('@article{x, title={T}}', 0);
    const { records, problems } = await collect(write('zeros.bib', bytes));
    expect(records).toEqual([]);
    expect(problems[0]?.message).toMatch(/looks like a binary file/);
  });
});

describe('per-field size limits', () => {
  it('a 1 MB title is cut at a word with a warning naming the line; the record and its words are kept', async () => {
    const title = 'matryoshka '.repeat(100_000).trim();
    const file = write('long-title.json', JSON.stringify([{ title, abstract: 'Nested embeddings.' }]));
    const { records, problems } = await collect(file);
    expect(records).toHaveLength(1);
    const stored = records[0]!.title;
    expect(stored.length).toBeLessThanOrEqual(FIELD_LIMITS.title);
    expect(stored.startsWith('matryoshka matryoshka')).toBe(true);
    expect(stored.endsWith('matryoshka…')).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: file, line: 1, severity: 'warning' });
    expect(problems[0]?.message).toBe('record at line 1: its title is 1,099,999 characters long, over the 1,000-character limit; it was cut there; the record was imported');
  });

  it('an abstract over its limit and a runaway author list are cut, each said once', async () => {
    const authors = Array.from({ length: FIELD_LIMITS.authors + 10 }, (_, i) => `Author ${i}`);
    const file = write('long-fields.json', JSON.stringify([{ title: 'Many Authors', abstract: 'dense '.repeat(30_000), authors }]));
    const { records, problems } = await collect(file);
    expect(records[0]!.abstract.length).toBeLessThanOrEqual(FIELD_LIMITS.abstract);
    expect(records[0]!.authors).toHaveLength(FIELD_LIMITS.authors);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/its abstract is 179,999 characters long, over the 100,000-character limit; it was cut there; it lists 5,010 authors; the first 5,000 were kept/);
  });

  it('cutAtWord cuts at a space near the limit, else hard', () => {
    expect(cutAtWord('short', 10)).toBe('short');
    expect(cutAtWord('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(cutAtWord('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('RIS', () => {
  it('garbage lines inside a record are warnings naming their lines; wrapped abstracts still join', async () => {
    const file = write(
      'garbage.ris',
      ['TY  - JOUR', 'TI  - A RIS Title', 'this is garbage', '!!!@@@', 'AB  - First half of the abstract', 'second half of the abstract.', 'ER  - ', ''].join('\n'),
    );
    const { records, problems } = await collect(file);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ title: 'A RIS Title', abstract: 'First half of the abstract second half of the abstract.' });
    expect(problems).toEqual([
      { source: file, line: 3, record: 'A RIS Title', severity: 'warning', message: 'line 3 ("this is garbage") in the RIS record at line 1 is not a "XX  - value" tag line; ignored' },
      { source: file, line: 4, record: 'A RIS Title', severity: 'warning', message: 'line 4 ("!!!@@@") in the RIS record at line 1 is not a "XX  - value" tag line; ignored' },
    ]);
  });

  it('a tagless line after an empty tag is reported too', async () => {
    const file = write('after-empty.ris', ['TY  - JOUR', 'TI  - Titled', 'N1  -', 'orphan text', 'ER  - '].join('\n'));
    const { problems } = await collect(file);
    // the stray line, then the record's own "no abstract" warning
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[4, 'warning'], [1, 'warning']]);
    expect(problems[0]?.message).toMatch(/line 4 \("orphan text"\)/);
  });
});

describe('JSON that holds no records', () => {
  it.each([
    ['42', 'a JSON number (42)'],
    ['"hello"', 'a JSON string ("hello")'],
    ['true', 'a JSON boolean (true)'],
    ['null', 'JSON null'],
  ])('a .json file holding %s says what it found and what Facet reads', async (content, found) => {
    const file = write(`scalar-${content.replace(/\W/g, '')}.json`, content);
    const { records, problems } = await collect(file);
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: file, line: 1, severity: 'error' });
    expect(problems[0]?.message).toBe(`${file} holds ${found}, not records: Facet reads a JSON array of records ([{"title": "…", "abstract": "…"}, …]), one record object, CSL-JSON, or JSON Lines (one record object a line)`);
  });

  it('a JSONL line holding a number names the line and what a line must hold', async () => {
    const file = write('scalar.jsonl', '{"title": "Fine", "abstract": "A."}\n42\n');
    const { records, problems } = await collect(file);
    expect(records.map((r) => r.title)).toEqual(['Fine']);
    expect(problems).toEqual([
      { source: file, line: 2, record: null, severity: 'error', message: 'the JSON value at line 2 is a JSON number (42), not a record object ({"title": "…", …}); skipped' },
    ]);
  });

  it('text that is not JSON at all keeps the format message', async () => {
    const { problems } = await collect(write('prose.json', 'this is not JSON at all\n'));
    expect(problems[0]?.message).toMatch(/cannot tell what format/);
  });
});
