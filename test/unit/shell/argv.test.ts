import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSecondInstanceData, parseShellArgs, secondInstanceData } from '../../../src-main/shell/argv.ts';
import { IMPORTABLE_EXTENSIONS, checkImportPaths, importDialogFilters } from '../../../src-main/shell/import-paths.ts';
import { IMPORT_EXTENSIONS, detectFormat } from '../../../src-main/core/import/detect.ts';

describe('parseShellArgs', () => {
  it('skips the executable (packaged) or the executable and app path (unpackaged)', () => {
    expect(parseShellArgs(['/opt/Facet/facet', 'refs.bib'], { defaultApp: false })).toEqual({ dataDir: null, files: ['refs.bib'], problems: [] });
    expect(parseShellArgs(['/usr/lib/electron', '.', 'refs.bib'], { defaultApp: true }).files).toEqual(['refs.bib']);
    expect(parseShellArgs(['/usr/lib/electron', 'out/main/index.js'], { defaultApp: true }).files).toEqual([]);
  });

  it('finds the app path after Electron\'s own switches when unpackaged', () => {
    const argv = ['/usr/lib/electron', '--inspect=0', '--remote-debugging-port=0', '/repo', '--data-dir', '/tmp/lib', 'page.txt'];
    expect(parseShellArgs(argv, { defaultApp: true })).toEqual({ dataDir: '/tmp/lib', files: ['page.txt'], problems: [] });
  });

  it('reads --data-dir in both spellings', () => {
    expect(parseShellArgs(['facet', '--data-dir', '/data/lib', 'a.ris'], { defaultApp: false })).toEqual({ dataDir: '/data/lib', files: ['a.ris'], problems: [] });
    expect(parseShellArgs(['facet', '--data-dir=~/lib'], { defaultApp: false }).dataDir).toBe('~/lib');
  });

  it('reports a --data-dir without a folder', () => {
    for (const argv of [['facet', '--data-dir'], ['facet', '--data-dir='], ['facet', '--data-dir', '--inspect']]) {
      const parsed = parseShellArgs(argv, { defaultApp: false });
      expect(parsed.dataDir).toBeNull();
      expect(parsed.problems).toEqual(['--data-dir needs a folder, e.g. --data-dir ~/Papers/facet']);
    }
  });

  it('ignores switches added by Chromium and macOS, and takes everything after -- as files', () => {
    const parsed = parseShellArgs(
      ['Facet', '--original-process-start-time=13370000', '-psn_0_12345', '--allow-file-access-from-files', 'a.bib', '--', '--odd-name.bib'],
      { defaultApp: false },
    );
    expect(parsed.files).toEqual(['a.bib', '--odd-name.bib']);
  });
});

describe('second instance data', () => {
  it('round-trips what a second launch sends', () => {
    const data = secondInstanceData('/home/me', ['a.bib', 'b.ris']);
    expect(parseSecondInstanceData(structuredClone(data))).toEqual({ cwd: '/home/me', files: ['a.bib', 'b.ris'] });
  });

  it('returns null for anything else, so argv is used instead', () => {
    for (const value of [undefined, null, 'x', {}, { cwd: 1, files: [] }, { cwd: '/', files: 'a.bib' }, { cwd: '/', files: [1] }]) {
      expect(parseSecondInstanceData(value)).toBeNull();
    }
  });
});

describe('checkImportPaths', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-shell-import-'));
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{a, title={A}}\n');
    fs.writeFileSync(path.join(dir, 'refs.RIS'), 'TY  - JOUR\nER  -\n');
    fs.writeFileSync(path.join(dir, 'page.txt'), 'Title\n\nAbstract\n');
    fs.writeFileSync(path.join(dir, 'photo.png'), 'not really');
    fs.mkdirSync(path.join(dir, 'folder.json'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts existing bibliography and digest files, resolved against the launch folder, once each', () => {
    const check = checkImportPaths(['refs.bib', path.join(dir, 'refs.RIS'), './page.txt', 'refs.bib'], dir);
    expect(check.accepted).toEqual([path.join(dir, 'refs.bib'), path.join(dir, 'refs.RIS'), path.join(dir, 'page.txt')]);
    expect(check.rejected).toEqual([]);
  });

  it('rejects other types, missing files, folders and NUL bytes with a reason', () => {
    const check = checkImportPaths(['photo.png', 'gone.bib', 'folder.json', 'a\0.bib', 'noext'], dir);
    expect(check.accepted).toEqual([]);
    expect(check.rejected).toEqual([
      { path: path.join(dir, 'photo.png'), reason: expect.stringMatching(/^not an importable file type/) },
      { path: path.join(dir, 'gone.bib'), reason: 'no such file' },
      { path: path.join(dir, 'folder.json'), reason: 'not a regular file' },
      { path: 'a\0.bib', reason: 'the path contains a NUL byte' },
      { path: path.join(dir, 'noext'), reason: expect.stringMatching(/^not an importable file type/) },
    ]);
  });

  it('offers the same extensions in the Import… dialog', () => {
    const [all, ...kinds] = importDialogFilters();
    expect(all!.extensions.map((extension) => `.${extension}`)).toEqual([...IMPORTABLE_EXTENSIONS]);
    // Every importable extension is under some kind, and no kind offers one the importers refuse.
    expect(new Set(kinds.flatMap((kind) => kind.extensions))).toEqual(new Set(all!.extensions));
  });

  it('takes its extensions from the core importers, Markdown, HTML and BibLaTeX included', () => {
    expect(IMPORTABLE_EXTENSIONS).toEqual(IMPORT_EXTENSIONS.map((extension) => `.${extension}`));
    const names = ['notes.md', 'page.html', 'page.HTM', 'digest.text', 'refs.biblatex', 'notes.markdown'];
    for (const name of names) fs.writeFileSync(path.join(dir, name), 'Title\n\nAbstract\n');
    const check = checkImportPaths(names, dir);
    expect(check.rejected).toEqual([]);
    expect(check.accepted).toEqual(names.map((name) => path.join(dir, name)));
    // And the core reads each of them with an importer rather than refusing it.
    for (const name of names) expect(detectFormat(name, 'Title\n\nAbstract\n'), name).not.toBeNull();
  });
});
