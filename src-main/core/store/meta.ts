/**
 * The store's meta record: which model the stored vectors came from. It lives as a small JSON
 * file beside the LanceDB tables and is replaced atomically (write + rename), so it is never
 * half-written. Opening the store with a different model id or dims triggers re-embedding.
 */
import path from 'node:path';
import { readJsonOrNull, writeJsonAtomic } from '../util/atomic-file.ts';

export const META_FILE = 'facet-store.json';
export const META_FORMAT = 1;

export interface StoreMeta {
  format: number;
  modelId: string;
  dims: number;
  updatedAt: string;
}

export function readMeta(dbDir: string): StoreMeta | null {
  const file = path.join(dbDir, META_FILE);
  const parsed = readJsonOrNull(file);
  if (parsed === null) return null;
  const meta = parsed as Partial<StoreMeta>;
  if (typeof meta.modelId !== 'string' || typeof meta.dims !== 'number') {
    throw new Error(`store meta ${file} lacks modelId/dims`);
  }
  return { format: meta.format ?? META_FORMAT, modelId: meta.modelId, dims: meta.dims, updatedAt: meta.updatedAt ?? '' };
}

export function writeMeta(dbDir: string, meta: Omit<StoreMeta, 'format' | 'updatedAt'>): StoreMeta {
  const full: StoreMeta = { format: META_FORMAT, ...meta, updatedAt: new Date().toISOString() };
  writeJsonAtomic(path.join(dbDir, META_FILE), full);
  return full;
}
