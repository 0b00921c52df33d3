/**
 * One cancellable library run of this window (library.import or library.resolvePending): its id,
 * progress from library.onDidProgress, the summary or the error, and stopping through
 * library.cancel. Progress of other windows' runs is ignored.
 */
import type { LibraryEventPayloads } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export type LibraryRunProgress = LibraryEventPayloads['library.onDidProgress'];

let runCounter = 0;

export class LibraryRunState<Summary> {
  running = $state(false);
  cancelling = $state(false);
  importId = $state<string | null>(null);
  progress = $state.raw<LibraryRunProgress | null>(null);
  summary = $state.raw<Summary | null>(null);
  error = $state<string | null>(null);

  constructor(
    protected readonly client: FacetClient,
    private readonly idPrefix: string,
  ) {}

  onProgress(event: LibraryRunProgress): void {
    if (this.running && event.importId === this.importId) this.progress = event;
  }

  /** Share of the run done, 1 once finished, null while the total is unknown. */
  get fraction(): number | null {
    if (!this.running && this.summary) return 1;
    const progress = this.progress;
    if (!progress || progress.total === null || progress.total === 0) return null;
    return Math.min(1, progress.done / progress.total);
  }

  /** Runs `request` under a fresh id; null when a run is already going or it failed (see `error`). */
  protected async run(request: (importId: string) => Promise<Summary>): Promise<Summary | null> {
    if (this.running) return null;
    const importId = `${this.idPrefix}-${Date.now().toString(36)}-${++runCounter}`;
    this.importId = importId;
    this.summary = null;
    this.progress = null;
    this.error = null;
    this.running = true;
    try {
      this.summary = await request(importId);
      return this.summary;
    } catch (error) {
      this.error = toClientError(error).message;
      return null;
    } finally {
      this.running = false;
      this.cancelling = false;
    }
  }

  /** Asks the core to stop this window's run; what was stored stays. */
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
