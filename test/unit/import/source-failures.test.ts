import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, makeTempDir } from './helpers.ts';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

function write(name: string, content: string | Buffer): string {
  const file = path.join(temp.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The single error a whole-source failure must produce. */
async function onlyError(file: string, options?: { maxBytes?: number }) {
  const { records, problems } = await collect(file, options);
  expect(records).toEqual([]);
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  expect(problem).toMatchObject({ source: file, line: null, record: null, severity: 'error' });
  expect(problem?.message).toContain(file);
  return problem?.message ?? '';
}

describe('whole-source failures yield one error naming the file', () => {
  it('missing file', async () => {
    expect(await onlyError(path.join(temp.dir, 'nope.bib'))).toMatch(/cannot read .*no such file/);
  });

  it('empty file, and a file of only white space', async () => {
    expect(await onlyError(write('empty.jsonl', ''))).toMatch(/is empty/);
    expect(await onlyError(write('blank.txt', ' \n\n\t\n'))).toMatch(/is empty/);
  });

  it('binary file', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    expect(await onlyError(write('image.bib', bytes))).toMatch(/binary/);
  });

  it('a folder', async () => {
    expect(await onlyError(temp.dir)).toMatch(/folder/);
  });

  it('file over maxBytes', async () => {
    const file = write('big.jsonl', '{"title": "x", "abstract": "y"}\n'.repeat(100));
    expect(await onlyError(file, { maxBytes: 1000 })).toMatch(/over the 1000 bytes import limit/);
  });

  it('unknown format', async () => {
    expect(await onlyError(write('paper.pdf', '%PDF-1.7 pretend this is a PDF\n'))).toMatch(/cannot tell what format/);
    expect(await onlyError(write('broken.json', 'this is not JSON at all\n'))).toMatch(/cannot tell what format/);
  });

  it('a source in which nothing could be found', async () => {
    expect(await onlyError(write('nothing.bib', '% only a comment, no entries\n'))).toMatch(/no records found in .* \(read as BibTeX\)/);
  });

  it('pasted text: empty and over the limit, named by its text name', async () => {
    const empty = await collect({ kind: 'text', name: 'clipboard', text: '   ' });
    expect(empty.problems).toEqual([{ source: 'clipboard', line: null, record: null, severity: 'error', message: 'clipboard is empty' }]);
    const big = await collect({ kind: 'text', name: 'clipboard', text: 'x'.repeat(2000) }, { maxBytes: 1024 });
    expect(big.problems[0]?.message).toMatch(/clipboard is 2.0 KiB, over the 1.0 KiB import limit/);
  });
});

describe('text encodings', () => {
  it('decodes a non-UTF-8 file as Windows-1252 and warns, naming the file', async () => {
    const text = 'Caf\u00e9 Embeddings for Na\u00efve Readers\n\nWe study \u201csmart quotes\u201d and accents \u2013 in Latin-1 files.\n';
    const file = write('latin1.txt', encode1252(text));
    const { records, problems } = await collect(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: file, severity: 'warning', line: null });
    expect(problems[0]?.message).toMatch(/not valid UTF-8; it was decoded as Windows-1252/);
    expect(problems[0]?.message).toContain(file);
    expect(records.map((record) => [record.title, record.abstract])).toEqual([
      ['Café Embeddings for Naïve Readers', 'We study “smart quotes” and accents – in Latin-1 files.'],
    ]);
  });

  it('reads UTF-8 with a byte-order mark, and UTF-16 with one', async () => {
    const json = '[{"title": "Byte Order Marks", "abstract": "Are skipped."}]';
    const utf8 = await collect(write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])));
    expect(utf8.records.map((record) => record.title)).toEqual(['Byte Order Marks']);
    expect(utf8.problems).toEqual([]);
    const utf16 = await collect(write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])));
    expect(utf16.records.map((record) => record.title)).toEqual(['Byte Order Marks']);
    expect(utf16.problems).toEqual([]);
  });
});

/** Windows-1252 bytes for the few non-ASCII characters this test uses. */
function encode1252(text: string): Buffer {
  const special: Record<string, number> = { '\u00e9': 0xe9, '\u00ef': 0xef, '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96 };
  return Buffer.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}
