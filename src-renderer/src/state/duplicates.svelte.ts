/** Near-duplicate candidates (library.duplicates) and merging a pair (library.merge). */
import type { DuplicatePair, LibraryMergeResult } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export class DuplicatesState {
  pairs = $state.raw<DuplicatePair[]>([]);
  loaded = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Key (a|b) of the pair being merged. */
  merging = $state<string | null>(null);
  lastMerge = $state.raw<(LibraryMergeResult & { keptTitle: string }) | null>(null);

  constructor(
    private readonly client: FacetClient,
    private readonly onMerged: () => void,
  ) {}

  static keyOf(pair: DuplicatePair): string {
    return `${pair.a.id}|${pair.b.id}`;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.pairs = await this.client.request('library.duplicates', { limit: 100 });
      this.loaded = true;
    } catch (error) {
      this.error = toClientError(error).message;
    } finally {
      this.loading = false;
    }
  }

  /** Merges a pair: "richer" lets the core keep the richer record; "a" keeps the left one. */
  async merge(pair: DuplicatePair, keep: 'richer' | 'a' = 'richer'): Promise<LibraryMergeResult | null> {
    if (this.merging !== null) return null;
    this.merging = DuplicatesState.keyOf(pair);
    this.error = null;
    try {
      const result = await this.client.request('library.merge', { a: pair.a.id, b: pair.b.id, keep });
      const kept = result.keptId === pair.a.id ? pair.a : pair.b;
      this.lastMerge = { ...result, keptTitle: kept.title };
      this.onMerged();
      await this.load();
      return result;
    } catch (error) {
      this.error = `Merge failed: ${toClientError(error).message}`;
      return null;
    } finally {
      this.merging = null;
    }
  }
}
