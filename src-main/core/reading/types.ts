/**
 * A person's reading state for one paper: where it is on their list, their tags, note and rating,
 * and a "not relevant" flag the recommender treats as negative feedback.
 *
 * Reading state is keyed by paper id and kept apart from the papers table (see store.ts), so a
 * re-import, a model change or a re-embed never touches it.
 */

import { READING_STATUSES } from '../../common/contract.ts';
import type { ReadingField, ReadingPatch as ContractReadingPatch, ReadingState, ReadingStatus } from '../../common/contract.ts';

// The contract is the one definition of these; the reading module re-exports them.
export { READING_STATUSES };
export type { ReadingField, ReadingState, ReadingStatus };

/** The fields a person edits. Each one is a separate last-write-wins register. */
export const READING_FIELDS = ['status', 'tags', 'note', 'rating', 'notRelevant'] as const satisfies readonly ReadingField[];

export interface ReadingValues {
  status: ReadingStatus;
  /** Free tags, NFC-normalised and trimmed, in the order given, without duplicates. */
  tags: string[];
  /** Plain text or Markdown; the empty string when there is none. */
  note: string;
  /** 1 to 5 stars, or null when unrated. */
  rating: number | null;
  /** "Not relevant" feedback from the For-you list; undoable, independent of status. */
  notRelevant: boolean;
}

/** What an edit changes: any subset of the fields (the contract's validated patch). */
export type ReadingPatch = ContractReadingPatch;

export const DEFAULT_READING_VALUES: Readonly<ReadingValues> = Object.freeze({
  status: 'none',
  tags: [],
  note: '',
  rating: null,
  notRelevant: false,
});

/** Emitted after an edit lands, whether made by this store or found in the journal from another process. */
export interface ReadingChange {
  paperId: string;
  /** Null for a paper that had no reading state before. */
  previous: ReadingState | null;
  current: ReadingState;
  /** True when the edit came from another writer (another process sharing the data folder). */
  external: boolean;
}

/** The result of one edit: the new state and the state before it (for undo). */
export interface ReadingEditResult {
  previous: ReadingState | null;
  current: ReadingState;
  /** The patch that restores `previous` for exactly the fields this edit touched. */
  undo: ReadingPatch;
}
