/**
 * The root of the renderer's state: one instance per window, shared with components through
 * Svelte context (useApp()). It wires core events to the smaller states and owns the list cursor
 * that the keyboard (j / k / Enter) moves.
 */
import { createContext } from 'svelte';
import type { PaperSummary, Unsubscribe } from '../../../src-main/common/contract.ts';
import { ForYouState } from './for-you.svelte.ts';
import type { ConnectionStatus, FacetClient } from '../lib/client.ts';
import { DuplicatesState } from './duplicates.svelte.ts';
import { ImportState } from './import.svelte.ts';
import { LibraryImportState } from './library-import.svelte.ts';
import { LibraryState } from './library.svelte.ts';
import { MapState } from './map.svelte.ts';
import { ModelState } from './model.svelte.ts';
import { NeighboursState } from './neighbours.svelte.ts';
import { CompareState, CrossAspectState } from './aspect-contrast.svelte.ts';
import { NoticesState } from './notices.svelte.ts';
import { PaperState } from './paper.svelte.ts';
import { PaperEditsState } from './paper-edits.svelte.ts';
import { PendingStubsState } from './pending-stubs.svelte.ts';
import { ReadingListState } from './reading.svelte.ts';
import { SearchState } from './search.svelte.ts';
import { SettingsState } from './settings.svelte.ts';
import { WriterWaitState } from './writer-wait.svelte.ts';

/** What the list pane shows (a search, when one is typed, shows over any of them). */
export type ListView = 'library' | 'reading' | 'for-you' | 'map' | 'digest' | 'duplicates';

/** Search hits marked on the map. */
const MAP_SEARCH_HITS = 20;

/** Library changes arrive once per stored batch during an import; the list refetches at most this often. */
const LIBRARY_REFRESH_MS = 400;

export class AppState {
  readonly notices = new NoticesState();
  /** Shown while a write of this window waits for another process's. */
  readonly writerWait = new WriterWaitState();
  readonly library: LibraryState;
  readonly search: SearchState;
  readonly paper: PaperState;
  readonly neighbours: NeighboursState;
  readonly crossAspect: CrossAspectState;
  readonly compare: CompareState;
  readonly importer: ImportState;
  readonly model: ModelState;
  readonly reading: ReadingListState;
  readonly forYou: ForYouState;
  readonly libraryImport: LibraryImportState;
  readonly duplicates: DuplicatesState;
  readonly settings: SettingsState;
  readonly pendingStubs: PendingStubsState;
  readonly map: MapState;
  readonly paperEdits: PaperEditsState;
  view = $state<ListView>('library');
  /** Index of the highlighted row in the list shown (library or search hits). */
  cursor = $state(0);
  connection = $state<ConnectionStatus>('connecting');
  connectionDetail = $state<string | null>(null);
  /** Papers of the latest import in this window: today's digest on the map. */
  lastImportIds = $state.raw<readonly string[] | null>(null);
  #unsubscribes: Unsubscribe[] = [];
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly client: FacetClient) {
    this.library = new LibraryState(client, this.notices);
    this.search = new SearchState(client);
    this.paper = new PaperState(client);
    this.neighbours = new NeighboursState(client);
    this.crossAspect = new CrossAspectState(client);
    this.compare = new CompareState(client);
    this.importer = new ImportState(client);
    this.model = new ModelState(client, this.notices);
    this.reading = new ReadingListState(client, this.notices);
    this.forYou = new ForYouState(client, this.notices, (id) => this.reading.stateOf(id));
    this.libraryImport = new LibraryImportState(client);
    // A merge deletes one paper: the list and an open paper that was retired must refresh.
    this.duplicates = new DuplicatesState(client, () => this.#afterLibraryChange(true));
    this.settings = new SettingsState(client);
    this.pendingStubs = new PendingStubsState(client);
    this.map = new MapState(client, this.notices, {
      readingStates: () => this.reading.states,
      tagsOf: (id) => this.reading.stateOf(id)?.tags ?? [],
      digestIds: () => this.forYou.digestIds ?? this.lastImportIds,
      // The best hits only: semantic search always fills its page, so all of it would mark most of a small library.
      searchHitIds: () => (this.search.active ? this.search.hits.slice(0, MAP_SEARCH_HITS).map((hit) => hit.paper.id) : []),
      openPaper: (id) => this.openPaper(id),
    });
    this.paperEdits = new PaperEditsState(client, this.notices, (deleted) => {
      if (this.paper.id !== null && deleted.includes(this.paper.id)) {
        this.paper.close();
        this.neighbours.showFor(null);
      }
      this.#afterLibraryChange(true);
    });
  }

  /** Subscribes to core events and loads the first page; returns the teardown. */
  start(): () => void {
    this.#unsubscribes = [
      this.client.onStatus((status, detail) => {
        this.connection = status;
        this.connectionDetail = detail;
      }),
      this.client.on('import.onDidProgress', (event) => {
        this.writerWait.onWriteMoved();
        this.importer.onProgress(event);
      }),
      this.client.on('import.onDidFinish', (summary) => {
        this.writerWait.onWriteMoved();
        this.importer.onFinish(summary);
        if (summary.paperIds && summary.paperIds.length > 0) this.lastImportIds = summary.paperIds;
        this.#afterLibraryChange(true);
      }),
      this.client.on('library.onDidChange', () => {
        this.writerWait.onWriteMoved();
        this.#afterLibraryChange(false);
      }),
      this.client.on('library.onDidWaitForWriter', (event) => this.writerWait.onWait(event)),
      this.client.on('library.onDidProgress', (event) => {
        this.writerWait.onWriteMoved();
        this.libraryImport.onProgress(event);
        this.pendingStubs.onProgress(event);
      }),
      this.client.on('map.onDidProgress', (event) => this.map.onProgress(event)),
      this.client.on('settings.onDidChange', (event) => this.settings.onChange(event)),
      this.client.on('embed.onDidProgress', (event) => {
        this.model.embedding = event.done >= event.total ? null : event;
      }),
      this.client.on('reading.onDidChange', (event) => {
        this.reading.onChange(event);
        this.forYou.onChange();
      }),
    ];
    this.library.reset();
    // A digest that was on screen before a reload comes back, with its filter.
    if (this.forYou.restoreDigest()) this.showView('digest');
    void this.model.load();
    void this.reading.preload();
    void this.settings.load();
    return () => {
      this.#unsubscribes.forEach((unsubscribe) => unsubscribe());
      this.writerWait.dispose();
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
        this.forYou.onChange();
        if (!this.importer.busy) {
          // Once per import, not per stored batch: each placement reads the whole library's outline.
          this.map.onLibraryChange();
          void this.paper.reload();
          this.neighbours.refresh();
          this.crossAspect.refresh();
        }
      },
      immediately ? 0 : LIBRARY_REFRESH_MS,
    );
  }

  /** Number of rows in the list currently shown. */
  get rowCount(): number {
    if (this.search.active) return this.search.hits.length;
    if (this.view === 'reading') return this.reading.items.length;
    if (this.view === 'for-you') return this.forYou.items.length;
    if (this.view === 'digest') return this.forYou.digestItems.length;
    if (this.view === 'duplicates' || this.view === 'map') return 0;
    return this.library.total ?? 0;
  }

  rowAt(index: number): PaperSummary | undefined {
    if (this.search.active) return this.search.hits[index]?.paper;
    if (this.view === 'reading') return this.reading.items[index]?.paper ?? undefined;
    if (this.view === 'for-you') return this.forYou.items[index]?.paper;
    if (this.view === 'digest') return this.forYou.digestItems[index]?.paper;
    if (this.view === 'duplicates' || this.view === 'map') return undefined;
    return this.library.rowAt(index);
  }

  #indexInView(id: string): number {
    if (this.search.active) return this.search.hits.findIndex((hit) => hit.paper.id === id);
    if (this.view === 'reading') return this.reading.items.findIndex((item) => item.reading.paperId === id);
    if (this.view === 'for-you') return this.forYou.items.findIndex((item) => item.paper.id === id);
    if (this.view === 'digest') return this.forYou.digestItems.findIndex((item) => item.paper.id === id);
    if (this.view === 'duplicates' || this.view === 'map') return -1;
    return this.library.indexOf(id);
  }

  showView(view: ListView): void {
    if (this.search.active) this.search.clear();
    this.view = view;
    this.cursor = 0;
    if (view === 'reading') this.reading.show();
    else this.reading.hide();
    if (view === 'for-you') this.forYou.show();
    else this.forYou.hide();
    if (view !== 'digest') this.forYou.hideDigest();
    else if (!this.forYou.digestActive) this.forYou.reopenDigest();
    if (view === 'duplicates') void this.duplicates.load();
    // The map component shows and hides the map itself (it owns the canvas).
  }

  /** Today's digest: the papers of an import, ranked for the person. */
  showDigest(ids: readonly string[], sources: readonly string[]): void {
    this.forYou.showDigest(ids, sources);
    this.showView('digest');
  }

  /** `r`: the open paper's status moves on (none → to read → reading → read → dismissed → none); else the highlighted row's. */
  cycleStatus(): void {
    const id = this.paper.id ?? this.rowAt(this.cursor)?.id;
    if (id !== undefined) void this.reading.cycleStatus(id);
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
    const row = index ?? this.#indexInView(id);
    if (row >= 0) this.cursor = row;
    void this.paper.open(id);
    void this.reading.load(id);
    this.neighbours.showFor(id);
    this.crossAspect.showFor(id);
    this.compare.close();
  }

  /** Opens the side-by-side comparison of the open paper with another one. */
  compareWithOpen(otherId: string): void {
    if (this.paper.id !== null) void this.compare.compare(this.paper.id, otherId);
  }

  setQuery(query: string): void {
    this.search.setQuery(query);
    this.cursor = 0;
  }

  clearSearch(): void {
    this.search.clear();
    this.cursor = 0;
  }
}

const [getApp, setApp] = createContext<AppState>();

export const useApp = getApp;
export const provideApp = setApp;
