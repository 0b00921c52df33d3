/**
 * The dev / test split of every quality pool: a paper is dev when the first 8 hex digits of the
 * SHA-256 of its id, read as an integer, are even. Stable across runs and machines, and the same
 * rule as tools/model/select_aspects.py, which chooses the model's weights on dev papers only.
 */
import { createHash } from 'node:crypto';

export const SPLITS = ['dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export function splitOf(id: string): Split {
  return Number.parseInt(createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 8), 16) % 2 === 0 ? 'dev' : 'test';
}
