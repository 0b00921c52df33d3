/** The aspect model's name and whether it is provisional, plus library counts for the status line. */
import type { LibraryStats, ModelInfo } from '../../../src-main/common/contract.ts';
import type { FacetClient } from '../lib/client.ts';
import type { NoticesState } from './notices.svelte.ts';

export class ModelState {
  info = $state.raw<ModelInfo | null>(null);
  stats = $state.raw<LibraryStats | null>(null);
  /** From embed.onDidProgress while vectors are being written. */
  embedding = $state.raw<{ done: number; total: number } | null>(null);

  constructor(
    private readonly client: FacetClient,
    private readonly notices: NoticesState,
  ) {}

  async load(): Promise<void> {
    try {
      this.info = await this.client.request('model.info', {});
    } catch (error) {
      this.notices.report('Reading the model', error);
    }
    await this.loadStats();
  }

  async loadStats(): Promise<void> {
    try {
      this.stats = await this.client.request('library.stats', {});
    } catch (error) {
      this.notices.report('Reading library statistics', error);
    }
  }
}
