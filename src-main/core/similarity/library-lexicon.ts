/**
 * The lexical index of one open library, kept current with its store: before each use it compares
 * the table's version with the one it was built from, and on a change re-reads ids and texts,
 * indexing new and edited papers and dropping deleted ones. Imports, deletions and edits therefore
 * reach the lexical scores without the writers having to know about this index.
 */
import type { PaperStore } from '../store/index.ts';
import { LexicalIndex, textFingerprint } from './lexical-index.ts';

/** Papers indexed between two turns of the event loop. */
const YIELD_EVERY = 200;

export class LibraryLexicon {
  private readonly index = new LexicalIndex();
  private builtFrom: number | null = null;
  private refreshing: Promise<LexicalIndex> | null = null;
  private warming: Promise<unknown> | null = null;

  constructor(private readonly store: PaperStore) {}

  /**
   * Starts bringing the index up to date without waiting for it. A failure is left for the next
   * `current()`, which retries the refresh and hands its error to that caller.
   */
  warmUp(): void {
    this.warming = this.current().catch(() => undefined);
  }

  /** Resolves once no refresh is running (whatever its outcome); the store may then be closed. */
  async settled(): Promise<void> {
    await this.warming;
    await this.refreshing?.catch(() => undefined);
  }

  /** The index, brought up to date with the store first. Concurrent callers share one refresh. */
  async current(): Promise<LexicalIndex> {
    const version = await this.store.tableVersion();
    if (version === this.builtFrom) return this.index;
    this.refreshing ??= this.refresh(version).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refresh(version: number): Promise<LexicalIndex> {
    const seen = new Set<string>();
    let sinceYield = 0;
    for await (const { id, text } of this.store.texts()) {
      // Indexing is synchronous work between microtasks; give the event loop a turn now and then,
      // so requests that arrive meanwhile (the first page of the library at start-up) are answered
      // while a large library is being indexed, not after.
      if (++sinceYield === YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      seen.add(id);
      const fingerprint = textFingerprint(text);
      if (this.index.fingerprintOf(id) !== fingerprint) this.index.upsert(id, text, fingerprint);
    }
    for (const id of [...this.index.ids()]) if (!seen.has(id)) this.index.remove(id);
    this.builtFrom = version;
    return this.index;
  }
}
