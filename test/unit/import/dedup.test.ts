import { describe, expect, it } from 'vitest';
import { dedupKeys, paperIdFor } from '../../../src-main/core/import/index.ts';

const base = { title: 'Matryoshka Representation Learning', arxivId: null, doi: null };

describe('dedupKeys', () => {
  it('lists arXiv, DOI and title keys, strongest first', () => {
    expect(dedupKeys({ ...base, arxivId: '2205.13147', doi: '10.5555/MRL.1' })).toEqual([
      'arxiv:2205.13147',
      'doi:10.5555/mrl.1',
      'title:matryoshka representation learning',
    ]);
  });

  it('normalises identifiers given in other spellings', () => {
    expect(dedupKeys({ ...base, arxivId: 'arXiv:2205.13147v4', doi: 'https://doi.org/10.5555/MRL.1.' })).toEqual(
      dedupKeys({ ...base, arxivId: '2205.13147', doi: '10.5555/mrl.1' }),
    );
  });

  it('has only the title key when there are no identifiers', () => {
    expect(dedupKeys(base)).toEqual(['title:matryoshka representation learning']);
  });

  it('gives no keys for a record with nothing to match on', () => {
    expect(dedupKeys({ title: ' ?! ', arxivId: null, doi: null })).toEqual([]);
  });
});

describe('paperIdFor', () => {
  it('is 16 hex characters, deterministic, and derived from the strongest key', () => {
    const id = paperIdFor({ ...base, arxivId: '2205.13147' });
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(paperIdFor({ title: 'A different title entirely', arxivId: '2205.13147v2', doi: null })).toBe(id);
    expect(paperIdFor(base)).not.toBe(id);
    expect(paperIdFor({ ...base, title: 'MATRYOSHKA representation-learning' })).toBe(paperIdFor(base));
  });

  it('throws for a record without any key (a programming error: records always have titles)', () => {
    expect(() => paperIdFor({ title: '', arxivId: null, doi: null })).toThrow(/no title/);
  });
});
