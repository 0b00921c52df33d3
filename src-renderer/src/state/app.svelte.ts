/**
 * The root of the renderer's state: one instance per window, shared with components through
 * Svelte context (useApp()). It wires core events to the smaller states and owns the list cursor
 * that the keyboard (j / k / Enter) moves.
 */
import { createContext } from 'svelte';
import type { PaperSummary, Unsubscribe } from '../../../src-main/common/contract.ts';
import type { ConnectionStatus, FacetClient } from '../lib/client.ts';
import { ImportState } from './import.svelte.ts';
import { LibraryState } from './library.svelte.ts';
import { ModelState } from './model.svelte.ts';
import { NeighboursState } from './neighbours.svelte.ts';
import { NoticesState } from './notices.svelte.ts';
import { PaperState } from './paper.svelte.ts';
import { SearchState } from './search.svelte.ts';

/** Library changes arrive once per stored batch during an import; the list refetches at most this often. */
const LIBRARY_REFRESH_MS = 400;

export class AppState {
  readonly notices = new NoticesState();
  readonly library: LibraryState;
  readonly search: SearchState;
  readonly paper: PaperState;
  readonly neighbours: NeighboursState;
  readonly importer: ImportState;
  readonly model: ModelState;
  /** Index of the highlighted row in the list shown (library or search hits). */
  cursor = $state(0);
  connection = $state<ConnectionStatus>('connecting');
  connectionDetail = $state<string | null>(null);
  #unsubscribes: Unsubscribe[] = [];
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly client: FacetClient) {
    this.library = new LibraryState(client, this.notices);
    this.search = new SearchState(client);
    this.paper = new PaperState(client);
    this.neighbours = new NeighboursState(client);
    this.importer = new ImportState(client);
    this.model = new ModelState(client, this.notices);
  }

  /** Subscribes to core events and loads the first page; returns the teardown. */
  start(): () => void {
    this.#unsubscribes = [
      this.client.onStatus((status, detail) => {
        this.connection = status;
        this.connectionDetail = detail;
      }),
      this.client.on('import.onDidProgress', (event) => this.importer.onProgress(event)),
      this.client.on('import.onDidFinish', (summary) => {
        this.importer.onFinish(summary);
        this.#afterLibraryChange(true);
      }),
      this.client.on('library.onDidChange', () => this.#afterLibraryChange(false)),
      this.client.on('embed.onDidProgress', (event) => {
        this.model.embedding = event.done >= event.total ? null : event;
      }),
    ];
    this.library.reset();
    void this.model.load();
    return () => {
      this.#unsubscribes.forEach((unsubscribe) => unsubscribe());
      if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    };
  }

  #afterLibraryChange(immediately: boolean): void {
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(
      () => {
        this.#refreshTimer = null;
        this.library.reset();
        void this.model.loadStats();
        if (this.search.active) void this.search.run();
        if (!this.importer.busy) {
          void this.paper.reload();
          this.neighbours.refresh();
        }
      },
      immediately ? 0 : LIBRARY_REFRESH_MS,
    );
  }

  /** Number of rows in the list currently shown. */
  get rowCount(): number {
    return this.search.active ? this.search.hits.length : (this.library.total ?? 0);
  }

  rowAt(index: number): PaperSummary | undefined {
    return this.search.active ? this.search.hits[index]?.paper : this.library.rowAt(index);
  }

  moveCursor(delta: number): void {
    const count = this.rowCount;
    if (count === 0) return;
    this.cursor = Math.max(0, Math.min(count - 1, this.cursor + delta));
  }

  openAtCursor(): void {
    const row = this.rowAt(this.cursor);
    if (row) this.openPaper(row.id, this.cursor);
  }

  /** Opens a paper; `index` is its row in the shown list when it was picked from there. */
  openPaper(id: string, index?: number): void {
    const row = index ?? (this.search.active ? this.search.hits.findIndex((hit) => hit.paper.id === id) : this.library.indexOf(id));
    if (row >= 0) this.cursor = row;
    void this.paper.open(id);
    this.neighbours.showFor(id);
  }

  setQuery(query: string): void {
    this.search.setQuery(query);
    this.cursor = 0;
  }
}

const [getApp, setApp] = createContext<AppState>();

export const useApp = getApp;
export const provideApp = setApp;
