/** The library import form's source: what it sends is what the renderer's library.import schema accepts (grants, never paths); blanks are named. */
import { describe, expect, it } from 'vitest';
import { rendererRequestSchemas, type FileGrant } from '../../../src-main/common/contract-renderer.ts';
import { librarySourceFrom } from '../../../src-renderer/src/state/library-source.ts';

const blank = { folder: null, identifiers: '', identifiersFile: null, fullZoteroSync: false };
const folder: FileGrant = { grant: 'F'.repeat(43), name: '/home/me/Papers', kind: 'folder', access: 'read' };

function accepted(built: ReturnType<typeof librarySourceFrom>): unknown {
  if (!('source' in built)) throw new Error(`expected a source, got: ${built.problem}`);
  return rendererRequestSchemas['library.import'].parse({ source: built.source, importId: 'ui-1' }).source;
}

describe('librarySourceFrom', () => {
  it('builds a PDF folder source from the chosen folder grant', () => {
    expect(accepted(librarySourceFrom('pdf-folder', { ...blank, folder }))).toEqual({ kind: 'pdf-folder', grant: folder.grant });
  });

  it('builds a Zotero source with the full-sync choice', () => {
    expect(accepted(librarySourceFrom('zotero', { ...blank, folder, fullZoteroSync: true }))).toEqual({ kind: 'zotero', grant: folder.grant, full: true });
  });

  it('sends pasted identifiers as text, and a chosen identifier file as its text when nothing is pasted', () => {
    const text = 'arXiv:2205.13147\n10.1145/3529372.3530912\n';
    const identifiersFile = { name: 'ids.txt', text: '10.1/x\n' };
    expect(accepted(librarySourceFrom('identifiers', { ...blank, identifiers: text, identifiersFile }))).toEqual({ kind: 'identifiers', name: 'pasted identifiers', text });
    expect(accepted(librarySourceFrom('identifiers', { ...blank, identifiersFile }))).toEqual({ kind: 'identifiers', name: 'ids.txt', text: '10.1/x\n' });
  });

  it('names what is missing instead of sending an empty source; a file grant is not a folder', () => {
    expect(librarySourceFrom('pdf-folder', blank)).toEqual({ problem: 'Choose the folder of PDFs.' });
    expect(librarySourceFrom('pdf-folder', { ...blank, folder: { ...folder, kind: 'file' } })).toEqual({ problem: 'Choose the folder of PDFs.' });
    expect(librarySourceFrom('zotero', blank)).toMatchObject({ problem: expect.stringContaining('Zotero data folder') });
    expect(librarySourceFrom('identifiers', { ...blank, identifiers: ' \n ' })).toMatchObject({ problem: expect.stringContaining('arXiv ids or DOIs') });
  });
});
