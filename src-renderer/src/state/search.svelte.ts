/** The search box: query, mode and the hits of the latest query (older answers are dropped). */
import type { SearchHit, SearchMode } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

const DEBOUNCE_MS = 250;

export class SearchState {
  query = $state('');
  mode = $state<SearchMode>('hybrid');
  hits = $state.raw<SearchHit[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  #sequence = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly client: FacetClient) {}

  /** True while the list shows search results instead of the library. */
  get active(): boolean {
    return this.query.trim() !== '';
  }

  setQuery(query: string): void {
    this.query = query;
    this.#schedule();
  }

  setMode(mode: SearchMode): void {
    this.mode = mode;
    this.#schedule(0);
  }

  /** Empties the box and drops the hits and their count at once (Escape, "Clear search"). */
  clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    // A reply still on its way belongs to the old query: bumping the sequence drops it.
    this.#sequence++;
    this.query = '';
    this.hits = [];
    this.error = null;
    this.loading = false;
  }

  #schedule(delay = DEBOUNCE_MS): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.run(), delay);
  }

  async run(): Promise<void> {
    this.#timer = null;
    const sequence = ++this.#sequence;
    const query = this.query.trim();
    if (query === '') {
      this.hits = [];
      this.error = null;
      this.loading = false;
      return;
    }
    this.loading = true;
    try {
      const hits = await this.client.request('papers.search', { query, mode: this.mode, limit: 100 });
      if (sequence !== this.#sequence) return;
      this.hits = hits;
      this.error = null;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.hits = [];
      this.error = toClientError(error).message;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }
}
