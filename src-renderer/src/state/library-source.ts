/** The library.import source a filled-in form describes (plain TypeScript: unit-tested without Svelte). */
import type { LibrarySourceArg } from '../../../src-main/common/contract.ts';

export type LibrarySourceKind = 'pdf-folder' | 'zotero' | 'identifiers';

/** The source the form describes, or a message saying what is missing. */
export function librarySourceFrom(
  kind: LibrarySourceKind,
  input: { path: string; identifiers: string; fullZoteroSync: boolean },
): { source: LibrarySourceArg } | { problem: string } {
  const path = input.path.trim();
  if (kind === 'identifiers') {
    if (input.identifiers.trim() !== '') return { source: { kind: 'identifiers', name: 'pasted identifiers', text: input.identifiers } };
    if (path !== '') return { source: { kind: 'identifiers-file', path } };
    return { problem: 'Paste arXiv ids or DOIs (one per line), or type the path of a file that lists them.' };
  }
  if (path === '') return { problem: kind === 'zotero' ? 'Type the path of the Zotero data folder (the one holding zotero.sqlite).' : 'Type the path of the folder of PDFs.' };
  return kind === 'zotero' ? { source: { kind: 'zotero', dataDir: path, full: input.fullZoteroSync } } : { source: { kind: 'pdf-folder', path } };
}
