/**
 * papers.openFile: hands the PDF of a paper imported from a PDF folder to the system's viewer.
 * Only the path stored with the paper can be opened (the page names a paper, never a path), and
 * only a PDF that is still there; opening itself is the transport's (Electron's shell.openPath,
 * the OS's open command in browser mode), injected as a FileOpener.
 */
import fs from 'node:fs';
import { FacetError } from '../../common/contract.ts';
import type { CoreHandlers } from '../types.ts';

/** Opens a file with the program the system uses for it; rejects with a FacetError when it cannot. */
export type FileOpener = (file: string) => Promise<void>;

export async function openPaperFile(core: Pick<CoreHandlers, 'papers.get'>, id: string, open: FileOpener): Promise<{ opened: string }> {
  const paper = await core['papers.get']({ id });
  const file = paper.filePath;
  if (!file) throw new FacetError('BAD_REQUEST', `"${paper.title}" has no PDF: it was not imported from a PDF folder`);
  if (!/\.pdf$/i.test(file)) throw new FacetError('BAD_REQUEST', `the file of "${paper.title}" (${file}) is not a PDF`);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new FacetError('NOT_FOUND', `the PDF of "${paper.title}" is no longer at ${file}; import its folder again to find it`);
  }
  await open(file);
  return { opened: file };
}

/** For transports that cannot open files: says so instead of failing quietly. */
export const cannotOpenFiles: FileOpener = async () => {
  throw new FacetError('BAD_REQUEST', 'this window cannot open files with other programs');
};
