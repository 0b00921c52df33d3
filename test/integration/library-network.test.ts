/**
 * The network path of the library service with the committed model and a local stand-in for
 * arXiv and Crossref on 127.0.0.1: an identifier list imported with network use off (stubs, not
 * one request), network use turned on through settings.set, the stubs filled in place by
 * library.resolvePending (titles, abstracts, vectors, neighbours; reading state kept), and a
 * server that keeps failing (a clear error naming the identifier, nothing stored lost).
 * Skips with a message where the model is absent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequest, type Paper } from '../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../src-main/core/service.ts';
import { arxivAnswer, crossrefPath, crossrefWork, startMetadataServer, type ArxivEntry, type CrossrefWork, type MetadataServer } from '../fixtures/library/metadata-server.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const model = realModelDir();

/** Two papers on sentence embeddings, two on protein structure: each has an obvious nearest neighbour. */
const arxiv: ArxivEntry[] = [
  {
    id: '2104.08821v4',
    title: 'Contrastive Learning of Sentence Embeddings with Dropout Noise',
    summary:
      'We present a simple contrastive learning framework for sentence embeddings. An input sentence is encoded twice with different dropout masks and the model predicts the sentence itself as its positive pair, with other sentences in the batch as negatives. The unsupervised model improves semantic textual similarity benchmarks over previous sentence encoders.',
    authors: ['Tianyu Gao', 'Xingcheng Yao', 'Danqi Chen'],
    published: '2021-04-18T00:00:00Z',
  },
  {
    id: '2203.01234v1',
    title: 'Protein Structure Prediction from Amino Acid Sequences with Attention over Residue Pairs',
    summary:
      'Predicting the three-dimensional structure of a protein from its amino acid sequence is a long-standing problem. We train a deep network with attention over residue pairs and multiple sequence alignments to predict inter-residue distances and backbone coordinates, reaching near-experimental accuracy on CASP targets.',
    authors: ['Ada Fold', 'Ben Helix'],
    published: '2022-03-02T00:00:00Z',
  },
];
const crossref: CrossrefWork[] = [
  {
    doi: '10.1000/sentence.2019',
    title: 'Sentence Embeddings from Siamese Networks for Semantic Textual Similarity',
    abstract:
      'We fine-tune a pretrained language model in a siamese network so that sentence embeddings can be compared with cosine similarity. The sentence encoder reaches strong results on semantic textual similarity and transfer tasks while being much faster than cross-encoders for similarity search.',
    authors: [{ given: 'Nils', family: 'Reimers' }],
    issued: [2019, 11, 3],
    containerTitle: 'Proceedings of EMNLP 2019',
  },
  {
    doi: '10.1000/protein.2021',
    title: 'Highly Accurate Protein Structure Prediction with Deep Learning',
    abstract:
      'Proteins fold into three-dimensional structures determined by their amino acid sequence. We describe a neural network that predicts protein structures from sequences and multiple sequence alignments, using attention over residues and residue pairs, and reaches atomic accuracy in the CASP14 assessment.',
    authors: [{ given: 'John', family: 'Jumper' }],
    issued: [2021, 7, 15],
    containerTitle: 'Nature',
  },
];
const LIST = ['arXiv:2104.08821v4', 'https://arxiv.org/abs/2203.01234', ...crossref.map((w) => `https://doi.org/${w.doi}.`)].join('\n');

describe.skipIf(model.dir === null)(`library network path with the real model${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  let tmp: string;
  let server: MetadataServer;
  let core: FacetCore;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-network-it-'));
    server = await startMetadataServer(arxivAnswer(arxiv));
    for (const work of crossref) server.script.set(crossrefPath(work.doi), [{ status: 200, body: crossrefWork(work) }]);
    core = await openFacet({
      dataDir: path.join(tmp, 'data'),
      metadataFetch: { arxivApiUrl: server.arxivApiUrl, crossrefApiUrl: server.crossrefApiUrl, arxivIntervalMs: 0, crossrefIntervalMs: 0, backoffMs: 10, maxRetries: 2 },
    });
  }, 120_000);

  afterAll(async () => {
    await core?.close();
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const papers = async (): Promise<Paper[]> => {
    const page = await core.handlers['papers.list']({ offset: 0, limit: 100, sort: 'imported' });
    return Promise.all(page.items.map((p) => core.handlers['papers.get']({ id: p.id })));
  };
  const byId = (list: Paper[], key: string) => list.find((p) => p.arxivId === key || p.doi === key)!;

  it('stores stubs without a single request while network use is off (the default)', async () => {
    expect(await core.handlers['settings.get']({})).toEqual({ allowNetwork: false, crossrefMailto: null });
    const summary = await core.handlers['library.import'](parseRequest('library.import', { source: { kind: 'identifiers', name: 'from chat', text: LIST } }));
    expect(summary).toMatchObject({ added: 4, pending: 4, embedded: 0, problems: [] });
    expect(server.seen).toEqual([]);
    const stubs = await papers();
    expect(stubs.every((p) => p.pending && !p.embedded && p.abstract === '')).toBe(true);
    await expect(core.handlers['library.resolvePending']({})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(server.seen).toEqual([]);
  });

  it('fills the stubs in place once network use is on: same ids, reading state kept, embedded, with neighbours', async () => {
    const stubs = await papers();
    const simcse = byId(stubs, '2104.08821');
    await core.handlers['reading.set'](parseRequest('reading.set', { id: simcse.id, patch: { status: 'to-read', tags: ['embeddings'], note: 'sent by a colleague', rating: 4 } }));

    expect(await core.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }))).toMatchObject({ allowNetwork: true });
    const summary = await core.handlers['library.resolvePending'](parseRequest('library.resolvePending', {}));
    expect(summary).toMatchObject({ stubs: 4, filled: 4, stillPending: 0, embedded: 4, problems: [], cancelled: false });
    expect(server.seen.filter((s) => s.url.startsWith('/api/query'))).toHaveLength(1);
    expect(server.seen.filter((s) => s.url.startsWith('/works/'))).toHaveLength(2);

    const filled = await papers();
    expect(filled.map((p) => p.id).sort()).toEqual(stubs.map((p) => p.id).sort());
    for (const entry of arxiv) {
      expect(byId(filled, entry.id.replace(/v\d+$/, ''))).toMatchObject({ title: entry.title, abstract: entry.summary, authors: entry.authors, pending: false, embedded: true });
    }
    for (const work of crossref) {
      expect(byId(filled, work.doi)).toMatchObject({ title: work.title, abstract: work.abstract, venue: work.containerTitle, year: work.issued[0], pending: false, embedded: true });
    }
    expect(await core.handlers['library.stats']({})).toMatchObject({ papers: 4, embedded: 4, pendingEmbedding: 0 });
    expect(await core.handlers['reading.get']({ id: simcse.id })).toMatchObject({ status: 'to-read', tags: ['embeddings'], note: 'sent by a colleague', rating: 4 });

    // The real model puts each paper next to the one on its own topic.
    const pairs: [string, string][] = [
      ['2104.08821', '10.1000/sentence.2019'],
      ['2203.01234', '10.1000/protein.2021'],
    ];
    for (const [left, right] of pairs) {
      for (const [from, to] of [
        [left, right],
        [right, left],
      ] as const) {
        const neighbours = await core.handlers['papers.similar'](parseRequest('papers.similar', { id: byId(filled, from).id, aspect: 'generic', k: 3 }));
        expect(neighbours).toHaveLength(3);
        expect(neighbours[0]!.paper.id, `${from}: ${neighbours.map((n) => `${n.paper.title} ${n.score.toFixed(3)}`).join(' | ')}`).toBe(byId(filled, to).id);
      }
    }
    // Keyword search finds the fetched abstract (the full-text index was refreshed).
    const hits = await core.handlers['papers.search'](parseRequest('papers.search', { query: 'dropout masks', mode: 'keyword', limit: 3 }));
    expect(hits[0]!.paper.id).toBe(simcse.id);
  }, 120_000);

  it('names the identifier when the server keeps failing, and loses nothing stored', async () => {
    const doi = '10.1000/unreachable.2020';
    await core.handlers['library.import'](parseRequest('library.import', { source: { kind: 'identifiers', name: 'one more', text: `doi:${doi}` } }));
    const before = await papers();
    const stub = byId(before, doi);
    await core.handlers['reading.set'](parseRequest('reading.set', { id: stub.id, patch: { status: 'reading' } }));
    server.script.set(crossrefPath(doi), [{ status: 500, body: 'internal error' }]);
    server.seen.length = 0;

    const error = await core.handlers['library.resolvePending']({}).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringMatching(/no pending stub could be filled \(1 tried; they stay pending\): doi:10\.1000\/unreachable\.2020: Crossref metadata not fetched: .*answered HTTP 500 \(after 3 attempts\)/),
    });
    // Only the stub was asked for, three times (two retries).
    expect(server.seen.map((s) => s.url)).toEqual(Array(3).fill(crossrefPath(doi)));
    const after = await papers();
    expect(after).toEqual(before);
    expect(byId(after, doi)).toMatchObject({ pending: true, embedded: false });
    expect(await core.handlers['reading.get']({ id: stub.id })).toMatchObject({ status: 'reading' });
    expect(await core.handlers['library.stats']({})).toMatchObject({ papers: 5, embedded: 4 });
  }, 60_000);
});
