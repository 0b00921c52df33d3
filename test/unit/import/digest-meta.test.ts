import { describe, expect, it } from 'vitest';
import { paperLinks, urlsInText } from '../../../src-main/core/service/paper-links.ts';
import { collect } from './helpers.ts';

describe('digest entry metadata', () => {
  it('keeps authors, arXiv ids and dates the page prints under an entry, and the page date heading for the rest', async () => {
    const text = [
      'Daily Papers',
      'Mar 14',
      '',
      'Matryoshka Representation Learning',
      '',
      'Learned representations are a central component in modern ML systems. We encode information at different granularities in one embedding.',
      'Authors: Aditya Kusupati, Gantavya Bhatt and Aniket Rege',
      'arXiv:2205.13147v3 [cs.LG]',
      '',
      'A Second Paper Without Metadata Lines',
      '',
      'Its abstract is long enough to be an abstract, and it ends with a full stop as sentences do.',
    ].join('\n');
    const { records } = await collect({ kind: 'text', name: 'page.txt', text }, { now: new Date('2025-06-01T00:00:00Z') });
    expect(records[0]).toMatchObject({
      title: 'Matryoshka Representation Learning',
      authors: ['Aditya Kusupati', 'Gantavya Bhatt', 'Aniket Rege'],
      arxivId: '2205.13147',
      url: 'https://arxiv.org/abs/2205.13147',
      date: '2025-03-14',
      year: 2025,
    });
    expect(records[1]).toMatchObject({ title: 'A Second Paper Without Metadata Lines', authors: [], arxivId: null, date: '2025-03-14' });
  });
});

describe('paper links', () => {
  it('finds URLs in abstracts without trailing punctuation or unbalanced brackets', () => {
    expect(urlsInText('Code is available at https://github.com/Cameltr/TransRef. See (https://example.org/a_(b)) and https://x.org/y,')).toEqual([
      'https://github.com/Cameltr/TransRef',
      'https://example.org/a_(b)',
      'https://x.org/y',
    ]);
  });

  it('links arXiv and DOI pages where known, and search pages for the title', () => {
    const links = paperLinks({ title: 'Deep Residual Learning & More', arxivId: '1512.03385', doi: '10.1109/cvpr.2016.90', url: null, abstract: 'See https://github.com/KaimingHe/deep-residual-networks.' });
    expect(links).toEqual({
      arxiv: 'https://arxiv.org/abs/1512.03385',
      doi: 'https://doi.org/10.1109/cvpr.2016.90',
      url: null,
      findOnArxiv: 'https://arxiv.org/search/?query=Deep%20Residual%20Learning%20%26%20More&searchtype=title',
      findOnSemanticScholar: 'https://www.semanticscholar.org/search?q=Deep%20Residual%20Learning%20%26%20More',
      inAbstract: ['https://github.com/KaimingHe/deep-residual-networks'],
    });
    expect(paperLinks({ title: 'T', arxivId: null, doi: null, url: 'javascript:alert(1)', abstract: '' })).toMatchObject({ arxiv: null, doi: null, url: null });
  });
});
