/**
 * The aspect map: which aspect is shown, the map the core laid out for it, how each point is marked
 * (reading state, today's digest, search hits, selection), the move from one aspect's places to
 * another's, and what the selection can do (tag, add to the reading list, export).
 *
 * Points are kept packed (Float32Array x, y per point) so that 100k of them draw and animate
 * without allocating per frame; the canvas code (lib/map-canvas.ts) reads them from here.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { Aspect, EventPayloads, ExportFormat, MapPhase, PaperMap, ReadingState } from '../../../src-main/common/contract.ts';
import type { FacetClient } from '../lib/client.ts';
import { downloadText } from '../lib/download.ts';
import { PointGrid } from '../lib/map-geometry.ts';
import type { NoticesState } from './notices.svelte.ts';

/** Bits of a point's style: the low two bits are its reading mark. */
export const MARK_NONE = 0;
export const MARK_LIKED = 1;
export const MARK_TO_READ = 2;
export const MARK_DISMISSED = 3;
export const STYLE_DIGEST = 4;
export const STYLE_HIT = 8;
export const STYLE_SELECTED = 16;

/** How long points take to move to their places under a newly chosen aspect. */
export const MOVE_MS = 700;

export const PHASE_LABELS: Record<MapPhase, string> = {
  read: 'Reading the library',
  neighbours: 'Finding neighbours',
  layout: 'Laying out',
  place: 'Placing papers',
  regions: 'Naming regions',
  done: 'Done',
};

/** The liked/disliked rule of For you, so the map marks the papers For you learns from. */
function markOf(state: ReadingState): number {
  if (state.status === 'dismissed' || state.notRelevant || (state.rating !== null && state.rating <= 2)) return MARK_DISMISSED;
  if ((state.rating !== null && state.rating >= 4) || state.status === 'read' || state.status === 'reading') return MARK_LIKED;
  if (state.status === 'to-read') return MARK_TO_READ;
  return MARK_NONE;
}

export interface MapOverlays {
  /** Reading states known to this window, by paper id. */
  readingStates: () => Iterable<[string, ReadingState | null]>;
  tagsOf: (id: string) => string[];
  /** Today's digest: the papers of the last import (null when there was none). */
  digestIds: () => readonly string[] | null;
  searchHitIds: () => readonly string[];
  openPaper: (id: string) => void;
}

const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

export class MapState {
  aspect = $state<Aspect>('generic');
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state.raw<EventPayloads['map.onDidProgress'] | null>(null);
  error = $state<string | null>(null);
  map = $state.raw<PaperMap | null>(null);
  /** 'pan': drag moves the map; 'select': drag draws a selection box (shift+drag selects in either mode). */
  mode = $state<'pan' | 'select'>('pan');
  hovered = $state(-1);
  readonly selected = new SvelteSet<string>();
  busy = $state(false);
  lastAction = $state<string | null>(null);
  active = $state(false);
  /** Where each point is drawn once any move has finished, [x0, y0, …]. */
  target = new Float32Array(0);
  grid = new PointGrid(new Float32Array(0));
  #from: Float32Array | null = null;
  #moveStart = 0;
  #frame = new Float32Array(0);
  // Not reactive on purpose: it changes only together with `map`, which is (100k entries need no proxy).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #indexById = new Map<string, number>();
  #request = 0;
  #stale = false;

  constructor(
    private readonly client: FacetClient,
    private readonly notices: NoticesState,
    private readonly overlays: MapOverlays,
  ) {}

  /** The style bits of every point (see the constants above), recomputed when a mark changes. */
  readonly styles = $derived.by(() => {
    const map = this.map;
    const styles = new Uint8Array(map?.ids.length ?? 0);
    if (!map) return styles;
    const at = (id: string) => this.#indexById.get(id);
    for (const [id, state] of this.overlays.readingStates()) {
      const index = at(id);
      if (index !== undefined && state) styles[index] = markOf(state);
    }
    for (const id of this.overlays.digestIds() ?? []) {
      const index = at(id);
      if (index !== undefined) styles[index]! |= STYLE_DIGEST;
    }
    for (const id of this.overlays.searchHitIds()) {
      const index = at(id);
      if (index !== undefined) styles[index]! |= STYLE_HIT;
    }
    for (const id of this.selected) {
      const index = at(id);
      if (index !== undefined) styles[index]! |= STYLE_SELECTED;
    }
    return styles;
  });

  get count(): number {
    return this.map?.ids.length ?? 0;
  }

  show(): void {
    this.active = true;
    if (this.map === null || this.map.aspect !== this.aspect || this.#stale) void this.load(false);
  }

  hide(): void {
    this.active = false;
  }

  setAspect(aspect: Aspect): void {
    if (aspect === this.aspect && this.map?.aspect === aspect) return;
    this.aspect = aspect;
    void this.load(false);
  }

  recompute(): void {
    void this.load(true);
  }

  /** Papers were imported or removed: the open map places the new ones (the core does it incrementally). */
  onLibraryChange(): void {
    if (this.active) void this.load(false);
    else this.#stale = true;
  }

  onProgress(event: EventPayloads['map.onDidProgress']): void {
    if (event.aspect === this.aspect && this.status === 'loading') this.progress = event;
  }

  async load(recompute: boolean): Promise<void> {
    const request = ++this.#request;
    const aspect = this.aspect;
    this.status = 'loading';
    this.error = null;
    this.progress = null;
    try {
      const map = await this.client.request(recompute ? 'map.recompute' : 'map.get', { aspect });
      if (request !== this.#request) return;
      this.#stale = false;
      this.#install(map);
      this.status = 'ready';
    } catch (error) {
      if (request !== this.#request) return;
      this.status = 'error';
      this.notices.report(`Laying out the ${aspect} map`, error);
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (request === this.#request) this.progress = null;
    }
  }

  /** Takes a new map; points already shown start from where they are and move to their new places. */
  #install(map: PaperMap): void {
    const count = map.ids.length;
    const target = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      target[i * 2] = map.x[i]!;
      target[i * 2 + 1] = map.y[i]!;
    }
    const now = this.positionsAt(performance.now()).positions;
    const from = target.slice();
    let moved = 0;
    map.ids.forEach((id, index) => {
      const before = this.#indexById.get(id);
      if (before === undefined) return;
      from[index * 2] = now[before * 2]!;
      from[index * 2 + 1] = now[before * 2 + 1]!;
      if (from[index * 2] !== target[index * 2] || from[index * 2 + 1] !== target[index * 2 + 1]) moved++;
    });
    this.#from = moved > 0 ? from : null;
    this.#moveStart = performance.now();
    this.target = target;
    this.#frame = new Float32Array(count * 2);
    this.grid = new PointGrid(target);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#indexById = new Map(map.ids.map((id, index) => [id, index]));
    for (const id of [...this.selected]) if (!this.#indexById.has(id)) this.selected.delete(id);
    this.hovered = -1;
    this.map = map;
  }

  /** Positions to draw at time `now` (performance.now()), mid-move or final. */
  positionsAt(now: number): { positions: Float32Array; moving: boolean } {
    const from = this.#from;
    if (from === null) return { positions: this.target, moving: false };
    const t = Math.min(1, (now - this.#moveStart) / MOVE_MS);
    if (t >= 1) {
      this.#from = null;
      return { positions: this.target, moving: false };
    }
    const eased = easeInOut(t);
    const frame = this.#frame;
    const target = this.target;
    for (let i = 0; i < target.length; i++) frame[i] = from[i]! + (target[i]! - from[i]!) * eased;
    return { positions: frame, moving: true };
  }

  indexOf(id: string): number {
    return this.#indexById.get(id) ?? -1;
  }

  titleAt(index: number): string {
    return this.map?.titles[index] ?? '';
  }

  open(index: number): void {
    const id = this.map?.ids[index];
    if (id !== undefined) this.overlays.openPaper(id);
  }

  /** Selects the points at these indices (added to the selection when `add`). */
  selectIndices(indices: readonly number[], add: boolean): void {
    if (!add) this.selected.clear();
    const ids = this.map?.ids ?? [];
    for (const index of indices) if (ids[index] !== undefined) this.selected.add(ids[index]);
  }

  clearSelection(): void {
    this.selected.clear();
  }

  async #onSelection(what: string, action: (ids: string[]) => Promise<string>): Promise<void> {
    const ids = [...this.selected];
    if (ids.length === 0) return;
    this.busy = true;
    try {
      this.lastAction = await action(ids);
    } catch (error) {
      this.notices.report(what, error);
    } finally {
      this.busy = false;
    }
  }

  /** Adds a tag to every selected paper, keeping each paper's own tags. */
  tagSelection(tag: string): Promise<void> {
    const clean = tag.normalize('NFC').trim();
    if (clean === '') return Promise.resolve();
    return this.#onSelection('Tagging the selected papers', async (ids) => {
      let changed = 0;
      for (const id of ids) {
        const tags = this.overlays.tagsOf(id);
        if (tags.includes(clean)) continue;
        await this.client.request('reading.set', { id, patch: { tags: [...tags, clean] } });
        changed++;
      }
      return `Tagged ${changed} paper${changed === 1 ? '' : 's'} “${clean}”`;
    });
  }

  addSelectionToReadingList(): Promise<void> {
    return this.#onSelection('Adding the selected papers to the reading list', async (ids) => {
      await this.client.request('reading.setMany', { ids, patch: { status: 'to-read' } });
      return `${ids.length} paper${ids.length === 1 ? '' : 's'} marked To read`;
    });
  }

  exportSelection(format: ExportFormat): Promise<void> {
    return this.#onSelection('Exporting the selected papers', async (ids) => {
      const result = await this.client.request('export.run', { format, selection: { kind: 'ids', ids } });
      downloadText(result.text ?? '', result.fileName, result.format);
      return `Exported ${result.count} paper${result.count === 1 ? '' : 's'} as ${result.fileName}`;
    });
  }
}
