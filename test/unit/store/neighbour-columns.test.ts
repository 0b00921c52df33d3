import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperStore, type NewPaper } from '../../../src-main/core/store/index.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';

const DIMS = 4;

function vectors(values: number[]): AspectVectors {
  const norm = Math.hypot(...values);
  const unit = Float32Array.from(values, (v) => v / norm);
  return { generic: unit, task: unit.map((v) => v), method: unit.map((v) => v), dataset: unit.map((v) => v) };
}

function paper(id: string, title: string, values: number[]): NewPaper {
  return {
    id,
    title,
    abstract: `Abstract of ${title}.`,
    authors: ['A. Author'],
    year: 2021,
    date: null,
    venue: 'Venue',
    arxivId: null,
    doi: `10.1/${id}`,
    url: null,
    sourceFile: 'papers.jsonl',
    sourceLine: 3,
    normTitle: title.toLowerCase(),
    terms: { task: ['Retrieval'], method: ['Transformer'], dataset: [] },
    dedupKeys: [`title:${title.toLowerCase()}`],
    vectors: vectors(values),
  };
}

let dir: string;
let store: PaperStore;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-neighbour-columns-'));
  store = (await PaperStore.open(dir, { id: 'model-a', dims: DIMS })).store;
  await store.addPapers([paper('a', 'First paper', [1, 0, 0, 0]), paper('b', 'Second paper', [0, 1, 0, 0]), paper('c', 'Third paper', [0, 0, 1, 0])]);
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PaperStore neighbour reads', () => {
  it('reads the source paper and its vector in one lookup, with the fields a neighbour row shows and explains', async () => {
    const found = await store.neighbourSource('b', 'task');
    expect(Array.from(found!.vector!)).toEqual([0, 1, 0, 0]);
    const full = (await store.get('b'))!;
    expect(found!.paper).toEqual({
      id: full.id,
      title: full.title,
      authors: full.authors,
      year: full.year,
      date: full.date,
      venue: full.venue,
      arxivId: full.arxivId,
      doi: full.doi,
      url: full.url,
      titleOnly: full.titleOnly,
      importedAt: full.importedAt,
      abstract: full.abstract,
      terms: full.terms,
    });
    expect(await store.neighbourSource('nope', 'task')).toBeNull();
  });

  it('reads neighbours in the order asked, leaving out unknown ids', async () => {
    const papers = await store.neighbourPapers(['c', 'nope', 'a']);
    expect(papers.map((p) => p.id)).toEqual(['c', 'a']);
    expect(papers[0]).toMatchObject({ title: 'Third paper', terms: { task: ['Retrieval'], method: ['Transformer'] }, abstract: 'Abstract of Third paper.' });
    expect(await store.neighbourPapers([])).toEqual([]);
  });
});
