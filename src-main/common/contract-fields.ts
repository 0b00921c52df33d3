/**
 * Zod pieces that several parts of the contract share, so each field is validated one way
 * wherever it appears.
 */
import { z } from 'zod';
import { ASPECTS } from './vocabulary.ts';

export const paperIdSchema = z.string().min(1).max(200);
export const importIdSchema = z.string().min(1).max(100);

/** The schema of one aspect name out of `aspects` (the model's list unless a caller names another). */
export function aspectSchemaOf<const T extends readonly string[]>(aspects: T) {
  return z.enum(aspects);
}

export const aspectSchema = aspectSchemaOf(ASPECTS);
