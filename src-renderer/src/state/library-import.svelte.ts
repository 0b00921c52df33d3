/**
 * Importing a local library (PDF folder, Zotero data folder, identifier list) through
 * library.import; progress from library.onDidProgress, stopping through library.cancel.
 * Folders are named by grant, never by a typed path: in the desktop app the person picks one in
 * the folder dialog; in browser mode the page offers the folders the server was started with
 * (`npm run serve -- --folder DIR`). Identifier files are read here and sent as text.
 */
import type { LibraryImportSummary } from '../../../src-main/common/contract.ts';
import type { FileGrant } from '../../../src-main/common/contract-renderer.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';
import { librarySourceFrom, type LibrarySourceKind } from './library-source.ts';
import { LibraryRunState, type LibraryRunProgress } from './library-run.svelte.ts';

export type { LibrarySourceKind } from './library-source.ts';

export type LibraryImportProgress = LibraryRunProgress;

export class LibraryImportState extends LibraryRunState<LibraryImportSummary> {
  kind = $state<LibrarySourceKind>('pdf-folder');
  /** The chosen folder (desktop: from the dialog; browser mode: one of `offered`). */
  folder = $state.raw<FileGrant | null>(null);
  /** Browser mode: the folders the server lets this page import. */
  offered = $state.raw<FileGrant[]>([]);
  identifiers = $state('');
  identifiersFile = $state.raw<{ name: string; text: string } | null>(null);
  fullZoteroSync = $state(false);

  constructor(client: FacetClient) {
    super(client, 'ui');
  }

  /** True in the desktop app, where a native folder dialog exists. */
  get canChooseFolder(): boolean {
    return this.client.dialogs !== null;
  }

  /** Desktop: shows the folder dialog; a cancelled dialog keeps the previous choice. */
  async chooseFolder(): Promise<void> {
    const dialogs = this.client.dialogs;
    if (dialogs === null || this.kind === 'identifiers') return;
    try {
      const chosen = await dialogs.open('dialog.folder', { purpose: this.kind });
      if (chosen !== null) {
        this.folder = chosen;
        this.error = null;
      }
    } catch (error) {
      this.error = toClientError(error).message;
    }
  }

  /** Browser mode: asks the server which folders it offers; keeps the choice when it is still offered. */
  async refreshOffered(): Promise<void> {
    try {
      const grants = await this.client.request('grants.list', {});
      this.offered = grants.filter((grant) => grant.kind === 'folder' && grant.access === 'read');
      const kept = this.offered.find((grant) => grant.grant === this.folder?.grant) ?? this.offered[0] ?? null;
      this.folder = this.canChooseFolder ? this.folder : kept;
    } catch (error) {
      this.error = toClientError(error).message;
    }
  }

  pickOffered(grantId: string): void {
    this.folder = this.offered.find((grant) => grant.grant === grantId) ?? null;
  }

  async useIdentifiersFile(file: File | undefined): Promise<void> {
    if (file === undefined) {
      this.identifiersFile = null;
      return;
    }
    try {
      this.identifiersFile = { name: file.name, text: await file.text() };
    } catch (error) {
      this.identifiersFile = null;
      this.error = `Could not read ${file.name}: ${toClientError(error).message}`;
    }
  }

  /** Imports the source the form describes; a form that names none is an error shown, not sent. */
  start(): Promise<LibraryImportSummary | null> {
    if (this.running) return Promise.resolve(null);
    const built = librarySourceFrom(this.kind, { folder: this.folder, identifiers: this.identifiers, identifiersFile: this.identifiersFile, fullZoteroSync: this.fullZoteroSync });
    if ('problem' in built) {
      this.summary = null;
      this.progress = null;
      this.error = built.problem;
      return Promise.resolve(null);
    }
    return this.run((importId) => this.client.request('library.import', { source: built.source, importId }));
  }
}
