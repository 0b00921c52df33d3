/**
 * Importing a local library (PDF folder, Zotero data folder, identifier list) through
 * library.import; progress from library.onDidProgress, stopping through library.cancel.
 * In browser mode the core runs on this machine, so folders are named by their path.
 */
import type { LibraryImportSummary } from '../../../src-main/common/contract.ts';
import type { FacetClient } from '../lib/client.ts';
import { librarySourceFrom, type LibrarySourceKind } from './library-source.ts';
import { LibraryRunState, type LibraryRunProgress } from './library-run.svelte.ts';

export type { LibrarySourceKind } from './library-source.ts';

export type LibraryImportProgress = LibraryRunProgress;

export class LibraryImportState extends LibraryRunState<LibraryImportSummary> {
  kind = $state<LibrarySourceKind>('pdf-folder');
  path = $state('');
  identifiers = $state('');
  fullZoteroSync = $state(false);

  constructor(client: FacetClient) {
    super(client, 'ui');
  }

  /** Imports the source the form describes; a form that names none is an error shown, not sent. */
  start(): Promise<LibraryImportSummary | null> {
    if (this.running) return Promise.resolve(null);
    const built = librarySourceFrom(this.kind, { path: this.path, identifiers: this.identifiers, fullZoteroSync: this.fullZoteroSync });
    if ('problem' in built) {
      this.summary = null;
      this.progress = null;
      this.error = built.problem;
      return Promise.resolve(null);
    }
    return this.run((importId) => this.client.request('library.import', { source: built.source, importId }));
  }
}
