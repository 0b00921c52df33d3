import { describe, expect, it } from 'vitest';
import { byTitle, collect, fixture } from './helpers.ts';

describe('BibTeX importer', () => {
  it('reads entries with LaTeX turned into plain Unicode text', async () => {
    const { records } = await collect(fixture('good.bib'));
    expect(records.map((record) => record.recordKey)).toEqual([
      'lindqvist2023nested',
      'moreau2021aspects',
      'okafor2019graphs',
      'tanaka1999strings',
      'novak2024notes',
    ]);
    const nested = byTitle(records, 'Nested Bottleneck Codes for Elastic Sentence Embeddings');
    expect(nested).toMatchObject({
      authors: ['Maja Lindqvist', 'Emre Göksel', 'The Facet Test Consortium'],
      year: 2023,
      arxivId: '2301.04567',
      sourceLine: 6,
      venue: 'arXiv preprint arXiv:2301.04567',
    });
    // Line breaks inside a field fold to spaces; \% becomes %; \cite{...} disappears with its key.
    expect(nested.abstract).toBe(
      "We train sentence encoders whose leading coordinates already form a usable embedding, so that a single model serves many memory budgets. On retrieval benchmarks the truncated codes keep 97% of the full model's accuracy.",
    );

    const aspects = byTitle(records, 'Aspect-Aware Neighbours: Separating Task and Method Similarity in Scholarly Search');
    expect(aspects.authors).toEqual(['Céline Moreau', 'Kenji Nakamura']);
    expect(aspects.doi).toBe('10.18653/v1/2021.facet-test.12');
    // An @string macro is expanded.
    expect(aspects.venue).toBe('Proceedings of the Annual Meeting of the Association for Computational Linguistics');
    expect(aspects.abstract).toContain('show that naïve averaging hurts all three.');
    expect(aspects.abstract).not.toMatch(/[\\{}]/);

    expect(byTitle(records, 'Random Walks on Citation Graphs Revisited')).toMatchObject({ arxivId: '1907.01234', year: 2019 });
    expect(byTitle(records, 'Dual Strings on Folded Branes')).toMatchObject({ arxivId: 'hep-th/9901001', url: 'https://arxiv.org/abs/hep-th/9901001v2' });
    expect(byTitle(records, 'Notes on Title-Only Records').authors).toEqual(['Petr Novák']);
  });

  it('imports an entry without abstract title-only, with a warning naming it', async () => {
    const { problems } = await collect(fixture('good.bib'));
    expect(problems).toEqual([
      { source: fixture('good.bib'), line: 49, record: 'novak2024notes', severity: 'warning', message: 'no abstract: imported title-only' },
    ]);
  });

  it('reports malformed entries with line and key, and still imports the rest', async () => {
    const { records, problems, order } = await collect(fixture('malformed.bib'));
    expect(records.map((record) => record.recordKey)).toEqual(['first2020ok', 'last2024ok', 'first2020ok']);
    expect(records.map((record) => record.sourceLine)).toEqual([1, 26, 33]);

    const errors = problems.filter((problem) => problem.severity === 'error');
    expect(errors.map((problem) => [problem.line, problem.record])).toEqual([
      [8, 'missingcomma2021'],
      [15, 'unclosed2022'],
      [20, 'notitle2023'],
    ]);
    expect(errors[0]?.message).toMatch(/malformed BibTeX entry "missingcomma2021" at line 8: .*at line 10, column 3/);
    expect(errors[1]?.message).toMatch(/braces are not closed before the next entry at line 20/);
    expect(errors[2]?.message).toBe('record at line 20 has no title: skipped');
    expect(problems.every((problem) => problem.source === fixture('malformed.bib'))).toBe(true);

    // The duplicate key is a warning naming both lines; the second record is still yielded.
    const duplicate = problems.find((problem) => problem.message.includes('duplicate key'));
    expect(duplicate).toMatchObject({ severity: 'warning', line: 33, record: 'first2020ok' });
    expect(duplicate?.message).toMatch(/line 1 and line 33/);

    // Source order: each problem sits between the records around it.
    expect(order.findIndex((entry) => entry.startsWith('problem:malformed'))).toBeGreaterThan(order.indexOf('record:A Well Formed First Entry'));
    expect(order.indexOf('record:The Last Entry Still Imports')).toBeGreaterThan(order.findIndex((entry) => entry.includes('no title')));
  });

  it('reports an entry left open at the end of the file', async () => {
    const text = '@article{good, title={Good}, abstract={Fine.}}\n\n@article{open2020,\n  title = {Never closed\n';
    const { records, problems } = await collect({ kind: 'text', name: 'open.bib', text });
    expect(records.map((record) => record.title)).toEqual(['Good']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', line: 3, record: 'open2020', source: 'open.bib' });
    expect(problems[0]?.message).toMatch(/not closed before the end of the file \(line 4\)/);
  });

  it('reads entries written with parentheses and several entries on one line', async () => {
    const text = '@misc(paren1, title = {Parenthesised (Entry)}, abstract = {Old style.})\n@misc{a, title={One}, abstract={A.}} @misc{b, title={Two}, abstract={B.}}';
    const { records, problems } = await collect({ kind: 'text', name: 'paste', text });
    expect(problems).toEqual([]);
    expect(records.map((record) => [record.recordKey, record.title, record.sourceLine])).toEqual([
      ['paren1', 'Parenthesised (Entry)', 1],
      ['a', 'One', 2],
      ['b', 'Two', 2],
    ]);
  });

  it('turns math and unknown macros into readable text', async () => {
    const text = String.raw`@article{math1,
  title = {Sub-quadratic $\mathcal{O}(n \log n)$ Attention for {L}ong {D}ocuments},
  abstract = {Runs in $O(n^2)$ memory \citep[see][]{other}; H$_2$O and $\alpha$ too. \newcommandfoo stays out.}
}`;
    const { records, problems } = await collect({ kind: 'text', name: 'math.bib', text });
    expect(problems).toEqual([]);
    expect(records[0]?.title).toBe('Sub-quadratic O(n log n) Attention for Long Documents');
    expect(records[0]?.abstract).toBe('Runs in O(n²) memory; H₂O and α too. stays out.');
  });
});

