import { describe, expect, it } from 'vitest';
import { byTitle, collect, fixture } from './helpers.ts';

describe('RIS importer', () => {
  it('reads records, joining continuation lines and finding DOIs and arXiv ids in tags', async () => {
    const { records } = await collect(fixture('good.ris'));
    expect(records.map((record) => record.recordKey)).toEqual(['ris-one', 'ris-two', 'ris-three', 'ris-four']);
    expect(byTitle(records, 'Sparse Lexical Expansion for Long Scientific Documents')).toMatchObject({
      authors: ['Yasmin Haddad', 'Pablo Ortiz'],
      year: 2022,
      date: '2022-05-17',
      doi: '10.5555/facet.2022.017',
      venue: 'Journal of Invented Retrieval',
      url: 'https://example.org/papers/sparse-expansion',
      abstract: 'We expand documents with predicted terms before indexing. The expansion covers section headings and captions as well as body text.',
      sourceLine: 1,
    });
    expect(byTitle(records, 'Contrastive Pretraining on Paper Abstracts')).toMatchObject({
      arxivId: '2004.05678',
      year: 2020,
      authors: ['Sofia Lindgren'],
      abstract: 'Abstract pairs that cite each other are positives.',
      sourceLine: 14,
    });
  });

  it('reports a record without abstract, a missing ER line and a record without title', async () => {
    const { problems } = await collect(fixture('good.ris'));
    expect(problems.map((problem) => [problem.severity, problem.line, problem.record, problem.message])).toEqual([
      ['warning', 23, 'ris-three', 'no abstract: imported title-only'],
      ['warning', 30, 'ris-four', 'RIS record at line 30 has no "ER  - " line before the next record at line 35; read it anyway'],
      ['error', 35, 'ris-five', 'record at line 35 has no title: skipped'],
    ]);
  });
});
