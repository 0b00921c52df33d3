/**
 * "For you" and today's digest: unread papers ranked for the person under the chosen aspect, and
 * the papers of a digest just imported ranked the same way. "Not relevant" hides an item at once,
 * the ranking is fetched again, and an undo is offered for UNDO_MS.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { Aspect, DigestItem, DigestRanking, ForYou, ReadingPatch, ReadingState } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';
import { loadDigestView, saveDigestView } from '../lib/view-storage.ts';
import type { NoticesState } from './notices.svelte.ts';

export const FOR_YOU_COUNT = 30;
export const DIGEST_TOP = 5;
const UNDO_MS = 8000;

/** Already dealt with: the digest leaves these out unless asked to show them. */
export function isSeen(state: ReadingState | null | undefined): boolean {
  return state !== null && state !== undefined && (state.status === 'read' || state.status === 'dismissed' || state.notRelevant);
}

export interface UndoOffer {
  id: string;
  title: string;
  patch: ReadingPatch;
}

export class ForYouState {
  aspect = $state<Aspect>('generic');
  result = $state.raw<ForYou | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Papers marked not relevant here, hidden until the next ranking arrives without them. */
  readonly hidden = new SvelteSet<string>();
  undo = $state.raw<UndoOffer | null>(null);
  /** The digest being shown (ids of the import, in page order), with its ranking. */
  digestIds = $state.raw<string[] | null>(null);
  digest = $state.raw<DigestRanking | null>(null);
  digestSources = $state.raw<string[]>([]);
  /** True while the For-you view (or the digest) is on screen: only then do changes refetch. */
  active = $state(false);
  digestActive = $state(false);
  /** Also show digest papers already read, dismissed or marked not relevant. */
  includeSeen = $state(false);
  #sequence = 0;
  #digestSequence = 0;
  #undoTimer: ReturnType<typeof setTimeout> | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly client: FacetClient,
    private readonly notices: NoticesState,
    /** The latest reading state this window knows for a paper (undefined: not loaded). */
    private readonly stateOf: (id: string) => ReadingState | null | undefined = () => undefined,
  ) {}

  get items() {
    return (this.result?.items ?? []).filter((item) => !this.hidden.has(item.paper.id));
  }

  get digestItems(): DigestItem[] {
    return (this.digest?.items ?? []).filter((item) => !this.hidden.has(item.paper.id) && (this.includeSeen || !isSeen(this.#stateFor(item))));
  }

  /** How many digest papers the "already read or dismissed" filter leaves out now. */
  get digestSeenCount(): number {
    if (this.includeSeen) return 0;
    return (this.digest?.items ?? []).filter((item) => !this.hidden.has(item.paper.id) && isSeen(this.#stateFor(item))).length;
  }

  #stateFor(item: DigestItem): ReadingState | null {
    const known = this.stateOf(item.paper.id);
    return known === undefined ? item.reading : known;
  }

  setIncludeSeen(include: boolean): void {
    this.includeSeen = include;
    this.#saveDigest();
  }

  /** Brings back the digest a reload interrupted; true when it was the view on screen. */
  restoreDigest(): boolean {
    const saved = loadDigestView();
    if (saved === null) return false;
    this.digestIds = saved.ids;
    this.digestSources = saved.sources;
    this.includeSeen = saved.includeSeen;
    return saved.open;
  }

  #saveDigest(): void {
    if (this.digestIds === null) return;
    saveDigestView({ ids: this.digestIds, sources: this.digestSources, includeSeen: this.includeSeen, open: this.digestActive });
  }

  show(): void {
    this.active = true;
    void this.refresh();
  }

  hide(): void {
    this.active = false;
  }

  select(aspect: Aspect): void {
    this.aspect = aspect;
    if (this.active) void this.refresh();
    if (this.digestActive) void this.refreshDigest();
  }

  /** A reading change anywhere (or a new import) can change the ranking: refetch what is on screen. */
  onChange(): void {
    if (!this.active && !this.digestActive) return;
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      if (this.active) void this.refresh();
      if (this.digestActive) void this.refreshDigest();
    }, 200);
  }

  async refresh(): Promise<void> {
    const sequence = ++this.#sequence;
    this.loading = true;
    try {
      const result = await this.client.request('recommend.forYou', { aspect: this.aspect, k: FOR_YOU_COUNT });
      if (sequence !== this.#sequence) return;
      this.result = result;
      this.error = null;
      this.#forgetHidden();
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.error = toClientError(error).message;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }

  /** Shows the papers of an import ranked for the person. */
  showDigest(ids: readonly string[], sources: readonly string[]): void {
    this.digestIds = [...ids];
    this.digestSources = [...sources];
    this.digest = null;
    this.digestActive = true;
    this.#saveDigest();
    void this.refreshDigest();
  }

  /** Shows the digest already known (the tab, or a restored one). */
  reopenDigest(): void {
    if (this.digestIds === null) return;
    this.digestActive = true;
    this.#saveDigest();
    void this.refreshDigest();
  }

  hideDigest(): void {
    if (!this.digestActive) return;
    this.digestActive = false;
    this.#saveDigest();
  }

  async refreshDigest(): Promise<void> {
    const ids = this.digestIds;
    if (ids === null || ids.length === 0) return;
    const sequence = ++this.#digestSequence;
    try {
      const digest = await this.client.request('recommend.digest', { ids, aspect: this.aspect, top: DIGEST_TOP });
      if (sequence !== this.#digestSequence) return;
      this.digest = digest;
      this.error = null;
      this.#forgetHidden();
    } catch (error) {
      if (sequence !== this.#digestSequence) return;
      this.error = toClientError(error).message;
    }
  }

  /** Hides the paper now, records the feedback, and offers undo. */
  async notRelevant(id: string, title: string): Promise<void> {
    this.hidden.add(id);
    try {
      const edit = await this.client.request('recommend.notRelevant', { id, notRelevant: true });
      this.#offerUndo({ id, title, patch: edit.undo });
      this.onChange();
    } catch (error) {
      this.hidden.delete(id);
      this.notices.report('Marking a paper not relevant', error);
    }
  }

  async undoLast(): Promise<void> {
    const offer = this.undo;
    if (!offer) return;
    this.#clearUndo();
    try {
      await this.client.request('reading.set', { id: offer.id, patch: offer.patch });
      this.hidden.delete(offer.id);
      this.onChange();
    } catch (error) {
      this.notices.report('Undoing "not relevant"', error);
    }
  }

  dismissUndo(): void {
    this.#clearUndo();
  }

  #offerUndo(offer: UndoOffer): void {
    this.#clearUndo();
    this.undo = offer;
    this.#undoTimer = setTimeout(() => {
      this.#undoTimer = null;
      this.undo = null;
    }, UNDO_MS);
  }

  #clearUndo(): void {
    if (this.#undoTimer !== null) clearTimeout(this.#undoTimer);
    this.#undoTimer = null;
    this.undo = null;
  }

  /** Once a ranking without a hidden paper arrived, it no longer needs hiding (undo brings it back). */
  #forgetHidden(): void {
    const shown = [...(this.result?.items ?? []), ...(this.digest?.items ?? [])].map((item) => item.paper.id);
    for (const id of [...this.hidden]) if (!shown.includes(id)) this.hidden.delete(id);
  }
}
