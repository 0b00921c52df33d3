/** The open paper: its id and full record (digest, terms). */
import type { Paper } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export class PaperState {
  id = $state<string | null>(null);
  paper = $state.raw<Paper | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #sequence = 0;

  constructor(private readonly client: FacetClient) {}

  async open(id: string): Promise<void> {
    const sequence = ++this.#sequence;
    this.id = id;
    this.loading = true;
    this.error = null;
    try {
      const paper = await this.client.request('papers.get', { id });
      if (sequence !== this.#sequence) return;
      this.paper = paper;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.paper = null;
      this.error = toClientError(error).message;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }

  /** Shows no paper (the open one was deleted). */
  close(): void {
    this.#sequence++;
    this.id = null;
    this.paper = null;
    this.loading = false;
    this.error = null;
  }

  /** Refetches the open paper (its vectors may have been written since it was opened). */
  async reload(): Promise<void> {
    if (this.id !== null) await this.open(this.id);
  }
}
