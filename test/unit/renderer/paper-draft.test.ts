import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src-main/common/contract.ts';
import { draftOf, patchOf } from '../../../src-renderer/src/lib/paper-draft.ts';

const paper: Paper = {
  id: 'p1', title: 'A Title', authors: ['Ada Lovelace', 'Alan Turing'], year: 2020, date: null, venue: 'ICML', arxivId: '2002.05709', doi: null, url: null,
  titleOnly: false, importedAt: '2026-01-01T00:00:00.000Z', abstract: 'An abstract.', sourceFile: null, sourceLine: null, terms: { task: [], method: [], dataset: [] }, embedded: true,
};

describe('paper edit form', () => {
  it('patches only the fields that changed; empty text clears a field', () => {
    const draft = draftOf(paper);
    expect(draft).toMatchObject({ authors: 'Ada Lovelace\nAlan Turing', year: '2020', doi: '' });
    expect(patchOf(paper, draft)).toEqual({});
    expect(patchOf(paper, { ...draft, authors: 'Ada Lovelace\n\nGrace Hopper ', venue: '', year: '2021', doi: '10.1000/x' })).toEqual({
      authors: ['Ada Lovelace', 'Grace Hopper'],
      venue: null,
      year: 2021,
      doi: '10.1000/x',
    });
    expect(patchOf(paper, { ...draft, year: '' })).toEqual({ year: null });
    expect(() => patchOf(paper, { ...draft, year: 'soon' })).toThrow(/four digits/);
  });
});
