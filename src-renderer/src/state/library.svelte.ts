/**
 * The library list: its total and the pages fetched so far. Pages are fetched on demand for the
 * rows the list shows, so a library of 100k papers never loads more than a few hundred rows at once.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { ListSort, PaperSummary } from '../../../src-main/common/contract.ts';
import type { FacetClient } from '../lib/client.ts';
import type { NoticesState } from './notices.svelte.ts';

export const LIBRARY_PAGE_SIZE = 200;

export class LibraryState {
  /** Null until the first page arrives. */
  total = $state<number | null>(null);
  sort = $state<ListSort>('imported');
  /**
   * Pages fetched so far. After a reset they stay on screen (possibly out of date) until their
   * refetch arrives, so a list that changes during an import does not flash empty rows.
   */
  readonly #pages = new SvelteMap<number, PaperSummary[]>();
  /** Pages fetched (or being fetched) since the last reset. Bookkeeping only, deliberately not reactive. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #current = new Set<number>();
  /** Bumped on every reset; reactive, so views asking for rows ask again after a reset. */
  #generation = $state(0);

  constructor(
    private readonly client: FacetClient,
    private readonly notices: NoticesState,
  ) {}

  get loaded(): boolean {
    return this.total !== null;
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }

  rowAt(index: number): PaperSummary | undefined {
    if (this.total !== null && index >= this.total) return undefined;
    return this.#pages.get(Math.floor(index / LIBRARY_PAGE_SIZE))?.[index % LIBRARY_PAGE_SIZE];
  }

  /** Row of a paper among the pages fetched so far, or -1. */
  indexOf(id: string): number {
    for (const [page, items] of this.#pages) {
      const at = items.findIndex((item) => item.id === id);
      if (at >= 0) return page * LIBRARY_PAGE_SIZE + at;
    }
    return -1;
  }

  /** Makes sure rows first..last (inclusive) are fetched, or being fetched, since the last reset. */
  ensureRange(first: number, last: number): void {
    void this.#generation;
    const lastRow = this.total === null ? last : Math.min(last, this.total - 1);
    if (lastRow < 0 && this.total !== null) return;
    const firstPage = Math.floor(Math.max(0, first) / LIBRARY_PAGE_SIZE);
    const lastPage = Math.floor(Math.max(0, lastRow) / LIBRARY_PAGE_SIZE);
    for (let page = firstPage; page <= lastPage; page++) {
      if (!this.#current.has(page)) void this.#fetchPage(page);
    }
  }

  async #fetchPage(page: number): Promise<void> {
    const generation = this.#generation;
    this.#current.add(page);
    try {
      const result = await this.client.request('papers.list', {
        offset: page * LIBRARY_PAGE_SIZE,
        limit: LIBRARY_PAGE_SIZE,
        sort: this.sort,
      });
      if (generation !== this.#generation) return;
      this.total = result.total;
      this.#pages.set(page, result.items);
    } catch (error) {
      if (generation !== this.#generation) return;
      // Forget the page so the next look at it tries again.
      this.#current.delete(page);
      this.notices.report('Loading the library', error);
    }
  }

  /** Refetches every page in view (after an import), keeping the old rows shown until then. */
  reset(): void {
    this.#generation++;
    this.#current.clear();
    void this.#fetchPage(0);
  }

  setSort(sort: ListSort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    // Rows in another order are not worth showing even briefly.
    this.#pages.clear();
    this.reset();
  }
}
