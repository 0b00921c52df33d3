/** The library.import source a filled-in form describes (plain TypeScript: unit-tested without Svelte). */
import type { FileGrant, RendererLibrarySource } from '../../../src-main/common/contract-renderer.ts';

export type LibrarySourceKind = 'pdf-folder' | 'zotero' | 'identifiers';

export interface LibraryFormInput {
  /** The folder the person chose (a grant from the folder dialog, or one the server offers). */
  folder: FileGrant | null;
  identifiers: string;
  /** A file listing identifiers, read in the page. */
  identifiersFile: { name: string; text: string } | null;
  fullZoteroSync: boolean;
}

/** The source the form describes, or a message saying what is missing. */
export function librarySourceFrom(kind: LibrarySourceKind, input: LibraryFormInput): { source: RendererLibrarySource } | { problem: string } {
  if (kind === 'identifiers') {
    if (input.identifiers.trim() !== '') return { source: { kind: 'identifiers', name: 'pasted identifiers', text: input.identifiers } };
    if (input.identifiersFile !== null) return { source: { kind: 'identifiers', name: input.identifiersFile.name, text: input.identifiersFile.text } };
    return { problem: 'Paste arXiv ids or DOIs (one per line), or choose a file that lists them.' };
  }
  const folder = input.folder;
  if (folder === null || folder.kind !== 'folder') {
    return { problem: kind === 'zotero' ? 'Choose the Zotero data folder (the one holding zotero.sqlite).' : 'Choose the folder of PDFs.' };
  }
  return kind === 'zotero' ? { source: { kind: 'zotero', grant: folder.grant, full: input.fullZoteroSync } } : { source: { kind: 'pdf-folder', grant: folder.grant } };
}
