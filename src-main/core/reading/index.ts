/** Reading list: per-paper status, tags, note, rating and "not relevant" feedback, stored durably. */
export { openReadingStore, ReadingStore, READING_DIR, JOURNAL_FILE } from './store.ts';
export type { OpenReadingStoreOptions, ReadingListFilter, ReadingChangeListener } from './store.ts';
export { READING_STATUSES, READING_FIELDS, DEFAULT_READING_VALUES } from './types.ts';
export type { ReadingStatus, ReadingField, ReadingValues, ReadingPatch, ReadingState, ReadingChange, ReadingEditResult } from './types.ts';
export { readingPatchSchema, readingStatusSchema, tagSchema, ratingSchema, parseReadingPatch, MAX_NOTE_LENGTH, MAX_TAGS, MAX_TAG_LENGTH } from './schema.ts';
