/**
 * Deleting papers (with an undo offer that stays until the next deletion or until dismissed) and
 * editing the open paper's metadata. Both change the library; `onChanged` refreshes the list and
 * the open paper.
 */
import type { Paper, PaperPatch, RequestArgs } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';
import { draftOf, patchOf, type PaperDraft } from '../lib/paper-draft.ts';
import type { NoticesState } from './notices.svelte.ts';

export interface Deletion {
  undoToken: string;
  count: number;
  /** The title of the one paper deleted, or null for several. */
  title: string | null;
}

export class PaperEditsState {
  lastDeletion = $state<Deletion | null>(null);
  busy = $state(false);
  /** The paper whose edit form is open. */
  editing = $state.raw<Paper | null>(null);
  draft = $state<PaperDraft | null>(null);
  editError = $state<string | null>(null);

  constructor(
    private readonly client: FacetClient,
    private readonly notices: NoticesState,
    private readonly onChanged: (deletedIds: readonly string[]) => void,
  ) {}

  async delete(ids: readonly string[], title: string | null): Promise<void> {
    if (ids.length === 0) return;
    this.busy = true;
    try {
      const result = await this.client.request('papers.delete', { ids: [...ids] } satisfies RequestArgs<'papers.delete'>);
      this.lastDeletion = { undoToken: result.undoToken, count: result.deleted.length, title: result.deleted.length === 1 ? title : null };
      this.onChanged(result.deleted);
    } catch (error) {
      this.notices.report('Deleting', error);
    } finally {
      this.busy = false;
    }
  }

  async undo(): Promise<void> {
    const deletion = this.lastDeletion;
    if (!deletion) return;
    this.busy = true;
    try {
      await this.client.request('papers.restore', { undoToken: deletion.undoToken });
      this.lastDeletion = null;
      this.onChanged([]);
    } catch (error) {
      this.notices.report('Undoing the deletion', error);
    } finally {
      this.busy = false;
    }
  }

  dismissDeletion(): void {
    this.lastDeletion = null;
  }

  startEdit(paper: Paper): void {
    this.editing = paper;
    this.draft = draftOf(paper);
    this.editError = null;
  }

  cancelEdit(): void {
    this.editing = null;
    this.draft = null;
    this.editError = null;
  }

  /** Saves the changed fields; resolves true when saved (or nothing changed). */
  async saveEdit(): Promise<boolean> {
    const paper = this.editing;
    const draft = this.draft;
    if (!paper || !draft) return false;
    let patch: PaperPatch;
    try {
      patch = patchOf(paper, draft);
    } catch (error) {
      this.editError = (error as Error).message;
      return false;
    }
    if (Object.keys(patch).length === 0) {
      this.cancelEdit();
      return true;
    }
    this.busy = true;
    try {
      await this.client.request('papers.update', { id: paper.id, patch });
      this.cancelEdit();
      this.onChanged([]);
      return true;
    } catch (error) {
      this.editError = toClientError(error).message;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
