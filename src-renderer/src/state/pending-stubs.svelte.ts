/**
 * Filling the stored "metadata pending" stubs (library.resolvePending), with progress from
 * library.onDidProgress and stopping through library.cancel.
 */
import type { LibraryEventPayloads, ResolvePendingSummary } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

let runCounter = 0;

export class PendingStubsState {
  running = $state(false);
  cancelling = $state(false);
  importId = $state<string | null>(null);
  progress = $state.raw<LibraryEventPayloads['library.onDidProgress'] | null>(null);
  summary = $state.raw<ResolvePendingSummary | null>(null);
  error = $state<string | null>(null);

  constructor(private readonly client: FacetClient) {}

  onProgress(event: LibraryEventPayloads['library.onDidProgress']): void {
    if (this.running && event.importId === this.importId) this.progress = event;
  }

  async start(): Promise<ResolvePendingSummary | null> {
    if (this.running) return null;
    const importId = `ui-pending-${Date.now().toString(36)}-${++runCounter}`;
    this.importId = importId;
    this.summary = null;
    this.progress = null;
    this.error = null;
    this.running = true;
    try {
      this.summary = await this.client.request('library.resolvePending', { importId });
      return this.summary;
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
