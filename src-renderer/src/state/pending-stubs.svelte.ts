/**
 * Filling the stored "metadata pending" stubs (library.resolvePending), with progress from
 * library.onDidProgress and stopping through library.cancel.
 */
import type { ResolvePendingSummary } from '../../../src-main/common/contract.ts';
import type { FacetClient } from '../lib/client.ts';
import { LibraryRunState } from './library-run.svelte.ts';

export class PendingStubsState extends LibraryRunState<ResolvePendingSummary> {
  constructor(client: FacetClient) {
    super(client, 'ui-pending');
  }

  start(): Promise<ResolvePendingSummary | null> {
    return this.run((importId) => this.client.request('library.resolvePending', { importId }));
  }
}
