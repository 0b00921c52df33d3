/**
 * The native dialogs the page may ask for, and the grants they hand back. The page never sees a
 * path it could have made up: only the main process shows the dialog and turns what the person
 * picked into a grant (core/service/grants.ts), which the core resolves when the page uses it.
 * Electron's dialog module is passed in, so unit tests drive this with a fake.
 */
import path from 'node:path';
import type { ExportFormat } from '../common/contract.ts';
import type { DialogApi } from '../common/contract-renderer.ts';
import type { GrantRegistry } from '../core/service/grants.ts';
import { checkImportPaths, importDialogFilters } from './import-paths.ts';

/** The parts of Electron's dialog results the shell reads. */
export interface OpenDialogResultLike {
  canceled: boolean;
  filePaths: string[];
}

export interface SaveDialogResultLike {
  canceled: boolean;
  filePath?: string;
}

export interface DialogOpenOptions {
  title: string;
  buttonLabel?: string;
  properties: Array<'openFile' | 'openDirectory' | 'multiSelections'>;
  filters?: Array<{ name: string; extensions: string[] }>;
}

export interface DialogSaveOptions {
  title: string;
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

/** Shows a dialog attached to the app window (main.ts binds Electron's dialog to it). */
export interface NativeDialogs {
  showOpenDialog(options: DialogOpenOptions): Promise<OpenDialogResultLike>;
  showSaveDialog(options: DialogSaveOptions): Promise<SaveDialogResultLike>;
  /** Where a save dialog starts (the Documents folder). */
  defaultSaveDir(): string;
}

const SAVE_FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  bibtex: { name: 'BibTeX', extensions: ['bib'] },
  'csl-json': { name: 'CSL-JSON', extensions: ['json'] },
  ris: { name: 'RIS', extensions: ['ris'] },
  markdown: { name: 'Markdown', extensions: ['md'] },
};

const FOLDER_TITLES = { 'pdf-folder': 'Folder of PDFs', zotero: 'Zotero Data Folder' } as const;

export function createDialogGrants(dialogs: NativeDialogs, grants: GrantRegistry, cwd: () => string = () => process.cwd()): DialogApi {
  return {
    'dialog.importFiles': async () => {
      const result = await dialogs.showOpenDialog({ title: 'Import', properties: ['openFile', 'multiSelections'], filters: importDialogFilters() });
      if (result.canceled) return { grants: [], rejected: [] };
      const check = checkImportPaths(result.filePaths, cwd());
      return {
        grants: check.accepted.map((file) => grants.issue({ path: file, kind: 'file', access: 'read' })),
        rejected: check.rejected,
      };
    },

    'dialog.folder': async ({ purpose }) => {
      const result = await dialogs.showOpenDialog({ title: FOLDER_TITLES[purpose], buttonLabel: 'Import This Folder', properties: ['openDirectory'] });
      const chosen = result.filePaths[0];
      if (result.canceled || chosen === undefined) return null;
      return grants.issue({ path: path.resolve(chosen), kind: 'folder', access: 'read' });
    },

    'dialog.saveExport': async ({ format, fileName }) => {
      // Only a bare name is suggested: the page cannot steer the dialog to a folder.
      const suggested = path.basename(fileName.replaceAll('\\', '/')) || `facet-export.${SAVE_FILTERS[format].extensions[0]}`;
      const result = await dialogs.showSaveDialog({ title: 'Export', defaultPath: path.join(dialogs.defaultSaveDir(), suggested), filters: [SAVE_FILTERS[format]] });
      if (result.canceled || result.filePath === undefined || result.filePath === '') return null;
      return grants.issue({ path: path.resolve(result.filePath), kind: 'file', access: 'write' });
    },
  };
}
