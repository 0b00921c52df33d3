/** papers.crossAspect and papers.compare through openFacet (fake embedder, the real tagger and name lists). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { FakeEmbedder } from './fake-embedder.ts';

const PAPERS = [
  { title: 'Contrastive learning of sentence embeddings', abstract: 'We train a BERT encoder with a contrastive loss on the SNLI dataset for semantic textual similarity.' },
  { title: 'Dense passage retrieval for open-domain question answering', abstract: 'A BERT dual encoder trained with contrastive loss for question answering retrieval on Natural Questions.' },
  { title: 'Graph attention networks', abstract: 'Attention over graph neighbourhoods for node classification on Cora and Citeseer.' },
  { title: 'Matryoshka representation learning', abstract: 'Nested embeddings trained so that prefixes work for image classification on ImageNet.' },
];

let dataDir: string;
let core: FacetCore;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-aspect-handlers-'));
  core = await openFacet({ dataDir, embedder: new FakeEmbedder() });
  const text = PAPERS.map((p) => JSON.stringify(p)).join('\n');
  await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'papers.jsonl', text }] }));
});

afterEach(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function idOf(prefix: string): Promise<string> {
  const page = await core.handlers['papers.list'](parseRequest('papers.list', {}));
  return page.items.find((p) => p.title.startsWith(prefix))!.id;
}

describe('papers.crossAspect', () => {
  it('lists the other papers with the like-aspect similarity of papers.similar and the unlike terms split', async () => {
    const simcse = await idOf('Contrastive');
    const items = await core.handlers['papers.crossAspect'](parseRequest('papers.crossAspect', { id: simcse, aspect: 'method', unlike: 'task' }));
    expect(items).toHaveLength(3);
    expect(items.map((item) => item.rank)).toEqual([1, 2, 3]);
    expect(items.map((item) => item.paper.id)).not.toContain(simcse);
    const plain = await core.handlers['papers.similar'](parseRequest('papers.similar', { id: simcse, aspect: 'method' }));
    for (const item of items) {
      expect(item.similarity).toBeCloseTo(plain.find((n) => n.paper.id === item.paper.id)!.score, 6);
      expect(item.score).toBeLessThanOrEqual(item.similarity + 1e-9);
      expect(item.difference.length).toBeGreaterThan(0);
    }
    const source = await core.handlers['papers.get']({ id: simcse });
    const dpr = items.find((item) => item.paper.title.startsWith('Dense passage'))!;
    const other = await core.handlers['papers.get']({ id: dpr.paper.id });
    // Every task of either paper lands in shared or in that paper's own list.
    expect(dpr.unlikeTerms.shared.length + dpr.unlikeTerms.onlyOwn.length).toBe(new Set(source.terms.task).size);
    expect(dpr.unlikeTerms.shared.length + dpr.unlikeTerms.onlyOther.length).toBe(new Set(other.terms.task).size);
    expect(dpr.sharedTerms.length).toBeGreaterThan(0);
  });

  it('fails with NOT_FOUND for an unknown paper', async () => {
    await expect(core.handlers['papers.crossAspect'](parseRequest('papers.crossAspect', { id: 'nope', aspect: 'method', unlike: 'task' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('papers.compare', () => {
  it('gives every aspect its similarity and the terms side by side', async () => {
    const simcse = await idOf('Contrastive');
    const dpr = await idOf('Dense passage');
    const comparison = await core.handlers['papers.compare'](parseRequest('papers.compare', { a: simcse, b: dpr }));
    expect(comparison.a.id).toBe(simcse);
    expect(comparison.b.id).toBe(dpr);
    expect(comparison.aspects.map((row) => row.aspect)).toEqual(['generic', 'task', 'method', 'dataset']);
    const a = await core.handlers['papers.get']({ id: simcse });
    const b = await core.handlers['papers.get']({ id: dpr });
    for (const aspect of ['task', 'method', 'dataset'] as const) {
      const row = comparison.aspects.find((r) => r.aspect === aspect)!;
      expect(row.terms.shared.length + row.terms.onlyA.length).toBe(new Set(a.terms[aspect]).size);
      expect(row.terms.shared.length + row.terms.onlyB.length).toBe(new Set(b.terms[aspect]).size);
    }
    const similar = await core.handlers['papers.similar'](parseRequest('papers.similar', { id: simcse, aspect: 'dataset' }));
    const dataset = comparison.aspects.find((r) => r.aspect === 'dataset')!;
    expect(dataset.similarity).toBeCloseTo(similar.find((n) => n.paper.id === dpr)!.score, 6);
    await expect(core.handlers['papers.compare'](parseRequest('papers.compare', { a: simcse, b: 'nope' }))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no paper with id "nope"' });
  });
});
