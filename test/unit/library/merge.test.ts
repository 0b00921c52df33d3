import { describe, expect, it } from 'vitest';
import { mergePapers, mergeReadingValues, mergeRecords, richness, type MergeableReadingValues } from '../../../src-main/core/library/merge.ts';
import { emptyLibraryRecord, type LibraryRecord } from '../../../src-main/core/library/types.ts';

const record = (fields: Partial<LibraryRecord>): LibraryRecord => ({ ...emptyLibraryRecord(), ...fields });

const preprint = record({
  title: 'Aspect-based Document Similarity for Research Papers',
  abstract: 'Short preprint abstract.',
  authors: ['Malte Ostendorff'],
  year: 2020,
  arxivId: '2010.06395',
  url: 'https://arxiv.org/abs/2010.06395',
  filePath: '/papers/ostendorff2020.pdf',
  tags: ['to-cite'],
  collections: ['Thesis'],
});
const published = record({
  title: 'Aspect-based Document Similarity of Research Papers',
  abstract: 'The published abstract, which is a good deal longer than the preprint one was.',
  authors: ['Malte Ostendorff', 'Terry Ruas'],
  year: 2020,
  venue: 'COLING 2020',
  doi: '10.18653/v1/2020.coling-main.545',
  tags: ['similarity', 'to-cite'],
});

describe('mergeRecords', () => {
  it('keeps the richer record and fills in the rest from the other', () => {
    const { merged, kept } = mergeRecords(preprint, published);
    expect(kept).toBe('b');
    expect(merged).toMatchObject({
      title: published.title,
      abstract: published.abstract,
      authors: ['Malte Ostendorff', 'Terry Ruas'],
      doi: '10.18653/v1/2020.coling-main.545',
      arxivId: '2010.06395',
      venue: 'COLING 2020',
      filePath: '/papers/ostendorff2020.pdf',
      tags: ['similarity', 'to-cite'],
      collections: ['Thesis'],
    });
    // Pure: the inputs are untouched.
    expect(published.arxivId).toBeNull();
    expect(mergeRecords(published, preprint).kept).toBe('a');
  });

  it('never keeps a pending stub over a fetched record', () => {
    const stub = record({ title: 'arXiv:2010.06395 (metadata pending)', arxivId: '2010.06395', pending: true, doi: '10.1/x' });
    expect(richness(stub)).toBeLessThan(richness(preprint));
    const { merged, kept } = mergeRecords(stub, preprint);
    expect(kept).toBe('b');
    expect(merged.pending).toBeUndefined();
    expect(merged.doi).toBe('10.1/x');
  });
});

describe('mergeReadingValues', () => {
  const values = (fields: Partial<MergeableReadingValues>): MergeableReadingValues => ({ status: 'none', tags: [], note: '', rating: null, notRelevant: false, ...fields });

  it('keeps the furthest status, all tags, both notes and the higher rating', () => {
    expect(
      mergeReadingValues(values({ status: 'to-read', tags: ['a'], note: 'kept note', rating: 3, notRelevant: true }), values({ status: 'read', tags: ['b', 'a'], note: 'old note', rating: 5 })),
    ).toEqual({ status: 'read', tags: ['a', 'b'], note: 'kept note\n\n---\n\nold note', rating: 5, notRelevant: false });
    expect(mergeReadingValues(null, values({ status: 'reading' }))?.status).toBe('reading');
    expect(mergeReadingValues(values({ note: 'same' }), values({ note: 'same' }))?.note).toBe('same');
    expect(mergeReadingValues(null, null)).toBeNull();
  });
});

describe('mergePapers', () => {
  it('moves state from the retired paper to the kept one before returning', async () => {
    const calls: [string, string][] = [];
    const result = await mergePapers({ id: 'pre', record: preprint }, { id: 'pub', record: published }, (keptId, retiredId) => {
      calls.push([keptId, retiredId]);
    });
    expect(calls).toEqual([['pub', 'pre']]);
    expect(result.keptId).toBe('pub');
    expect(result.retiredId).toBe('pre');
    expect(result.merged.arxivId).toBe('2010.06395');
  });
});
