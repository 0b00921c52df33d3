/**
 * The library list: its total and the pages fetched so far. Pages are fetched on demand for the
 * rows the list shows, so a library of 100k papers never loads more than a few hundred rows at once.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { ListSort, PaperSummary } from '../../../src-main/common/contract.ts';
import type { FacetClient } from '../lib/client.ts';
import type { NoticesState } from './notices.svelte.ts';

export const LIBRARY_PAGE_SIZE = 200;

export class LibraryState {
  /** Null until the first page arrives. */
  total = $state<number | null>(null);
  sort = $state<ListSort>('imported');
  readonly #pages = new SvelteMap<number, PaperSummary[]>();
  readonly #loading = new SvelteSet<number>();
  /** Bumped on every reset so answers to older fetches are dropped. */
  #generation = 0;

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
    return this.#pages.get(Math.floor(index / LIBRARY_PAGE_SIZE))?.[index % LIBRARY_PAGE_SIZE];
  }

  indexOf(id: string): number {
    for (const [page, items] of this.#pages) {
      const at = items.findIndex((item) => item.id === id);
      if (at >= 0) return page * LIBRARY_PAGE_SIZE + at;
    }
    return -1;
  }

  /** Makes sure rows first..last (inclusive) are fetched or being fetched. */
  ensureRange(first: number, last: number): void {
    const lastRow = this.total === null ? last : Math.min(last, this.total - 1);
    if (lastRow < 0 && this.total !== null) return;
    const firstPage = Math.floor(Math.max(0, first) / LIBRARY_PAGE_SIZE);
    const lastPage = Math.floor(Math.max(0, lastRow) / LIBRARY_PAGE_SIZE);
    for (let page = firstPage; page <= lastPage; page++) {
      if (!this.#pages.has(page) && !this.#loading.has(page)) void this.#fetchPage(page);
    }
  }

  async #fetchPage(page: number): Promise<void> {
    const generation = this.#generation;
    this.#loading.add(page);
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
      if (generation === this.#generation) this.notices.report('Loading the library', error);
    } finally {
      if (generation === this.#generation) this.#loading.delete(page);
    }
  }

  /** Drops every fetched page (after an import or a sort change) and refetches the first one. */
  reset(): void {
    this.#generation++;
    this.#pages.clear();
    this.#loading.clear();
    void this.#fetchPage(0);
  }

  setSort(sort: ListSort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    this.reset();
  }
}
