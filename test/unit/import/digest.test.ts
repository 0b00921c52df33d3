import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byTitle, collect, fixture } from './helpers.ts';

const now = new Date('2026-06-01T12:00:00Z');

describe('digest pages, listing layout', () => {
  it('reads entries with author-count, separator and date lines, using the page header year', async () => {
    const { records, problems } = await collect(fixture('listing-2025.txt'), { now });
    expect(records.map((record) => record.title)).toEqual([
      'Hierarchical Token Pruning for Long-Context Retrieval Encoders',
      'Gradient-Free Prompt Search for Embedding Models',
      'Curriculum Negatives Without a Teacher',
      'Multilingual Abstract Alignment at Scale',
      'Retrieval-Augmented Reviewer Assignment',
    ]);
    // "Feb 11" on a page headed "Daily Papers — Feb 14, 2025" is 2025-02-11; a counter line follows it.
    expect(records[0]).toMatchObject({ date: '2025-02-11', year: 2025, sourceLine: 9 });
    // A full date keeps its own year; "· 12" after it is a counter.
    expect(records[1]).toMatchObject({ date: '2021-12-16', year: 2021 });
    expect(records[2]).toMatchObject({ date: '2025-02-03', abstract: 'Hard negatives usually come from a teacher model.' });
    // Not every entry has metadata lines.
    expect(records[3]).toMatchObject({ date: null, year: null });
    expect(records[4]).toMatchObject({ date: '2025-01-30' });
    expect(records[0]?.abstract.endsWith('at a fifth of the cost…')).toBe(true);
    expect(records.every((record) => !/authors|Load more|·/.test(record.abstract))).toBe(true);

    const truncated = problems.filter((problem) => problem.message.includes('abstract looks truncated'));
    expect(truncated.map((problem) => problem.line)).toEqual([9, 17, 35]);
    expect(truncated.every((problem) => problem.severity === 'warning' && problem.source === fixture('listing-2025.txt'))).toBe(true);
    expect(truncated[0]?.record).toBe('Hierarchical Token Pruning for Long-Context Retrieval Encoders');
    expect(problems).toHaveLength(3);
  });

  it('takes the year of a yearless date from options.now when the page shows no full date', async () => {
    const { records } = await collect(fixture('listing-no-year.txt'), { now });
    expect(records.map((record) => [record.title, record.date])).toEqual([
      ['Sparse Probes Reveal Dataset Memorisation in Sentence Encoders', '2026-03-02'],
      // Dec 30 of "this year" would be in the future on 2026-06-01: it is last year's.
      ['Short Abstracts Are Enough', '2025-12-30'],
      ['Tabular Context for Dataset Mention Detection', null],
    ]);
    // A short abstract followed by the entry's metadata lines is an abstract, not a title.
    expect(records[1]?.abstract).toBe('Titles plus short summaries work.');
  });
});

describe('digest pages, other shapes', () => {
  it('reads Markdown with hard-wrapped abstracts and flags a title without abstract', async () => {
    const { records, problems } = await collect(fixture('wrapped-digest.md'));
    expect(records.map((record) => record.title)).toEqual([
      'Prototype Memories for Few-Shot Paper Classification',
      'Citation-Aware Chunking of Full Texts',
      'Title Only Entry Without Any Abstract',
      'Quantised Embeddings for Offline Reading Apps',
    ]);
    expect(byTitle(records, 'Citation-Aware Chunking of Full Texts').abstract).toBe(
      'Splitting papers into chunks at citation boundaries keeps each chunk about one idea. Retrieval over such chunks beats fixed windows in our experiments on an invented corpus of theses.',
    );
    const titleOnly = byTitle(records, 'Title Only Entry Without Any Abstract');
    expect(titleOnly.abstract).toBe('');
    expect(problems).toContainEqual({
      source: fixture('wrapped-digest.md'),
      line: 15,
      record: 'Title Only Entry Without Any Abstract',
      severity: 'warning',
      message: 'no abstract: imported title-only',
    });
    // The page heading is not a paper, and saying so is a warning, not silence.
    expect(problems.find((problem) => problem.line === 1)?.message).toMatch(/page heading/);
  });

  it('reads pasted text without blank lines between an entry and its metadata, and skips chrome at the end', async () => {
    const text = [
      'Daily Papers',
      'Mar 14, 2024',
      '',
      'Sketching Gradients for Private Embedding Training',
      'We compress per-example gradients with count sketches so that differentially private training of large embedding tables fits in memory, and we bound the extra noise this adds.',
      '  • 4 authors',
      '·',
      'Mar 12 · 7',
      'Two Tower Models Meet Late Interaction',
      '',
      'We add a cheap late-interaction head on top of a two-tower retriever and keep most of its speed.',
      '',
      'Previous',
      'Next',
      'System theme',
    ].join('\n');
    const { records, problems } = await collect({ kind: 'text', name: 'clipboard', text });
    expect(records.map((record) => [record.title, record.date, record.sourceLine])).toEqual([
      ['Sketching Gradients for Private Embedding Training', '2024-03-12', 4],
      ['Two Tower Models Meet Late Interaction', null, 9],
    ]);
    expect(problems).toEqual([]);
  });

  it('reports a title with no abstract between two full entries, and never merges it into an abstract', async () => {
    const text = [
      'First Paper About Sparse Retrieval',
      '',
      'An abstract long enough to be an abstract. It has two sentences and ends with a full stop.',
      '',
      'A Paper Listed Without Its Abstract',
      '',
      'Third Paper on Dense Retrieval',
      '',
      'Another abstract that is clearly prose. It also has more than one sentence in it.',
    ].join('\n');
    const { records, problems } = await collect({ kind: 'text', name: 'list.txt', text });
    expect(records.map((record) => [record.title, record.abstract === ''])).toEqual([
      ['First Paper About Sparse Retrieval', false],
      ['A Paper Listed Without Its Abstract', true],
      ['Third Paper on Dense Retrieval', false],
    ]);
    expect(problems.map((problem) => [problem.line, problem.message])).toEqual([[5, 'no abstract: imported title-only']]);
  });

  it('starts a new entry at a very long title after an abstract, but keeps a second abstract paragraph', async () => {
    const longTitle =
      'A Very Long Title About Retrieval Augmented Generation With Aspect Specific Dense Embeddings Product Quantisation Late Interaction Rerankers And Citation Graph Signals For Scientific Literature Recommendation Systems';
    expect(longTitle.length).toBeGreaterThan(200);
    const text = [
      'Short Title Before',
      '',
      'The first abstract is one sentence long and ends here with a full stop.',
      '',
      'A second paragraph of the same abstract follows. It is prose with sentences.',
      '',
      longTitle,
      '',
      'Its abstract comes after it. It has two sentences.',
    ].join('\n');
    const { records } = await collect({ kind: 'text', name: 'long.txt', text });
    expect(records.map((record) => [record.title, record.sourceLine])).toEqual([
      ['Short Title Before', 1],
      [longTitle, 7],
    ]);
    expect(records[0]?.abstract).toBe(
      'The first abstract is one sentence long and ends here with a full stop.\n\nA second paragraph of the same abstract follows. It is prose with sentences.',
    );
    expect(records[1]?.abstract).toBe('Its abstract comes after it. It has two sentences.');
  });

  it('does not take abbreviations in a title ("vs.", "et al.") for sentence breaks', async () => {
    const text = [
      'First Entry With A Plain Title',
      '',
      'This abstract has sentences. It ends with a full stop.',
      '',
      'Sparse vs. Dense Retrieval Compared Across Twelve Invented Scientific Collections With Et Al. Citations',
      '',
      'The second abstract. It also has sentences.',
    ].join('\n');
    const { records } = await collect({ kind: 'text', name: 'abbrev.txt', text });
    expect(records.map((record) => record.sourceLine)).toEqual([1, 5]);
    expect(records[0]?.abstract).toBe('This abstract has sentences. It ends with a full stop.');
  });

  it('imports a page that lists titles only, each with a title-only warning', async () => {
    const titles = ['Graph Pooling Revisited', 'Sparse Autoencoders for Paper Topics', 'Token Dropping in Long Encoders', 'Benchmarks for Dataset Search', 'Ranking With Aspect Vectors', 'Reading Order Prediction'];
    const { records, problems } = await collect({ kind: 'text', name: 'titles.txt', text: titles.join('\n\n') });
    expect(records.map((record) => record.title)).toEqual(titles);
    expect(problems.map((problem) => problem.message)).toEqual(titles.map(() => 'no abstract: imported title-only'));
    const short = await collect({ kind: 'text', name: 'three.txt', text: titles.slice(0, 3).join('\n\n') });
    expect(short.records.map((record) => record.title)).toEqual(titles.slice(0, 3));
  });

  it('warns when the same paper appears twice on one page, naming both lines', async () => {
    const entry = ['Repeated Paper Title', '', 'The same abstract, printed twice on one page by the site.'];
    const { records, problems } = await collect({ kind: 'text', name: 'dupes', text: [...entry, '', ...entry].join('\n') });
    expect(records).toHaveLength(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'warning', line: 5, record: 'Repeated Paper Title' });
    expect(problems[0]?.message).toMatch(/line 1 and line 5/);
  });

  it('reads a digest saved with Windows line endings', async () => {
    const text = fs.readFileSync(fixture('listing-no-year.txt'), 'utf8').replace(/\n/g, '\r\n');
    const { records } = await collect({ kind: 'text', name: 'crlf.txt', text }, { now });
    expect(records.map((record) => record.sourceLine)).toEqual([3, 10, 17]);
    expect(records[0]?.abstract.includes('\r')).toBe(false);
  });

  it('reads metadata written on one line ("• 3 authors · Feb 11 · 4")', async () => {
    const text = [
      'Query Rewriting With Small Models',
      '',
      'We rewrite search queries with a distilled model and keep latency under ten milliseconds on a laptop.',
      '• 3 authors · Feb 11 · 4',
      'Ranking Papers by Method Similarity',
      '',
      'Method names extracted from abstracts give a second view of relatedness between papers.',
    ].join('\n');
    const { records, problems } = await collect({ kind: 'text', name: 'one-line-meta', text }, { now });
    expect(records.map((record) => [record.title, record.date])).toEqual([
      ['Query Rewriting With Small Models', '2026-02-11'],
      ['Ranking Papers by Method Similarity', null],
    ]);
    expect(problems).toEqual([]);
  });
});

describe('digest pages saved as HTML', () => {
  it('reads the visible text, skipping head, scripts, navigation and footer, with HTML source lines', async () => {
    const { records, problems } = await collect(fixture('listing-page.html'), { now });
    expect(records.map((record) => [record.title, record.sourceLine, record.date])).toEqual([
      ['Lattice Codes for Compressed & Searchable Embeddings', 13, '2024-04-01'],
      ['Reading Tables as Graphs for Dataset Search', 20, null],
    ]);
    expect(records[0]?.abstract).toBe(
      'We quantise embeddings onto a lattice so that search runs directly on the codes. The method keeps recall within one point of float vectors at an eighth of the memory.',
    );
    expect(records[1]?.abstract.endsWith('on an invented benchmark…')).toBe(true);
    expect(problems.map((problem) => [problem.line, problem.message])).toEqual([[20, 'abstract looks truncated (it ends with an ellipsis); stored as it is']]);
  });

  it('recognises pasted HTML by its content', async () => {
    const text = '<html><body><h3>Pasted Markup Paper</h3><p>An abstract inside a paragraph element, long enough to read as prose.</p></body></html>';
    const { records } = await collect({ kind: 'text', name: 'pasted html', text });
    expect(records.map((record) => [record.title, record.abstract])).toEqual([
      ['Pasted Markup Paper', 'An abstract inside a paragraph element, long enough to read as prose.'],
    ]);
  });
});
