/**
 * Setting aspects against each other for the open paper: the cross-aspect lists ("Same method,
 * other tasks") and the side-by-side comparison of the open paper with one of its neighbours.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Aspect, CrossNeighbour, PaperComparison } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export const CROSS_COUNT = 10;

/** The questions offered, in button order (the core holds the tuned weights of each pair). */
export const CROSS_PAIRS = [
  { key: 'method/task', aspect: 'method', unlike: 'task', label: 'Same method, other tasks' },
  { key: 'task/method', aspect: 'task', unlike: 'method', label: 'Same task, other methods' },
  { key: 'dataset/method', aspect: 'dataset', unlike: 'method', label: 'Same dataset, other methods' },
] as const satisfies readonly { key: string; aspect: Aspect; unlike: Aspect; label: string }[];

export type CrossPair = (typeof CROSS_PAIRS)[number];
export type CrossPairKey = CrossPair['key'];

export type CrossList = { status: 'loading' } | { status: 'ready'; items: CrossNeighbour[] } | { status: 'error'; message: string };

export class CrossAspectState {
  paperId = $state<string | null>(null);
  /** The pair shown; null until a button is pressed (nothing is fetched before). */
  pair = $state<CrossPairKey | null>(null);
  readonly lists = new SvelteMap<CrossPairKey, CrossList>();

  constructor(private readonly client: FacetClient) {}

  get current(): CrossList | undefined {
    return this.pair === null ? undefined : this.lists.get(this.pair);
  }

  showFor(paperId: string | null): void {
    if (paperId === this.paperId) return;
    this.paperId = paperId;
    this.lists.clear();
    if (paperId !== null && this.pair !== null) void this.#load(paperId, this.pair);
  }

  select(key: CrossPairKey): void {
    this.pair = key;
    if (this.paperId !== null && !this.lists.has(key)) void this.#load(this.paperId, key);
  }

  refresh(): void {
    this.lists.clear();
    if (this.paperId !== null && this.pair !== null) void this.#load(this.paperId, this.pair);
  }

  async #load(paperId: string, key: CrossPairKey): Promise<void> {
    const pair = CROSS_PAIRS.find((candidate) => candidate.key === key)!;
    this.lists.set(key, { status: 'loading' });
    try {
      const items = await this.client.request('papers.crossAspect', { id: paperId, aspect: pair.aspect, unlike: pair.unlike, k: CROSS_COUNT });
      if (this.paperId === paperId) this.lists.set(key, { status: 'ready', items });
    } catch (error) {
      if (this.paperId === paperId) this.lists.set(key, { status: 'error', message: toClientError(error).message });
    }
  }
}

export type Comparison =
  | { status: 'closed' }
  | { status: 'loading'; a: string; b: string }
  | { status: 'ready'; a: string; b: string; comparison: PaperComparison }
  | { status: 'error'; a: string; b: string; message: string };

export class CompareState {
  state = $state.raw<Comparison>({ status: 'closed' });
  #sequence = 0;

  constructor(private readonly client: FacetClient) {}

  get open(): boolean {
    return this.state.status !== 'closed';
  }

  async compare(a: string, b: string): Promise<void> {
    const sequence = ++this.#sequence;
    this.state = { status: 'loading', a, b };
    try {
      const comparison = await this.client.request('papers.compare', { a, b });
      if (sequence === this.#sequence) this.state = { status: 'ready', a, b, comparison };
    } catch (error) {
      if (sequence === this.#sequence) this.state = { status: 'error', a, b, message: toClientError(error).message };
    }
  }

  close(): void {
    this.#sequence++;
    this.state = { status: 'closed' };
  }
}
