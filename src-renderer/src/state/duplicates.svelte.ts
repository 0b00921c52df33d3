/**
 * Near-duplicate candidates (library.duplicates), merging a pair (library.merge), and saying a
 * pair is not a duplicate (library.notDuplicate), which can be undone.
 */
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
  /** The pair last marked "not a duplicate", for its Undo. */
  lastDismissed = $state.raw<DuplicatePair | null>(null);

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

  /** Marks the pair as not a duplicate: it leaves the list, now and later. */
  async notDuplicate(pair: DuplicatePair): Promise<boolean> {
    if (this.merging !== null) return false;
    this.merging = DuplicatesState.keyOf(pair);
    this.error = null;
    try {
      await this.client.request('library.notDuplicate', { a: pair.a.id, b: pair.b.id });
      this.lastDismissed = pair;
      this.lastMerge = null;
      this.pairs = this.pairs.filter((other) => DuplicatesState.keyOf(other) !== DuplicatesState.keyOf(pair));
      return true;
    } catch (error) {
      this.error = `Could not mark the pair: ${toClientError(error).message}`;
      return false;
    } finally {
      this.merging = null;
    }
  }

  /** Takes the last "not a duplicate" back; the pair is listed again. */
  async undoNotDuplicate(): Promise<void> {
    const pair = this.lastDismissed;
    if (!pair) return;
    this.error = null;
    try {
      await this.client.request('library.notDuplicate', { a: pair.a.id, b: pair.b.id, undo: true });
      this.lastDismissed = null;
      await this.load();
    } catch (error) {
      this.error = `Could not undo: ${toClientError(error).message}`;
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
      this.lastDismissed = null;
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
