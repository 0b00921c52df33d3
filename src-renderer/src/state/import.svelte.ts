/**
 * Importing: files dropped, pasted or chosen in the page's file input are read here in the
 * renderer and sent as text sources (the page never names a path); files picked in the desktop
 * app's Import dialog go as grants. Progress comes from import.onDidProgress, the result from
 * import.run's summary.
 */
import type { EventPayloads, ImportSummary } from '../../../src-main/common/contract.ts';
import type { RendererImportSource as ImportSource } from '../../../src-main/common/contract-renderer.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export type ImportProgress = EventPayloads['import.onDidProgress'];

export class ImportState {
  /** True while an import this window started is running. */
  running = $state(false);
  /** True while an import started elsewhere (a file opened with the desktop app, another tab) reports progress. */
  runningElsewhere = $state(false);
  /** The latest progress event of the running (or last) import; null before the first event. */
  progress = $state.raw<ImportProgress | null>(null);
  summary = $state.raw<ImportSummary | null>(null);
  error = $state<string | null>(null);
  /** Every progress event of the running (or last) import, for the per-file rows. */
  events = $state.raw<ImportProgress[]>([]);
  /** Names of what is being imported, shown while no progress event has arrived yet. */
  pendingNames = $state.raw<string[]>([]);
  panelOpen = $state(false);

  constructor(private readonly client: FacetClient) {}

  get busy(): boolean {
    return this.running || this.runningElsewhere;
  }

  onProgress(event: ImportProgress): void {
    if (!this.running && !this.runningElsewhere) {
      // A late 'done' of an import that already finished starts nothing.
      if (event.phase === 'done') return;
      this.runningElsewhere = true;
      this.summary = null;
      this.error = null;
      this.pendingNames = [event.source];
      this.events = [];
      this.panelOpen = true;
    }
    if (this.runningElsewhere && !this.pendingNames.includes(event.source) && event.phase !== 'index' && event.phase !== 'done') this.pendingNames = [...this.pendingNames, event.source];
    this.progress = event;
    this.events = [...this.events, event];
  }

  /** import.onDidFinish: the summary of an import started elsewhere (this window's own comes back from its request). */
  onFinish(summary: ImportSummary): void {
    if (this.running) return;
    this.runningElsewhere = false;
    this.summary = summary;
  }

  /** Fraction done in [0, 1], or null while the total is unknown. */
  get fraction(): number | null {
    if (!this.busy && this.summary) return 1;
    const progress = this.progress;
    if (!progress || progress.total === null || progress.total === 0) return null;
    return Math.min(1, progress.done / progress.total);
  }

  async importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    this.panelOpen = true;
    let sources: ImportSource[];
    try {
      sources = await Promise.all(files.map(async (file) => ({ kind: 'text' as const, name: file.name, text: await file.text() })));
    } catch (error) {
      this.error = `Could not read the chosen files: ${toClientError(error).message}`;
      return;
    }
    await this.run(sources);
  }

  /** Desktop app: the native Import dialog; what was picked is imported by grant. */
  async importFromDialog(): Promise<void> {
    const dialogs = this.client.dialogs;
    if (dialogs === null) return;
    let picked;
    try {
      picked = await dialogs.open('dialog.importFiles', {});
    } catch (error) {
      this.panelOpen = true;
      this.error = toClientError(error).message;
      return;
    }
    if (picked.rejected.length > 0) {
      this.panelOpen = true;
      this.error = `Not imported: ${picked.rejected.map((rejected) => `${rejected.path} (${rejected.reason})`).join('; ')}`;
    }
    if (picked.grants.length === 0) return;
    await this.run(
      picked.grants.map((grant) => ({ kind: 'grant', grant: grant.grant })),
      picked.grants.map((grant) => grant.name),
    );
  }

  async importText(text: string, name = 'pasted text'): Promise<ImportSummary | null> {
    if (text.trim() === '') {
      this.error = 'Nothing to import: the pasted text is empty.';
      this.panelOpen = true;
      return null;
    }
    return this.run([{ kind: 'text', name, text }]);
  }

  /** `names`: what to show per source while it runs (a grant's file name; text sources have their own). */
  async run(sources: ImportSource[], names?: string[]): Promise<ImportSummary | null> {
    if (this.busy) {
      this.error = 'An import is already running; wait for it to finish.';
      return null;
    }
    this.panelOpen = true;
    this.running = true;
    this.progress = null;
    this.events = [];
    this.summary = null;
    this.error = null;
    this.pendingNames = sources.map((source, index) => names?.[index] ?? (source.kind === 'text' ? source.name : 'chosen file'));
    try {
      const summary = await this.client.request('import.run', { sources });
      this.summary = summary;
      return summary;
    } catch (error) {
      this.error = toClientError(error).message;
      return null;
    } finally {
      this.running = false;
    }
  }

  dismiss(): void {
    this.panelOpen = false;
    if (!this.busy) {
      this.summary = null;
      this.error = null;
      this.progress = null;
      this.events = [];
    }
  }
}
