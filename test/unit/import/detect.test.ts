import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src-main/core/import/index.ts';

describe('detectFormat', () => {
  it.each([
    ['refs.bib', 'anything', 'bibtex'],
    ['refs.BIBTEX', 'anything', 'bibtex'],
    ['export.ris', 'TY  - JOUR', 'ris'],
    ['items.json', '[{"title": "x", "DOI": "10.1/x", "issued": {}}]', 'csl-json'],
    ['items.json', '[\n  {"title": "x", "abstract": "y"}\n]', 'json'],
    ['items.json', '{"title": "x"}\n{"title": "y"}', 'json'],
    ['records.jsonl', '{"title": "x"}', 'jsonl'],
    ['records.ndjson', '{"title": "x"}', 'jsonl'],
    ['page.txt', 'new\n\nSubscribe\n\nA Title\n\nAn abstract.', 'digest'],
    ['page.md', '# Heading', 'digest'],
    ['page.html', '<html>', 'digest'],
    ['notes.txt', '% exported\n@article{key,\n title={x}}', 'bibtex'],
  ] as const)('%s -> %s', (name, head, expected) => {
    expect(detectFormat(name, head)).toBe(expected);
  });

  it.each([
    ['@article{smith2020,\n  title = {T}\n}', 'bibtex'],
    ['  @InProceedings{x,', 'bibtex'],
    ['TY  - JOUR\nTI  - T\nER  - ', 'ris'],
    ['[{"title": "T", "author": [{"family": "F"}]}]', 'csl-json'],
    ['[{"title": "T", "abstract": "A"}]', 'json'],
    ['{"title": "T"}\n{"title": "U"}', 'jsonl'],
    ['{\n  "title": "T"\n}', 'json'],
    ['Daily Papers\n\nA Title\n\nAn abstract that says things.', 'digest'],
    ['Email me at someone@example.org about {braces}', 'digest'],
    ['[Draft] Reading notes\n\nA Title\n\nAn abstract.', 'digest'],
    ['{braces} open this pasted page', 'digest'],
  ] as const)('pasted text %j -> %s', (head, expected) => {
    expect(detectFormat('pasted text', head)).toBe(expected);
  });

  it.each([
    ['paper.pdf', '%PDF-1.7'],
    ['data.json', 'not json'],
    ['anything.txt', '   \n  '],
    ['archive.zip', 'PK'],
  ])('returns null for %s', (name, head) => {
    expect(detectFormat(name, head)).toBeNull();
  });
});
