/** "More like this": the neighbours of the open paper under each aspect, fetched when a tab is shown. */
import { SvelteMap } from 'svelte/reactivity';
import type { Aspect, Neighbour } from '../../../src-main/common/contract.ts';
import { ASPECTS, ASPECT_LABELS, labelledAspects } from '../../../src-main/common/vocabulary.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export const NEIGHBOUR_COUNT = 10;

/** One tab per aspect, in the contract's order, with its label. */
export const ASPECT_TABS: readonly { aspect: Aspect; label: string }[] = labelledAspects(ASPECTS, ASPECT_LABELS);

export type NeighbourList =
  | { status: 'loading' }
  | { status: 'ready'; items: Neighbour[] }
  | { status: 'error'; message: string };

export class NeighboursState {
  aspect = $state<Aspect>('generic');
  paperId = $state<string | null>(null);
  readonly lists = new SvelteMap<Aspect, NeighbourList>();

  constructor(private readonly client: FacetClient) {}

  get current(): NeighbourList | undefined {
    return this.lists.get(this.aspect);
  }

  /** Shows the neighbours of another paper (keeping the chosen tab). */
  showFor(paperId: string | null): void {
    if (paperId === this.paperId) return;
    this.paperId = paperId;
    this.lists.clear();
    if (paperId !== null) void this.#load(paperId, this.aspect);
  }

  select(aspect: Aspect): void {
    this.aspect = aspect;
    if (this.paperId !== null && !this.lists.has(aspect)) void this.#load(this.paperId, aspect);
  }

  /** Drops cached lists (after an import the nearest papers may have changed). */
  refresh(): void {
    const paperId = this.paperId;
    this.lists.clear();
    if (paperId !== null) void this.#load(paperId, this.aspect);
  }

  async #load(paperId: string, aspect: Aspect): Promise<void> {
    this.lists.set(aspect, { status: 'loading' });
    try {
      const items = await this.client.request('papers.similar', { id: paperId, aspect, k: NEIGHBOUR_COUNT });
      if (this.paperId === paperId) this.lists.set(aspect, { status: 'ready', items });
    } catch (error) {
      if (this.paperId === paperId) this.lists.set(aspect, { status: 'error', message: toClientError(error).message });
    }
  }
}
