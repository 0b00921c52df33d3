import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError, USAGE } from '../../../src-main/node/cli/args.ts';

describe('parseCommand: reading-list commands', () => {
  it('parses mark, list, for-you, not-relevant and export with their defaults', () => {
    expect(parseCommand(['mark', 'abc', '--status', 'to-read', '--rating', '4', '--tag', 'a', '--tag', 'б', '--untag', 'old', '--note', 'Hi **there**', '--data-dir', '/tmp/x', '--json'])).toEqual({
      name: 'mark',
      id: 'abc',
      edit: { status: 'to-read', rating: 4, addTags: ['a', 'б'], removeTags: ['old'], note: 'Hi **there**' },
      dataDir: '/tmp/x',
      modelDir: undefined,
      json: true,
    });
    expect(parseCommand(['mark', 'abc', '--rating', 'none'])).toMatchObject({ edit: { rating: null, addTags: [], removeTags: [] } });
    expect(parseCommand(['mark', 'abc', '--note', ''])).toMatchObject({ edit: { note: '' } });
    expect(parseCommand(['list', '--status', 'read,to-read'])).toMatchObject({ name: 'list', status: ['read', 'to-read'], sort: 'updated', aspect: 'generic', limit: 100, tag: undefined, minRating: undefined });
    expect(parseCommand(['list'])).toMatchObject({ status: undefined });
    expect(parseCommand(['list', '--sort', 'relevance', '--aspect', 'task', '--min-rating', '4'])).toMatchObject({ sort: 'relevance', aspect: 'task', minRating: 4 });
    expect(parseCommand(['for-you'])).toMatchObject({ name: 'for-you', aspect: 'generic', k: 10, includeToRead: false });
    expect(parseCommand(['for-you', '--aspect', 'dataset', '--k', '25', '--include-to-read'])).toMatchObject({ aspect: 'dataset', k: 25, includeToRead: true });
    expect(parseCommand(['not-relevant', 'p1'])).toMatchObject({ name: 'not-relevant', id: 'p1', undo: false });
    expect(parseCommand(['not-relevant', 'p1', '--undo'])).toMatchObject({ undo: true });
    expect(parseCommand(['export', '--format', 'csl-json', '--status', 'read', '--out', 'x.json'])).toMatchObject({
      name: 'export',
      format: 'csl-json',
      status: ['read'],
      ids: undefined,
      out: 'x.json',
      abstracts: true,
    });
    expect(parseCommand(['export', '--format', 'markdown', '--ids', 'a, b', '--no-abstracts'])).toMatchObject({ ids: ['a', 'b'], out: undefined, abstracts: false, withReadingState: false, includeDismissed: false });
    expect(parseCommand(['export', '--format', 'ris', '--with-reading-state', '--include-dismissed'])).toMatchObject({ format: 'ris', withReadingState: true, includeDismissed: true });
    for (const name of ['mark', 'list', 'for-you', 'not-relevant', 'export'] as const) {
      expect(parseCommand([name, '--help'])).toEqual({ name: 'help', topic: name });
      expect(USAGE[name]).toContain(`facet ${name}`);
      expect(USAGE.main).toContain(name);
    }
  });

  it.each([
    [['mark'], /takes one paper id/],
    [['mark', 'abc'], /nothing to change/],
    [['mark', 'abc', '--status', 'done'], /--status must be one of none, to-read, reading, read, dismissed, got "done"/],
    [['mark', 'abc', '--rating', '6'], /--rating must be 1, 2, 3, 4, 5 or none/],
    [['mark', 'abc', '--note', 'x', '--note-file', 'y'], /--note or --note-file, not both/],
    [['list', '--status', 'read,later'], /--status must be one of/],
    [['list', '--sort', 'colour'], /--sort must be one of updated, added, rating, relevance/],
    [['list', '--limit', '5000'], /--limit must be a whole number from 1 to 1000/],
    [['for-you', '--aspect', 'style'], /--aspect must be one of generic, task, method, dataset/],
    [['for-you', '--k', '0'], /--k must be a whole number from 1 to 200/],
    [['not-relevant'], /takes one paper id/],
    [['export'], /--format is required/],
    [['export', '--format', 'endnote'], /--format must be one of bibtex, csl-json, ris, markdown/],
    [['export', '--format', 'bibtex', '--ids', 'a', '--status', 'read'], /cannot be combined/],
    [['export', '--format', 'bibtex', '--ids', ' , '], /--ids names no paper/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
