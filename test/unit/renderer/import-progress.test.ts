/** Import progress in words that match what moves, and one summary row per file. */
import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../../src-main/common/contract.ts';
import { fileLabel, fileRows, progressText, type ProgressEvent } from '../../../src-renderer/src/lib/import-progress.ts';

const sources = ['/data/hf-daily-2025-03-14.txt', '/data/my-library.bib', 'pasted text'];

describe('import progress text', () => {
  it('names the file and its place among several, and says what the count is', () => {
    expect(progressText({ source: sources[0]!, phase: 'parse', done: 0, total: null }, sources)).toBe('Reading hf-daily-2025-03-14.txt (file 1 of 3)…');
    expect(progressText({ source: sources[0]!, phase: 'embed', done: 0, total: null }, sources)).toBe('Embedding new papers of hf-daily-2025-03-14.txt (file 1 of 3): 0 stored so far');
    expect(progressText({ source: sources[1]!, phase: 'store', done: 256, total: null }, sources)).toBe('Stored 256 new papers from my-library.bib (file 2 of 3)');
    expect(progressText({ source: sources[2]!, phase: 'parse', done: 12, total: null }, sources)).toBe('Reading pasted text (file 3 of 3): 12 new papers stored so far');
  });

  it('speaks of the whole import when indexing, not of the last file', () => {
    expect(progressText({ source: sources[1]!, phase: 'index', done: 97, total: 97 }, sources)).toBe('Updating the search index for 97 new papers');
    expect(progressText({ source: sources[1]!, phase: 'done', done: 97, total: 97 }, sources)).toBe('Import finished');
  });

  it('shows done / total when the core gives a total', () => {
    expect(progressText({ source: sources[0]!, phase: 'embed', done: 40, total: 97 }, [sources[0]!])).toBe('Embedding hf-daily-2025-03-14.txt: 40 / 97 papers');
  });

  it('labels files by their last path part', () => {
    expect(fileLabel('C:\\Users\\me\\lib.bib')).toBe('lib.bib');
    expect(fileLabel('pasted text')).toBe('pasted text');
  });
});

describe('per-file rows', () => {
  it('counts each file’s stored papers and problems, leaving out the import-wide index event', () => {
    const events: ProgressEvent[] = [
      { source: sources[0]!, phase: 'parse', done: 0, total: null },
      { source: sources[0]!, phase: 'embed', done: 0, total: null },
      { source: sources[0]!, phase: 'store', done: 60, total: null },
      { source: sources[1]!, phase: 'parse', done: 0, total: null },
      { source: sources[1]!, phase: 'store', done: 37, total: null },
      { source: sources[1]!, phase: 'index', done: 97, total: 97 },
    ];
    const problems: ImportProblem[] = [
      { source: sources[1]!, line: 12, record: 'bad2020', severity: 'error', message: 'unbalanced braces' },
      { source: sources[0]!, line: 87, record: 'x', severity: 'warning', message: 'abstract looks truncated' },
    ];
    expect(fileRows(sources.slice(0, 2), events, problems)).toEqual([
      { source: sources[0], label: 'hf-daily-2025-03-14.txt', added: 60, errors: 0, warnings: 1 },
      { source: sources[1], label: 'my-library.bib', added: 37, errors: 1, warnings: 0 },
    ]);
  });
});
