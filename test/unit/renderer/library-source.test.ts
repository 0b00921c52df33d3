/** The library import form's source: what it sends is what library.import's schema accepts; blanks are named. */
import { describe, expect, it } from 'vitest';
import { libraryRequestSchemas } from '../../../src-main/common/contract-library.ts';
import { librarySourceFrom } from '../../../src-renderer/src/state/library-source.ts';

const blank = { path: '', identifiers: '', fullZoteroSync: false };

function accepted(built: ReturnType<typeof librarySourceFrom>): unknown {
  if (!('source' in built)) throw new Error(`expected a source, got: ${built.problem}`);
  return libraryRequestSchemas['library.import'].parse({ source: built.source, importId: 'ui-1' }).source;
}

describe('librarySourceFrom', () => {
  it('builds a PDF folder source from a trimmed path', () => {
    expect(accepted(librarySourceFrom('pdf-folder', { ...blank, path: '  /home/me/Papers \n' }))).toEqual({ kind: 'pdf-folder', path: '/home/me/Papers' });
  });

  it('builds a Zotero source with the full-sync choice', () => {
    expect(accepted(librarySourceFrom('zotero', { ...blank, path: '/home/me/Zotero', fullZoteroSync: true }))).toEqual({ kind: 'zotero', dataDir: '/home/me/Zotero', full: true });
  });

  it('sends pasted identifiers as text, and a path as an identifiers file when nothing is pasted', () => {
    const text = 'arXiv:2205.13147\n10.1145/3529372.3530912\n';
    expect(accepted(librarySourceFrom('identifiers', { ...blank, identifiers: text, path: '/ignored.txt' }))).toEqual({ kind: 'identifiers', name: 'pasted identifiers', text });
    expect(accepted(librarySourceFrom('identifiers', { ...blank, path: '/home/me/ids.txt' }))).toEqual({ kind: 'identifiers-file', path: '/home/me/ids.txt' });
  });

  it('names what is missing instead of sending an empty source', () => {
    expect(librarySourceFrom('pdf-folder', { ...blank, path: '   ' })).toEqual({ problem: 'Type the path of the folder of PDFs.' });
    expect(librarySourceFrom('zotero', blank)).toMatchObject({ problem: expect.stringContaining('Zotero data folder') });
    expect(librarySourceFrom('identifiers', { ...blank, identifiers: ' \n ' })).toMatchObject({ problem: expect.stringContaining('arXiv ids or DOIs') });
  });
});
