import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type EventPayloads } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { FakeEmbedder } from './fake-embedder.ts';

const PAPERS = [
  { title: 'Contrastive learning of sentence embeddings', abstract: 'We train a BERT encoder with a contrastive loss on the SNLI dataset for semantic textual similarity.', arxivId: '2104.08821' },
  { title: 'Matryoshka representation learning', abstract: 'Nested embeddings trained so that prefixes work for image classification on ImageNet.', arxivId: '2205.13147' },
  { title: 'Graph attention networks', abstract: 'Attention over graph neighbourhoods for node classification on Cora and Citeseer.', doi: '10.1000/gat' },
  { title: 'Dense passage retrieval for open-domain question answering', abstract: 'A BERT dual encoder trained with contrastive loss for question answering retrieval on Natural Questions.' },
  { title: 'A paper without an abstract', abstract: '' },
];

function jsonl(records: object[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n');
}

let dataDir: string;
let core: FacetCore | null = null;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-service-'));
});

afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function open(embedder = new FakeEmbedder(), batchSize?: number): Promise<FacetCore> {
  core = await openFacet({ dataDir, embedder, batchSize });
  return core;
}

function importText(c: FacetCore, text: string, name = 'papers.jsonl') {
  return c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name, text }] }));
}

describe('openFacet import.run', () => {
  it('imports new papers, counts duplicates inside one import, flags title-only papers and emits events', async () => {
    const c = await open();
    const events: { name: string; payload: unknown }[] = [];
    for (const name of ['import.onDidProgress', 'import.onDidFinish', 'library.onDidChange'] as const) {
      c.events.on(name, (payload) => events.push({ name, payload }));
    }
    const summary = await importText(c, jsonl([...PAPERS, PAPERS[0]!]));
    expect(summary).toMatchObject({ parsed: 6, added: 5, duplicates: 1, titleOnly: 1, embedded: 5, sources: ['papers.jsonl'] });
    // The importer notes the title-only record and the repeated one; nothing failed.
    expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const finish = events.filter((e) => e.name === 'import.onDidFinish');
    expect(finish).toHaveLength(1);
    expect(finish[0]!.payload).toEqual(summary);
    const phases = events.filter((e) => e.name === 'import.onDidProgress').map((e) => (e.payload as EventPayloads['import.onDidProgress']).phase);
    expect(phases[0]).toBe('parse');
    expect(phases).toContain('store');
    expect(phases[phases.length - 1]).toBe('done');
    expect(events.find((e) => e.name === 'library.onDidChange')!.payload).toEqual({ papers: 5 });
    const stats = await c.handlers['library.stats']({});
    expect(stats).toMatchObject({ papers: 5, embedded: 5, pendingEmbedding: 0, titleOnly: 1, dataDir: path.resolve(dataDir) });
    expect(stats.model.id).toBe('fake-model');
  });

  it('changes nothing when the same file is imported again', async () => {
    const c = await open();
    await importText(c, jsonl(PAPERS));
    const before = await c.handlers['papers.list'](parseRequest('papers.list', {}));
    const again = await importText(c, jsonl(PAPERS));
    expect(again).toMatchObject({ parsed: 5, added: 0, duplicates: 5 });
    const after = await c.handlers['papers.list'](parseRequest('papers.list', {}));
    expect(after).toEqual(before);
  });

  it('matches duplicates by arXiv id or DOI even when the title differs', async () => {
    const c = await open();
    await importText(c, jsonl(PAPERS));
    const summary = await importText(c, jsonl([{ title: 'MRL (camera-ready)', abstract: 'x', arxivId: '2205.13147' }, { title: 'GAT v2', abstract: 'y', doi: '10.1000/GAT' }]));
    expect(summary).toMatchObject({ added: 0, duplicates: 2 });
  });

  it('reports bad records as problems with their line and keeps the good ones', async () => {
    const c = await open();
    const summary = await importText(c, `${JSON.stringify(PAPERS[0])}\n{not json\n${JSON.stringify(PAPERS[1])}`);
    expect(summary.added).toBe(2);
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toMatchObject({ source: 'papers.jsonl', line: 2, severity: 'error' });
  });

  it('reports a missing file as an error problem naming it', async () => {
    const c = await open();
    const missing = path.join(dataDir, 'nope.bib');
    const summary = await c.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'file', path: missing }] }));
    expect(summary.added).toBe(0);
    expect(summary.problems[0]).toMatchObject({ severity: 'error', line: null });
    expect(summary.problems[0]!.message).toContain('nope.bib');
  });

  it('loses at most the batch in flight when embedding fails, and a re-run resumes', async () => {
    const failing = new FakeEmbedder();
    failing.failOnCall = 2;
    const c = await open(failing, 2);
    await expect(importText(c, jsonl(PAPERS))).rejects.toThrow(/simulated embedder crash/);
    expect((await c.handlers['library.stats']({})).papers).toBe(2);
    await c.close();

    const c2 = await open(new FakeEmbedder(), 2);
    const resumed = await importText(c2, jsonl(PAPERS));
    expect(resumed).toMatchObject({ added: 3, duplicates: 2 });
    expect((await c2.handlers['library.stats']({})).papers).toBe(5);
  });

  it('reports inputs the embedder truncated as one warning per source', async () => {
    const c = await open();
    const long = { title: 'Long', abstract: Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ') };
    const summary = await importText(c, jsonl([long]));
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toMatchObject({ severity: 'warning' });
    expect(summary.problems[0]!.message).toMatch(/1 record\(s\) were longer than the model's 50-token limit/);
  });
});

describe('openFacet queries', () => {
  it('gets papers by id with terms, and fails with NOT_FOUND for unknown ids', async () => {
    const c = await open();
    await importText(c, jsonl(PAPERS));
    const page = await c.handlers['papers.list'](parseRequest('papers.list', { sort: 'title' }));
    expect(page.total).toBe(5);
    expect(page.items.map((p) => p.title)[0]).toBe('A paper without an abstract');
    const matryoshka = page.items.find((p) => p.title.startsWith('Matryoshka'))!;
    expect(matryoshka.arxivId).toBe('2205.13147');
    const paper = await c.handlers['papers.get']({ id: matryoshka.id });
    expect(paper).toMatchObject({ id: matryoshka.id, embedded: true, sourceFile: 'papers.jsonl', sourceLine: 2 });
    expect(paper.terms.dataset).toContain('ImageNet');
    await expect(c.handlers['papers.get']({ id: 'no-such-paper' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(c.handlers['papers.similar']({ id: 'no-such-paper', aspect: 'task', k: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('searches in keyword, semantic and hybrid mode', async () => {
    const c = await open();
    await importText(c, jsonl(PAPERS));
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const hits = await c.handlers['papers.search'](parseRequest('papers.search', { query: 'graph attention neighbourhoods', mode, limit: 3 }));
      expect(hits[0]!.paper.title, mode).toBe('Graph attention networks');
      expect(hits.map((h) => h.rank)).toEqual(hits.map((_, i) => i + 1));
    }
    const none = await c.handlers['papers.search'](parseRequest('papers.search', { query: 'zebrafish', mode: 'keyword' }));
    expect(none).toEqual([]);
  });

  it('returns neighbours with scores, ranks, shared terms and a reason, without the paper itself', async () => {
    const c = await open();
    await importText(c, jsonl(PAPERS));
    const page = await c.handlers['papers.list'](parseRequest('papers.list', {}));
    const simcse = page.items.find((p) => p.title.startsWith('Contrastive'))!;
    const neighbours = await c.handlers['papers.similar']({ id: simcse.id, aspect: 'method', k: 10 });
    expect(neighbours).toHaveLength(4);
    expect(neighbours.map((n) => n.paper.id)).not.toContain(simcse.id);
    expect(neighbours.map((n) => n.rank)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < neighbours.length; i++) expect(neighbours[i - 1]!.score).toBeGreaterThanOrEqual(neighbours[i]!.score);
    const dpr = neighbours.find((n) => n.paper.title.startsWith('Dense passage'))!;
    expect(dpr.rank).toBe(1);
    expect(dpr.sharedTerms.length).toBeGreaterThan(0);
    expect(dpr.reason).toContain(dpr.sharedTerms[0]!);
    const generic = await c.handlers['papers.similar']({ id: simcse.id, aspect: 'generic', k: 2 });
    expect(generic).toHaveLength(2);
    expect(generic[0]!.sharedTerms).toEqual([]);
  });

  it('returns empty results, not errors, for searches of an empty library', async () => {
    const c = await open();
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      expect(await c.handlers['papers.search'](parseRequest('papers.search', { query: 'anything', mode }))).toEqual([]);
    }
    expect(await c.handlers['papers.list'](parseRequest('papers.list', {}))).toEqual({ total: 0, offset: 0, items: [] });
  });

  it('keeps importing when an event listener throws', async () => {
    const c = await open();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      c.events.on('import.onDidProgress', () => {
        throw new Error('listener bug');
      });
      const summary = await importText(c, jsonl(PAPERS.slice(0, 2)));
      expect(summary.added).toBe(2);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = original;
    }
  });

  it('reports the model', async () => {
    const c = await open(new FakeEmbedder('fake-2', 16));
    expect(await c.handlers['model.info']({})).toMatchObject({ id: 'fake-2', dims: 16, provisional: true });
  });
});

describe('openFacet with another model', () => {
  it('keeps the papers and rebuilds their vectors in the background', async () => {
    const c = await open();
    await importText(c, jsonl(PAPERS));
    await c.close();

    const next = new FakeEmbedder('fake-next', 16);
    const c2 = await open(next, 2);
    const progress: EventPayloads['embed.onDidProgress'][] = [];
    c2.events.on('embed.onDidProgress', (p) => progress.push(p));
    await c2.idle();
    const stats = await c2.handlers['library.stats']({});
    expect(stats).toMatchObject({ papers: 5, embedded: 5, pendingEmbedding: 0 });
    expect(stats.model.id).toBe('fake-next');
    expect(next.embeddedTexts).toBe(5);
    expect(progress.length === 0 || progress[progress.length - 1]!.done === 5).toBe(true);
    const page = await c2.handlers['papers.list'](parseRequest('papers.list', {}));
    const neighbours = await c2.handlers['papers.similar']({ id: page.items[0]!.id, aspect: 'task', k: 4 });
    expect(neighbours).toHaveLength(4);
  });

  it('closes the embedder it was given on close', async () => {
    const embedder = new FakeEmbedder();
    const c = await open(embedder);
    await c.close();
    core = null;
    expect(embedder.closed).toBe(true);
  });
});
