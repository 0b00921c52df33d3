import { describe, expect, it } from 'vitest';
import { isLibraryCommandName, parseLibraryCommand } from '../../../src-main/node/cli/library-args.ts';
import { progressLine } from '../../../src-main/node/cli/library-commands.ts';
import { UsageError } from '../../../src-main/node/cli/usage-error.ts';

describe('library command parsing', () => {
  it('recognises the seven commands and nothing else', () => {
    expect(['import-pdfs', 'import-zotero', 'import-ids', 'resolve-pending', 'duplicates', 'not-duplicate', 'merge'].every(isLibraryCommandName)).toBe(true);
    expect(isLibraryCommandName('settings')).toBe(false);
    expect(isLibraryCommandName('import')).toBe(false);
    expect(isLibraryCommandName(undefined)).toBe(false);
  });

  it('parses each command with the common options', () => {
    expect(parseLibraryCommand(['import-pdfs', 'papers', '--data-dir', '/tmp/d', '--json'])).toEqual({
      name: 'import-pdfs', folder: 'papers', dataDir: '/tmp/d', modelDir: undefined, json: true,
    });
    expect(parseLibraryCommand(['import-zotero', '/home/me/Zotero', '--full'])).toMatchObject({ name: 'import-zotero', dataDirOfZotero: '/home/me/Zotero', full: true, json: false });
    expect(parseLibraryCommand(['import-ids', '-'])).toMatchObject({ name: 'import-ids', file: '-' });
    expect(parseLibraryCommand(['duplicates'])).toMatchObject({ name: 'duplicates', limit: 100, minCosine: undefined });
    expect(parseLibraryCommand(['duplicates', '--limit', '5', '--min-cosine', '0.9'])).toMatchObject({ limit: 5, minCosine: 0.9 });
    expect(parseLibraryCommand(['merge', 'keep1', 'drop2'])).toMatchObject({ name: 'merge', keepId: 'keep1', dropId: 'drop2' });
    expect(parseLibraryCommand(['merge', '--help'])).toEqual({ name: 'help', topic: 'merge' });
    expect(parseLibraryCommand(['resolve-pending'])).toMatchObject({ name: 'resolve-pending', limit: undefined });
    expect(parseLibraryCommand(['resolve-pending', '--limit', '20', '--json'])).toMatchObject({ name: 'resolve-pending', limit: 20, json: true });
    expect(parseLibraryCommand(['not-duplicate', 'p1', 'p2'])).toMatchObject({ name: 'not-duplicate', a: 'p1', b: 'p2', undo: false });
    expect(parseLibraryCommand(['not-duplicate', 'p1', 'p2', '--undo'])).toMatchObject({ undo: true });
  });

  it('rejects bad usage with a message naming the problem', () => {
    expect(() => parseLibraryCommand(['import-pdfs'])).toThrow(new UsageError('facet import-pdfs takes one folder, got 0 argument(s) (facet import-pdfs --help)'));
    expect(() => parseLibraryCommand(['merge', 'a'])).toThrow(/two paper ids: <keepId> <dropId>, got 1/);
    expect(() => parseLibraryCommand(['merge', 'a', 'a'])).toThrow(/the two ids are the same/);
    expect(() => parseLibraryCommand(['duplicates', '--min-cosine', '2'])).toThrow(/--min-cosine must be a number from 0 to 1, got "2"/);
    expect(() => parseLibraryCommand(['duplicates', '--limit', '0'])).toThrow(/--limit must be a whole number from 1 to 1000/);
    expect(() => parseLibraryCommand(['import-zotero', 'z', '--colour'])).toThrow(UsageError);
    expect(() => parseLibraryCommand(['not-duplicate', 'p1'])).toThrow(/takes two paper ids, got 1/);
    expect(() => parseLibraryCommand(['not-duplicate', 'p1', 'p1'])).toThrow(/the two ids are the same/);
    expect(() => parseLibraryCommand(['resolve-pending', '--limit', 'all'])).toThrow(/--limit must be a whole number/);
  });
});

describe('progress line', () => {
  it('shows count, total, new papers, rate, ETA and skipped', () => {
    expect(progressLine({ importId: 'i', source: 's', done: 1234, total: 10000, skipped: 17, added: 1200, ratePerSecond: 310.4, etaSeconds: 27.2 })).toBe(
      '1,234 / 10,000 · 1,200 new · 310/s · ETA 28 s · 17 skipped',
    );
    expect(progressLine({ importId: 'i', source: 's', done: 3, total: null, skipped: 0, added: 0, ratePerSecond: 0, etaSeconds: null })).toBe('3 · 0 new');
  });
});
