import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetadataFetcher } from '../../../src-main/core/library/metadata-fetch.ts';
import { arxivTitleQuery, bestTitleMatch } from '../../../src-main/core/library/title-match.ts';
import { emptyLibraryRecord, type LibraryRecord } from '../../../src-main/core/library/types.ts';
import { startMetadataServer, type MetadataServer } from '../../fixtures/library/metadata-server.ts';

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/library', name), 'utf8');
const record = (title: string, arxivId: string): LibraryRecord => ({ ...emptyLibraryRecord(), title, arxivId });

describe('matching a title to arXiv', () => {
  it('asks for the title as one phrase, with nothing that could form query syntax', () => {
    expect(arxivTitleQuery('SimCSE: Simple Contrastive Learning of Sentence Embeddings')).toBe('ti:"simcse simple contrastive learning of sentence embeddings"');
    expect(arxivTitleQuery('A "quoted" (AND) OR title: with-dashes')).toBe('ti:"a quoted and or title with dashes"');
  });

  it('does not match on titles too short to name one paper', () => {
    expect(arxivTitleQuery('BERT')).toBeNull();
    expect(arxivTitleQuery('Attention Is All')).toBeNull();
  });

  it('takes the answer with the same title, casing, punctuation and accents aside', () => {
    const wanted = 'Matryoshka Representation Learning for Adaptive Embeddings';
    const found = bestTitleMatch(wanted, [record('Matryoshka Representations in Vision', '2201.00001'), record('Matryoshka representation learning for adaptive embeddings.', '2205.13147')]);
    expect(found?.arxivId).toBe('2205.13147');
  });

  it('leaves a near miss unmatched: a paper with one word more or another word is another paper', () => {
    const wanted = 'Contrastive Learning of Sentence Embeddings';
    expect(bestTitleMatch(wanted, [record('Contrastive Learning of Sentence Embeddings for Retrieval and Ranking', '2301.00001')])).toBeNull();
    expect(bestTitleMatch(wanted, [record('Contrastive Learning of Image Embeddings', '2301.00002')])).toBeNull();
    expect(bestTitleMatch(wanted, [])).toBeNull();
  });
});

describe('MetadataFetcher.searchArxivByTitle against a local stand-in for arXiv', () => {
  let server: MetadataServer;
  beforeEach(async () => {
    server = await startMetadataServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const fetcher = () => new MetadataFetcher({ allowNetwork: true, arxivApiUrl: `${server.base}/api/query`, arxivIntervalMs: 0, backoffMs: 5 });

  it("sends a title query and returns arXiv's record of that paper", async () => {
    server.script.set('/api/query', [{ status: 200, body: fixture('arxiv-two-entries.atom.xml') }]);
    const found = await fetcher().searchArxivByTitle('A test paper on aspect embeddings and neighbours');
    const query = new URL(server.seen[0]!.url, server.base).searchParams;
    expect(query.get('search_query')).toBe('ti:"a test paper on aspect embeddings and neighbours"');
    expect(query.get('max_results')).toBe('5');
    expect(found).toMatchObject({ arxivId: '2205.13147', authors: ['First Author', 'Second Author'], date: '2022-05-26', doi: '10.1145/0000000.0000001' });
  });

  it('returns null when no answer is the same paper, and sends nothing for a short title', async () => {
    server.script.set('/api/query', [{ status: 200, body: fixture('arxiv-two-entries.atom.xml') }]);
    expect(await fetcher().searchArxivByTitle('A Different Paper on Aspect Embeddings and Neighbours')).toBeNull();
    expect(await fetcher().searchArxivByTitle('Neighbours')).toBeNull();
    expect(server.seen).toHaveLength(1);
  });

  it("fails with arXiv's reason when it rejects the query", async () => {
    server.script.set('/api/query', [{ status: 200, body: fixture('arxiv-error.atom.xml') }]);
    await expect(fetcher().searchArxivByTitle('A test paper on aspect embeddings and neighbours')).rejects.toThrow(/arXiv rejected the title search/);
  });
});
