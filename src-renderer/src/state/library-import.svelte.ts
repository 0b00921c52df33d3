/**
 * Importing a local library (PDF folder, Zotero data folder, identifier list) through
 * library.import; progress from library.onDidProgress, stopping through library.cancel.
 * In browser mode the core runs on this machine, so folders are named by their path.
 */
import type { LibraryEventPayloads, LibraryImportSummary } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';
import { librarySourceFrom, type LibrarySourceKind } from './library-source.ts';

export type { LibrarySourceKind } from './library-source.ts';

export type LibraryImportProgress = LibraryEventPayloads['library.onDidProgress'];
let importCounter = 0;

export class LibraryImportState {
  kind = $state<LibrarySourceKind>('pdf-folder');
  path = $state('');
  identifiers = $state('');
  fullZoteroSync = $state(false);
  running = $state(false);
  cancelling = $state(false);
  importId = $state<string | null>(null);
  progress = $state.raw<LibraryImportProgress | null>(null);
  summary = $state.raw<LibraryImportSummary | null>(null);
  error = $state<string | null>(null);

  constructor(private readonly client: FacetClient) {}

  /** Progress events of this window's running import (others' are ignored here). */
  onProgress(event: LibraryImportProgress): void {
    if (this.running && event.importId === this.importId) this.progress = event;
  }

  get fraction(): number | null {
    if (!this.running && this.summary) return 1;
    const progress = this.progress;
    if (!progress || progress.total === null || progress.total === 0) return null;
    return Math.min(1, progress.done / progress.total);
  }

  async start(): Promise<LibraryImportSummary | null> {
    if (this.running) return null;
    const built = librarySourceFrom(this.kind, { path: this.path, identifiers: this.identifiers, fullZoteroSync: this.fullZoteroSync });
    this.summary = null;
    this.progress = null;
    if ('problem' in built) {
      this.error = built.problem;
      return null;
    }
    this.error = null;
    const importId = `ui-${Date.now().toString(36)}-${++importCounter}`;
    this.importId = importId;
    this.running = true;
    try {
      const summary = await this.client.request('library.import', { source: built.source, importId });
      this.summary = summary;
      return summary;
    } catch (error) {
      this.error = toClientError(error).message;
      return null;
    } finally {
      this.running = false;
      this.cancelling = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running || this.importId === null) return;
    this.cancelling = true;
    try {
      await this.client.request('library.cancel', { importId: this.importId });
    } catch (error) {
      this.cancelling = false;
      this.error = `Could not cancel: ${toClientError(error).message}`;
    }
  }
}
