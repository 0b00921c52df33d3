/** The open paper: its id and full record (digest, terms). */
import type { Paper } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export class PaperState {
  id = $state<string | null>(null);
  paper = $state.raw<Paper | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** After "Open PDF": what happened, for the line beside the button (null before or after another paper opens). */
  fileStatus = $state<{ ok: boolean; text: string } | null>(null);
  #sequence = 0;

  constructor(private readonly client: FacetClient) {}

  async open(id: string): Promise<void> {
    const sequence = ++this.#sequence;
    this.id = id;
    this.loading = true;
    this.error = null;
    this.fileStatus = null;
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

  /** Hands the open paper's PDF to the system viewer (the page never opens files itself). */
  async openFile(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    try {
      const { opened } = await this.client.request('papers.openFile', { id });
      if (this.id === id) this.fileStatus = { ok: true, text: `Opened ${opened.split(/[\\/]/).pop() ?? opened} in your PDF viewer.` };
    } catch (error) {
      if (this.id === id) this.fileStatus = { ok: false, text: toClientError(error).message };
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
