/**
 * Importing: files chosen, dropped or pasted are read here in the renderer and sent as text
 * sources; progress comes from import.onDidProgress, the result from import.run's summary.
 */
import type { EventPayloads, ImportSource, ImportSummary } from '../../../src-main/common/contract.ts';
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

  async importText(text: string, name = 'pasted text'): Promise<ImportSummary | null> {
    if (text.trim() === '') {
      this.error = 'Nothing to import: the pasted text is empty.';
      this.panelOpen = true;
      return null;
    }
    return this.run([{ kind: 'text', name, text }]);
  }

  async run(sources: ImportSource[]): Promise<ImportSummary | null> {
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
    this.pendingNames = sources.map((source) => (source.kind === 'file' ? source.path : source.name));
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
