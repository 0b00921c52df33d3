/**
 * Validation of reading edits. The service validates with these before calling the store, and
 * the store validates again, so a bad edit fails with a message naming the field and never reaches
 * the journal. The patch schema is the contract's own.
 */
import { z } from 'zod';
import { FacetError, READING_STATUSES, readingPatchSchema as contractReadingPatchSchema } from '../../common/contract.ts';
import type { ReadingPatch } from './types.ts';

export const MAX_TAGS = 200;
export const MAX_TAG_LENGTH = 200;
/** Generous on purpose: a 1 MB note must be accepted; 8 M UTF-16 units bounds a journal line. */
export const MAX_NOTE_LENGTH = 8 * 1024 * 1024;

export const paperIdSchema = z.string().min(1).max(200);

export const readingStatusSchema = z.enum(READING_STATUSES);

/** One tag: any Unicode, NFC-normalised and trimmed, 1..200 characters. */
export const tagSchema = z
  .string()
  .transform((tag) => tag.normalize('NFC').trim())
  .pipe(z.string().min(1, 'a tag may not be empty').max(MAX_TAG_LENGTH));

export const ratingSchema = z.number().int().min(1).max(5).nullable();

/** The contract's patch schema: the service and the store validate with the same rules. */
export const readingPatchSchema = contractReadingPatchSchema;

/**
 * A validated, normalised patch, or a thrown FacetError whose message names the offending field.
 * Fields set to `undefined` are treated as absent. Errors are FacetError BAD_REQUEST.
 */
export function parseReadingPatch(patch: unknown, context = 'reading edit'): ReadingPatch {
  const result = readingPatchSchema.safeParse(patch);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || '(patch)'}: ${issue.message}`).join('; ');
    throw new FacetError('BAD_REQUEST', `${context}: ${detail}`);
  }
  const clean: ReadingPatch = {};
  for (const [key, value] of Object.entries(result.data)) {
    if (value !== undefined) (clean as Record<string, unknown>)[key] = value;
  }
  return clean;
}

export function parsePaperId(id: unknown, context = 'reading edit'): string {
  const result = paperIdSchema.safeParse(id);
  if (!result.success) throw new FacetError('BAD_REQUEST', `${context}: paper id must be a string of 1 to 200 characters`);
  return result.data;
}
