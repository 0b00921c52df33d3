/**
 * The real thing: the committed ONNX model in a worker thread, LanceDB in a temp folder, and the
 * three seed digest pages from ../shared/seeds. Skips with a message where either is missing.
 *
 * The neighbour pairs below were picked by reading the seed titles and abstracts, before looking at
 * any model output: papers that share a task, a method or a benchmark with each other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequest, type Aspect, type PaperSummary } from '../../src-main/common/contract.ts';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { openFacet, type FacetCore } from '../../src-main/core/service.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const seedsDir = path.resolve(repoRoot(), '../shared/seeds');
const seedFiles = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f)) : [];
const model = realModelDir();
const provisional = model.dir !== null && (JSON.parse(fs.readFileSync(path.join(model.dir, 'manifest.json'), 'utf8')) as { provisional?: boolean }).provisional === true;
const skipReason = seedFiles.length === 0 ? `${seedsDir} is absent` : model.dir === null ? model.reason : '';

describe.skipIf(skipReason !== '')(`seed library with the real model${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dataDir: string;
  let core: FacetCore;
  let papers: PaperSummary[];

  const byTitle = (start: string): PaperSummary => {
    const found = papers.filter((p) => p.title.startsWith(start));
    expect(found, `exactly one seed paper titled "${start}…"`).toHaveLength(1);
    return found[0]!;
  };
  const neighbourTitles = async (start: string, aspect: Aspect, k: number) =>
    (await core.handlers['papers.similar']({ id: byTitle(start).id, aspect, k })).map((n) => n.paper.title);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-seeds-'));
    core = await openFacet({ dataDir });
    const started = performance.now();
    const summary = await core.handlers['import.run'](parseRequest('import.run', { sources: seedFiles.map((file) => ({ kind: 'file', path: file })) }));
    const seconds = (performance.now() - started) / 1000;
    console.log(`seed import: ${summary.parsed} records, ${summary.added} papers in ${seconds.toFixed(2)} s (${(summary.added / seconds).toFixed(0)} papers/s, model ${(await core.handlers['model.info']({})).id})`);
    expect(summary).toMatchObject({ parsed: 165, added: 118, duplicates: 47, embedded: 118 });
    expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);
    papers = (await core.handlers['papers.list'](parseRequest('papers.list', { limit: 1000 }))).items;
  });

  afterAll(async () => {
    await core?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds the 118 unique seed papers, all embedded', async () => {
    expect(papers).toHaveLength(118);
    expect(new Set(papers.map((p) => p.id)).size).toBe(118);
    const stats = await core.handlers['library.stats']({});
    expect(stats).toMatchObject({ papers: 118, embedded: 118, pendingEmbedding: 0 });
  });

  it('changes nothing when the seeds are imported again', async () => {
    const again = await core.handlers['import.run'](parseRequest('import.run', { sources: seedFiles.map((file) => ({ kind: 'file', path: file })) }));
    expect(again).toMatchObject({ added: 0, duplicates: 165 });
    expect((await core.handlers['library.stats']({})).papers).toBe(118);
  });

  // Hand-picked pairs, checked against facet-aspects@968be1b842e8. The 118 seed papers are all about
  // embeddings, so "sensible" means the obvious sibling ranks near the top, not necessarily first.
  it('finds the other Matryoshka paper among the nearest by method and overall', async () => {
    expect(await neighbourTitles('Starbucks: Improved Training for 2D Matryoshka', 'method', 5)).toContain('2D Matryoshka Sentence Embeddings');
    expect(await neighbourTitles('2D Matryoshka Sentence Embeddings', 'generic', 3)).toContain('Starbucks: Improved Training for 2D Matryoshka Embeddings');
  });

  it('puts MTEB-evaluated papers near the FinMTEB benchmark by dataset, and says so', async () => {
    const near = await core.handlers['papers.similar']({ id: byTitle('FinMTEB').id, aspect: 'dataset', k: 5 });
    const sharingMteb = near.filter((n) => n.sharedTerms.includes('MTEB'));
    expect(sharingMteb.length).toBeGreaterThanOrEqual(1);
    expect(sharingMteb[0]!.reason).toMatch(/^shared dataset: .*MTEB/);
  });

  it('groups text-to-image personalization papers by task', async () => {
    const personalization = [
      'Cross Initialization for Personalized Text-to-Image Generation',
      'A Neural Space-Time Representation for Text-to-Image Personalization',
      'DECOR:Decomposition and Projection of Text Embeddings for Text-to-Image Customization',
    ];
    const near = await neighbourTitles('CoRe: Context-Regularized Text Embedding Learning', 'task', 5);
    expect(near.filter((title) => personalization.includes(title)).length).toBeGreaterThanOrEqual(1);
  });

  // The provisional model's task/method/dataset heads are untrained (see its manifest); with it the
  // nearest papers to this one by task are graph-clustering and embedding-table papers, and the two
  // network-embedding papers ranked 38th and 68th (measured with facet-aspects@8c0db741e4f5).
  // The trained model must meet this expectation.
  it.skipIf(provisional)(`groups network-embedding papers by task${provisional ? ' (skipped: provisional model, untrained task head)' : ''}`, async () => {
    const near = await neighbourTitles('Fast and Accurate Network Embeddings via Very Sparse Random Projection', 'task', 5);
    const networkEmbedding = ['IRWE: Inductive Random Walk for Joint Inference of Identity and Position Network Embedding', 'Graphlets correct for the topological information missed by random walks'];
    expect(near.filter((title) => networkEmbedding.includes(title)).length).toBeGreaterThanOrEqual(1);
  });

  it('returns neighbours best first with cosine scores, 1-based ranks, and never the paper itself', async () => {
    const source = byTitle('2D Matryoshka Sentence Embeddings');
    for (const aspect of ['generic', 'task', 'method', 'dataset'] as const) {
      const neighbours = await core.handlers['papers.similar']({ id: source.id, aspect, k: 10 });
      expect(neighbours).toHaveLength(10);
      expect(neighbours.map((n) => n.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(neighbours.map((n) => n.paper.id)).not.toContain(source.id);
      for (let i = 0; i < neighbours.length; i++) {
        expect(neighbours[i]!.score).toBeLessThanOrEqual(1 + 1e-6);
        expect(neighbours[i]!.score).toBeGreaterThanOrEqual(-1 - 1e-6);
        if (i > 0) expect(neighbours[i - 1]!.score).toBeGreaterThanOrEqual(neighbours[i]!.score - 1e-6);
        expect(neighbours[i]!.reason.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives every aspect neighbour a reason that names something shared, or says nothing is', async () => {
    const kinds = new Map<string, number>();
    for (const aspect of ['task', 'method', 'dataset'] as const) {
      for (const paper of papers.slice(0, 40)) {
        for (const neighbour of await core.handlers['papers.similar']({ id: paper.id, aspect, k: 10 })) {
          const kind = neighbour.reason.startsWith(`shared ${aspect} words: `)
            ? 'words'
            : neighbour.reason.startsWith(`shared ${aspect}: `)
              ? 'term'
              : /^related (tasks?: .+ \((a kind|both kinds) of .+\)|methods?: .+ and .+ \(both .+\))/u.test(neighbour.reason)
                ? 'related'
                : neighbour.reason === `no ${aspect} terms or words in common`
                  ? 'none'
                  : `other: ${neighbour.reason}`;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          if (kind === 'term') expect(neighbour.reason).toContain(neighbour.sharedTerms[0]!);
        }
      }
    }
    expect([...kinds.keys()].filter((kind) => kind.startsWith('other'))).toEqual([]);
    const total = [...kinds.values()].reduce((sum, count) => sum + count, 0);
    // Over all 118 papers tools/aspects/reason-coverage.ts measures about 79% concrete; 40 papers here.
    expect(((kinds.get('term') ?? 0) + (kinds.get('related') ?? 0) + (kinds.get('words') ?? 0)) / total).toBeGreaterThan(0.6);
  });

  it('searches the seeds by keyword, meaning and both', async () => {
    const keyword = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'Matryoshka', mode: 'keyword', limit: 5 }));
    expect(keyword.slice(0, 2).map((h) => h.paper.title).sort()).toEqual(['2D Matryoshka Sentence Embeddings', 'Starbucks: Improved Training for 2D Matryoshka Embeddings']);
    const semantic = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'sentence embeddings', mode: 'semantic', limit: 10 }));
    expect(semantic.map((h) => h.paper.title)).toContain('2D Matryoshka Sentence Embeddings');
    const both = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'knowledge graph embedding', mode: 'hybrid', limit: 10 }));
    expect(both.map((h) => h.paper.title)).toContain('Knowledge Graph Embedding by Normalizing Flows');
    const hybrid = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'network embedding random walks', mode: 'hybrid', limit: 5 }));
    expect(hybrid.map((h) => h.paper.title).some((t) => /Network Embedding|random walks/i.test(t))).toBe(true);
  });

  it('finds nothing for a nonsense query, in every mode', async () => {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const hits = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'zzzqqq nonsenseword', mode, limit: 200 }));
      expect(hits, mode).toEqual([]);
    }
  });

  it('returns only papers that match, each saying why', async () => {
    const keyword = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'matryoshka', mode: 'keyword', limit: 200 }));
    const containing = papers.filter((p) => /matryoshka/i.test(p.title));
    expect(keyword.length).toBeGreaterThanOrEqual(containing.length);
    for (const hit of keyword) {
      expect(hit.match).toMatchObject({ keyword: true, semantic: false });
      expect(hit.match.words.map((word) => word.toLowerCase())).toContain('matryoshka');
      expect(hit.reason).toMatch(/^matches “Matryoshka”/i);
    }
    const hybrid = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'matryoshka', mode: 'hybrid', limit: 200 }));
    // The library has 118 papers; hybrid used to return every one of them.
    expect(hybrid.length).toBeLessThan(20);
    for (const hit of hybrid) {
      expect(hit.match.keyword || hit.match.semantic).toBe(true);
      if (hit.match.semantic) expect(hit.match.similarity!).toBeGreaterThanOrEqual(0.55);
      expect(hit.reason).not.toBe('');
    }
    expect(new Set(hybrid.map((h) => h.paper.id))).toEqual(new Set([...keyword.map((h) => h.paper.id), ...hybrid.filter((h) => h.match.semantic).map((h) => h.paper.id)]));
    const semantic = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'sentence embeddings', mode: 'semantic', limit: 200 }));
    expect(semantic.length).toBeGreaterThan(0);
    expect(semantic.length).toBeLessThan(118);
    for (const hit of semantic) expect(hit).toMatchObject({ reason: 'semantic match', match: { semantic: true, keyword: false } });
  });
});
