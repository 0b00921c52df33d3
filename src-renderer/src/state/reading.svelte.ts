/**
 * The reading list: each paper's reading state as far as this window has seen it, the list view's
 * filters, rows and selection, and the edits (one paper, or the selection in bulk).
 *
 * Every change reaches this window as `reading.onDidChange` (its own edits, other windows', the
 * CLI's), which updates the cached state at once and refetches the list shortly after.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type {
  Aspect,
  EventPayloads,
  ExportFormat,
  ReadingListItem,
  ReadingPatch,
  ReadingSort,
  ReadingState,
  ReadingStatus,
  TagCount,
} from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';
import { downloadText, suggestedExportName } from '../lib/download.ts';
import type { NoticesState } from './notices.svelte.ts';

export const STATUS_LABELS: Record<ReadingStatus, string> = {
  none: 'Not on list',
  'to-read': 'To read',
  reading: 'Reading',
  read: 'Read',
  dismissed: 'Dismissed',
};

/** The order `r` cycles through. */
export const STATUS_CYCLE: readonly ReadingStatus[] = ['none', 'to-read', 'reading', 'read', 'dismissed'];

export const SORT_LABELS: Record<ReadingSort, string> = {
  updated: 'Last change',
  added: 'Date added',
  rating: 'Rating',
  relevance: 'Relevance',
};

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
  ris: 'RIS',
  markdown: 'Markdown',
};

/** Edits from this window and others arrive in bursts (bulk edits); the list refetches at most this often. */
const LIST_REFRESH_MS = 150;
const LIST_LIMIT = 1000;

export function nextStatus(status: ReadingStatus): ReadingStatus {
  const at = STATUS_CYCLE.indexOf(status);
  return STATUS_CYCLE[(at + 1) % STATUS_CYCLE.length]!;
}

export class ReadingListState {
  /** Reading state by paper id; null = known to have none. Filled by gets, list pages and events. */
  readonly states = new SvelteMap<string, ReadingState | null>();
  status = $state<ReadingStatus | 'all'>('all');
  tag = $state<string>('');
  sort = $state<ReadingSort>('updated');
  aspect = $state<Aspect>('generic');
  items = $state.raw<ReadingListItem[]>([]);
  total = $state(0);
  tags = $state.raw<TagCount[]>([]);
  loading = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  readonly selected = new SvelteSet<string>();
  exportFormat = $state<ExportFormat>('bibtex');
  /** Also export tags, status, rating and note (in fields bibliography styles do not print). */
  exportWithReadingState = $state(false);
  exporting = $state(false);
  /** The last export, for the person (and tests) to see what was downloaded. */
  lastExport = $state<{ fileName: string; count: number; bytes: number } | null>(null);
  /** True while the list view is on screen: only then are list pages refetched after changes. */
  active = $state(false);
  #sequence = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly client: FacetClient,
    private readonly notices: NoticesState,
  ) {}

  stateOf(id: string): ReadingState | null | undefined {
    return this.states.get(id);
  }

  /** Fetches one paper's state (when the paper is opened). */
  async load(id: string): Promise<void> {
    try {
      const state = await this.client.request('reading.get', { id });
      this.states.set(id, state);
    } catch (error) {
      this.notices.report('Loading the reading state', error);
    }
  }

  /** Loads the states of papers on the list (up to LIST_LIMIT), so other lists can show them. */
  async preload(): Promise<void> {
    try {
      const page = await this.client.request('reading.list', { includeNone: true, limit: LIST_LIMIT });
      for (const item of page.items) if (!this.states.has(item.reading.paperId)) this.states.set(item.reading.paperId, item.reading);
    } catch (error) {
      this.notices.report('Loading the reading list', error);
    }
  }

  /** "Read · ★★★★" for a paper on the list, else null (for list rows). */
  badgeFor(id: string): string | null {
    const state = this.states.get(id);
    if (!state || (state.status === 'none' && state.rating === null)) return null;
    const parts: string[] = [];
    if (state.status !== 'none') parts.push(STATUS_LABELS[state.status]);
    if (state.rating !== null) parts.push('★'.repeat(state.rating));
    return parts.join(' · ');
  }

  onChange(event: EventPayloads['reading.onDidChange']): void {
    this.states.set(event.paperId, event.current);
    if (this.active) this.#scheduleRefresh();
  }

  #scheduleRefresh(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.refresh();
    }, LIST_REFRESH_MS);
  }

  show(): void {
    this.active = true;
    void this.refresh();
  }

  hide(): void {
    this.active = false;
  }

  async refresh(): Promise<void> {
    const sequence = ++this.#sequence;
    this.loading = true;
    try {
      const [page, tags] = await Promise.all([
        this.client.request('reading.list', {
          status: this.status === 'all' ? undefined : [this.status],
          tag: this.tag === '' ? undefined : this.tag,
          sort: this.sort,
          aspect: this.aspect,
          limit: LIST_LIMIT,
        }),
        this.client.request('reading.tags', {}),
      ]);
      if (sequence !== this.#sequence) return;
      this.items = page.items;
      this.total = page.total;
      this.tags = tags;
      for (const item of page.items) this.states.set(item.reading.paperId, item.reading);
      // A selection only ever holds rows on screen.
      const shown = page.items.map((item) => item.reading.paperId);
      for (const id of [...this.selected]) if (!shown.includes(id)) this.selected.delete(id);
      this.error = null;
      this.loaded = true;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.error = toClientError(error).message;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }

  setFilter(filter: { status?: ReadingStatus | 'all'; tag?: string; sort?: ReadingSort; aspect?: Aspect }): void {
    if (filter.status !== undefined) this.status = filter.status;
    if (filter.tag !== undefined) this.tag = filter.tag;
    if (filter.sort !== undefined) this.sort = filter.sort;
    if (filter.aspect !== undefined) this.aspect = filter.aspect;
    void this.refresh();
  }

  /** Edits one paper; the event from the core updates every view. */
  async edit(id: string, patch: ReadingPatch): Promise<boolean> {
    try {
      const result = await this.client.request('reading.set', { id, patch });
      this.states.set(id, result.current);
      return true;
    } catch (error) {
      this.notices.report('Saving the reading state', error);
      return false;
    }
  }

  async cycleStatus(id: string): Promise<void> {
    let state = this.states.get(id);
    if (state === undefined) {
      await this.load(id);
      state = this.states.get(id);
    }
    await this.edit(id, { status: nextStatus(state?.status ?? 'none') });
  }

  toggleSelected(id: string): void {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
  }

  selectAll(select: boolean): void {
    this.selected.clear();
    if (select) for (const item of this.items) this.selected.add(item.reading.paperId);
  }

  /** One edit for every selected paper (set a status, or add a tag to each paper's own tags). */
  async bulk(action: { status: ReadingStatus } | { addTag: string }): Promise<void> {
    const ids = [...this.selected];
    if (ids.length === 0) return;
    try {
      if ('status' in action) {
        await this.client.request('reading.setMany', { ids, patch: { status: action.status } });
      } else {
        const tag = action.addTag.trim();
        if (tag === '') return;
        // Tags are per paper: each keeps its own and gains the new one.
        for (const id of ids) {
          const tags = this.states.get(id)?.tags ?? [];
          if (!tags.includes(tag)) await this.client.request('reading.set', { id, patch: { tags: [...tags, tag] } });
        }
      }
    } catch (error) {
      this.notices.report('Editing the selected papers', error);
    }
  }

  /** Exports the filtered list (or the selection, when there is one) and downloads it. */
  async exportList(): Promise<void> {
    this.exporting = true;
    try {
      const selection =
        this.selected.size > 0
          ? { kind: 'ids' as const, ids: this.items.map((item) => item.reading.paperId).filter((id) => this.selected.has(id)) }
          : { kind: 'reading' as const, status: this.status === 'all' ? undefined : [this.status], tag: this.tag === '' ? undefined : this.tag };
      const dialogs = this.client.dialogs;
      if (dialogs !== null) {
        // Desktop app: the save dialog hands back a grant for writing the one file chosen.
        const target = await dialogs.open('dialog.saveExport', { format: this.exportFormat, fileName: suggestedExportName(selection.kind, this.exportFormat) });
        if (target === null) return;
        const result = await this.client.request('export.run', { format: this.exportFormat, selection, saveTo: { grant: target.grant }, withReadingState: this.exportWithReadingState });
        this.lastExport = { fileName: result.path ?? target.name, count: result.count, bytes: result.bytes };
        return;
      }
      // Browser mode: the bridge returns the text and the browser downloads it.
      const result = await this.client.request('export.run', { format: this.exportFormat, selection, withReadingState: this.exportWithReadingState });
      downloadText(result.text ?? '', result.fileName, result.format);
      this.lastExport = { fileName: result.fileName, count: result.count, bytes: result.bytes };
    } catch (error) {
      this.notices.report('Exporting the reading list', error);
    } finally {
      this.exporting = false;
    }
  }
}
