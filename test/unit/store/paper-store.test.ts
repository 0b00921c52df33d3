import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FixedSizeList } from 'apache-arrow';
import * as lancedb from '@lancedb/lancedb';
import { FacetError } from '../../../src-main/common/contract.ts';
import { ANN_INDEX_MIN_ROWS, PaperStore, readMeta, reciprocalRankFusion, type NewPaper } from '../../../src-main/core/store/index.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';

const DIMS = 4;

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
}

function vectors(generic: number[], task = generic, method = generic, dataset = generic): AspectVectors {
  return { generic: unit(generic), task: unit(task), method: unit(method), dataset: unit(dataset) };
}

function paper(id: string, title: string, abstract: string, vecs: AspectVectors, extra: Partial<NewPaper> = {}): NewPaper {
  return {
    id,
    title,
    abstract,
    authors: ['A. Author', 'B. Author'],
    year: 2020,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    sourceFile: 'test.txt',
    sourceLine: 1,
    normTitle: title.toLowerCase(),
    terms: { task: ['retrieval'], method: [], dataset: [] },
    dedupKeys: [`title:${title.toLowerCase()}`],
    vectors: vecs,
    ...extra,
  };
}

const LIBRARY: NewPaper[] = [
  paper('p1', 'Contrastive sentence embeddings', 'We learn sentence embeddings with a contrastive objective.', vectors([1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0]), { year: 2021 }),
  paper('p2', 'Matryoshka representation learning', 'Nested embeddings that can be truncated to any size.', vectors([0.9, 0.1, 0, 0], [0, 0, 1, 0], [0, 1, 0.1, 0]), { year: 2022 }),
  paper('p3', 'Graph neural networks for molecules', 'Message passing over molecular graphs.', vectors([0, 0, 1, 0], [0, 0, 1, 0.2], [0, 0, 0, 1]), { year: null }),
  paper("p'4", 'Image classification with transformers', '', vectors([0, 0, 0.2, 1]), { year: 2019 }),
];

let dir: string;
let store: PaperStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-store-'));
  store = (await PaperStore.open(dir, { id: 'model-a', dims: DIMS })).store;
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PaperStore', () => {
  it('creates the table with an explicit schema: one FixedSizeList<Float32>(dims) column per aspect', async () => {
    const db = await lancedb.connect(dir);
    const schema = await (await db.openTable('papers')).schema();
    const names = schema.fields.map((f) => f.name);
    for (const column of ['id', 'title', 'abstract', 'authors', 'year', 'date', 'venue', 'arxiv_id', 'doi', 'url', 'source_file', 'source_line', 'imported_at', 'title_only', 'norm_title', 'terms', 'text']) {
      expect(names).toContain(column);
    }
    for (const column of ['vec_generic', 'vec_task', 'vec_method', 'vec_dataset']) {
      const type = schema.fields.find((f) => f.name === column)!.type as FixedSizeList;
      expect(type.listSize).toBe(DIMS);
      expect(String(type.children[0]!.type)).toBe('Float32');
    }
    db.close();
    expect(readMeta(dir)).toMatchObject({ modelId: 'model-a', dims: DIMS });
  });

  it('stores papers and reads them back by id, with terms, flags and counts', async () => {
    await store.addPapers(LIBRARY);
    expect(await store.count()).toBe(4);
    expect(await store.countEmbedded()).toBe(4);
    expect(await store.countTitleOnly()).toBe(1);
    const got = await store.get("p'4");
    expect(got).toMatchObject({ id: "p'4", title: 'Image classification with transformers', titleOnly: true, embedded: true, year: 2019, sourceFile: 'test.txt', sourceLine: 1 });
    expect(got!.authors).toEqual(['A. Author', 'B. Author']);
    expect(got!.terms).toEqual({ task: ['retrieval'], method: [], dataset: [] });
    expect(await store.get('missing')).toBeNull();
    expect(await store.loadDedupKeys()).toEqual(new Set(LIBRARY.map((p) => p.dedupKeys[0])));
  });

  it('lists pages in each sort order', async () => {
    await store.addPapers(LIBRARY.slice(0, 2));
    await store.addPapers(LIBRARY.slice(2));
    const imported = await store.list(0, 10, 'imported');
    expect(imported.total).toBe(4);
    expect(imported.items.map((p) => p.id)).toEqual(["p'4", 'p3', 'p2', 'p1']);
    const page = await store.list(1, 2, 'imported');
    expect(page.items.map((p) => p.id)).toEqual(['p3', 'p2']);
    expect((await store.list(0, 10, 'title')).items.map((p) => p.id)).toEqual(['p1', 'p3', "p'4", 'p2']);
    expect((await store.list(0, 10, 'year')).items.map((p) => p.id)).toEqual(['p2', 'p1', "p'4", 'p3']);
  });

  it('finds papers by keyword (stemmed full text over title + abstract)', async () => {
    await store.addPapers(LIBRARY);
    const hits = await store.keyword('molecular graph', 10);
    expect(hits[0]!.paper.id).toBe('p3');
    expect(hits[0]!.rank).toBe(1);
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(await store.keyword('"unbalanced quote (', 10)).toEqual([]);
  });

  it('finds papers by vector, and fuses keyword and vector ranks for hybrid search', async () => {
    await store.addPapers(LIBRARY);
    const semantic = await store.nearest(unit([1, 0, 0, 0]), 'generic', 2);
    expect(semantic.map((h) => h.paper.id)).toEqual(['p1', 'p2']);
    expect(semantic[0]!.score).toBeCloseTo(1, 5);
    const hybrid = await store.hybrid('molecules', unit([1, 0, 0, 0]), 4);
    expect(hybrid.map((h) => h.rank)).toEqual([1, 2, 3, 4]);
    // p3 is first by keyword, p1 first by vector: both lead the fused list.
    expect(hybrid.slice(0, 2).map((h) => h.paper.id).sort()).toEqual(['p1', 'p3']);
  });

  it('returns neighbours under one aspect with cosine scores and 1-based ranks, excluding the paper itself', async () => {
    await store.addPapers(LIBRARY);
    const byTask = await store.similar('p2', 'task', 3);
    expect(byTask.map((h) => h.paper.id)).toEqual(['p3', "p'4", 'p1']);
    expect(byTask.map((h) => h.rank)).toEqual([1, 2, 3]);
    expect(byTask[0]!.score).toBeCloseTo(1 / Math.hypot(1, 0.2), 5);
    expect(byTask[2]!.score).toBeCloseTo(0, 5);
    const byMethod = await store.similar('p2', 'method', 1);
    expect(byMethod[0]!.paper.id).toBe('p1');
    await expect(store.similar('nope', 'task', 3)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects vectors with the wrong dims or NaN instead of storing them', async () => {
    const bad = paper('x', 'Bad', 'abstract', { ...vectors([1, 0, 0, 0]), method: new Float32Array([NaN, 0, 0, 0]) });
    await expect(store.addPapers([bad])).rejects.toThrow(FacetError);
    expect(await store.count()).toBe(0);
  });

  it('keeps papers but drops their vectors when opened with another model, and re-embeds resumably', async () => {
    await store.addPapers(LIBRARY);
    await store.close();

    const opened = await PaperStore.open(dir, { id: 'model-b', dims: 3 });
    store = opened.store;
    expect(opened.modelChanged).toBe(true);
    expect(readMeta(dir)).toMatchObject({ modelId: 'model-b', dims: 3 });
    expect(await store.count()).toBe(4);
    expect(await store.countEmbedded()).toBe(0);
    expect((await store.get('p1'))!.embedded).toBe(false);
    await expect(store.similar('p1', 'task', 2)).rejects.toMatchObject({ code: 'MODEL' });
    // Keyword search works on the kept papers before any vector is back.
    expect((await store.keyword('molecules', 5))[0]!.paper.id).toBe('p3');

    // Re-embed two papers, then "crash" (close) and reopen: the other two are still pending.
    const firstBatch = await store.pendingPapers(2);
    expect(firstBatch).toHaveLength(2);
    const three = (v: number[]) => Float32Array.from(v);
    await store.writeVectors(new Map(firstBatch.map((p) => [p.id, { generic: three([1, 0, 0]), task: three([1, 0, 0]), method: three([0, 1, 0]), dataset: three([0, 0, 1]) }])));
    await store.close();

    const reopened = await PaperStore.open(dir, { id: 'model-b', dims: 3 });
    store = reopened.store;
    expect(reopened.modelChanged).toBe(false);
    expect(await store.countEmbedded()).toBe(2);
    expect(await store.countPending()).toBe(2);
    const rest = await store.pendingPapers(10);
    expect(rest.map((p) => p.id).sort()).toEqual(LIBRARY.map((p) => p.id).filter((id) => !firstBatch.some((p) => p.id === id)).sort());
    await store.writeVectors(new Map(rest.map((p) => [p.id, { generic: three([0, 1, 0]), task: three([0, 1, 0]), method: three([0, 1, 0]), dataset: three([0, 1, 0]) }])));
    expect(await store.countPending()).toBe(0);
    expect(await store.count()).toBe(4);
    const neighbours = await store.similar(firstBatch[0]!.id, 'generic', 3);
    expect(neighbours[0]!.paper.id).toBe(firstBatch[1]!.id);
    expect(neighbours[0]!.score).toBeCloseTo(1, 5);
    // Metadata survived the rewrite.
    expect(await store.get('p2')).toMatchObject({ title: 'Matryoshka representation learning', year: 2022, embedded: true });
  });

  it('continues numbering inserts after reopening, so "newest first" holds across sessions', async () => {
    await store.addPapers(LIBRARY.slice(0, 2));
    await store.close();
    store = (await PaperStore.open(dir, { id: 'model-a', dims: DIMS })).store;
    await store.addPapers(LIBRARY.slice(2, 3));
    expect((await store.list(0, 1, 'imported')).items[0]!.id).toBe('p3');
  });

  it('sees papers another connection added (e.g. a CLI import while the app is open)', async () => {
    const other = (await PaperStore.open(dir, { id: 'model-a', dims: DIMS })).store;
    try {
      await store.addPapers(LIBRARY.slice(0, 1));
      await other.addPapers(LIBRARY.slice(1, 2));
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect(await store.count()).toBe(2);
      await store.syncSequence();
      await store.addPapers(LIBRARY.slice(2, 3));
      expect((await store.list(0, 3, 'imported')).items.map((p) => p.id)).toEqual(['p3', 'p2', 'p1']);
    } finally {
      await other.close();
    }
  });

  it('refreshes indexes after writes without losing search results', async () => {
    await store.addPapers(LIBRARY);
    await store.refreshIndexes();
    const names = await store.indexNames();
    expect(names.some((index) => index.columns.includes('text'))).toBe(true);
    // Lookups by id go through a scalar index; they still find exactly one paper after more writes.
    expect(names.some((index) => index.columns.includes('id'))).toBe(true);
    await store.addPapers([paper('p5', 'Another paper', 'More text.', vectors([0, 1, 1, 0]))]);
    await store.refreshIndexes();
    expect((await store.get('p5'))?.title).toBe('Another paper');
    expect((await store.getWithVector('p2', 'method'))?.paper.id).toBe('p2');
    // Below the ANN threshold no vector index is built: exact search.
    expect(names.some((index) => index.columns.includes('vec_generic'))).toBe(false);
    expect((await store.keyword('transformers', 5))[0]!.paper.id).toBe("p'4");
  });
});

describe('PaperStore table versions', () => {
  async function versionCount(): Promise<number> {
    const db = await lancedb.connect(dir);
    const table = await db.openTable('papers');
    try {
      return (await table.listVersions()).length;
    } finally {
      table.close();
      db.close();
    }
  }

  it('keeps recent versions on a refresh and deletes those past the retention, without losing papers', async () => {
    for (const paper of LIBRARY) await store.addPapers([paper]);
    await store.refreshIndexes();
    const kept = await versionCount();
    // The default retention (minutes) keeps every version this test just made.
    expect(kept).toBeGreaterThan(LIBRARY.length);

    await store.refreshIndexes({ versionRetentionMs: 0 });
    const after = await versionCount();
    expect(after).toBeLessThan(kept);
    expect(after).toBeLessThanOrEqual(2);
    expect(await store.count()).toBe(LIBRARY.length);
    expect((await store.keyword('transformers', 5))[0]!.paper.id).toBe("p'4");
    expect(await store.similar('p1', 'task', 2)).toHaveLength(2);
  });
});

describe('PaperStore at ANN scale', () => {
  it('builds one IVF index per vector column once enough papers are embedded, skipping rows without vectors', async () => {
    // Pseudo-random but reproducible unit vectors.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const many = Array.from({ length: ANN_INDEX_MIN_ROWS + 100 }, (_, i) =>
      paper(`id${i}`, `Paper number ${i}`, `abstract ${i}`, vectors([random(), random(), random(), random()], [random(), random(), random(), random()])),
    );
    for (let i = 0; i < many.length; i += 1000) await store.addPapers(many.slice(i, i + 1000));
    await store.close();
    // A model change leaves every row without vectors; re-embed all but 100 of them.
    store = (await PaperStore.open(dir, { id: 'model-b', dims: DIMS })).store;
    const pending = await store.pendingPapers(ANN_INDEX_MIN_ROWS);
    const original = new Map(many.map((p) => [p.id, p.vectors]));
    await store.writeVectors(new Map(pending.map((p) => [p.id, original.get(p.id)!])));
    expect(await store.countPending()).toBe(100);
    await store.refreshIndexes();
    const indexed = (await store.indexNames()).flatMap((index) => index.columns);
    expect(indexed).toEqual(expect.arrayContaining(['text', 'vec_generic', 'vec_task', 'vec_method', 'vec_dataset']));
    // The exact same vector is still found first through the index, and the paper itself is excluded.
    const probe = pending[17]!.id;
    const hits = await store.nearest(original.get(probe)!.task, 'task', 5);
    expect(hits[0]!.paper.id).toBe(probe);
    expect(hits[0]!.score).toBeCloseTo(1, 4);
    const neighbours = await store.similar(probe, 'task', 5);
    expect(neighbours.map((h) => h.paper.id)).not.toContain(probe);
    expect(neighbours).toHaveLength(5);
    expect(neighbours.every((h) => h.paper.embedded)).toBe(true);
  }, 120_000);
});

describe('reciprocalRankFusion', () => {
  it('rewards items ranked high in several lists', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'c', 'd'],
    ]);
    expect(fused.map((f) => f.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 10);
  });
});
