/**
 * The cached map of one aspect under one model: `<dataDir>/map/<aspect>-<model id>.json`, written
 * atomically (temp file + rename), so a crash leaves the old map or the new one. A map made by
 * another model, from other layout features, or in an older format is never used: it is laid out anew.
 */
import path from 'node:path';
import type { Aspect } from '../../common/contract.ts';
import { readJsonOrNull, writeJsonAtomic } from '../util/atomic-file.ts';

export const MAP_DIR = 'map';
const FORMAT = 1;

export interface CachedMap {
  format: typeof FORMAT;
  aspect: Aspect;
  modelId: string;
  /** How papers were turned into layout vectors (term-features.ts); another recipe means another map. */
  features: string;
  laidOutAt: string;
  layoutMs: number;
  /** Papers UMAP laid out in the last full layout: the anchors later papers are placed near. */
  landmarkIds: string[];
  ids: string[];
  /** [x0, y0, x1, y1, …] in [0, 1]. */
  positions: number[];
}

/** A file name safe on every OS for any model id. */
export function mapCacheFile(dataDir: string, aspect: Aspect, modelId: string): string {
  const safeModel = modelId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return path.join(dataDir, MAP_DIR, `${aspect}-${safeModel}.json`);
}

function isCachedMap(value: unknown, aspect: Aspect, modelId: string, features: string): value is CachedMap {
  if (typeof value !== 'object' || value === null) return false;
  const map = value as Partial<CachedMap>;
  return (
    map.format === FORMAT &&
    map.aspect === aspect &&
    map.modelId === modelId &&
    map.features === features &&
    Array.isArray(map.ids) &&
    Array.isArray(map.positions) &&
    Array.isArray(map.landmarkIds) &&
    map.positions.length === map.ids.length * 2
  );
}

/**
 * The cached map, or null when there is none for this aspect and model. A file that cannot be read
 * as a map (hand-edited, truncated by a full disk) is reported and treated as absent: the map is
 * derived data, laid out again from the papers, so nothing stored is lost.
 */
export function readCachedMap(dataDir: string, aspect: Aspect, modelId: string, features: string, warn: (message: string) => void = console.warn): CachedMap | null {
  const file = mapCacheFile(dataDir, aspect, modelId);
  let value: unknown;
  try {
    value = readJsonOrNull(file);
  } catch (error) {
    warn(`facet: ignoring the cached map ${file}: ${(error as Error).message}`);
    return null;
  }
  if (value === null) return null;
  if (!isCachedMap(value, aspect, modelId, features)) {
    warn(`facet: laying out the ${aspect} map again: ${file} is not a current ${aspect} map of model ${modelId}`);
    return null;
  }
  return value;
}

/** Rounded to 1e-5 of the map's side: far below a pixel, and a third of the file size. */
export function roundedPositions(positions: ArrayLike<number>): number[] {
  return Array.from(positions, (value) => Math.round(value * 1e5) / 1e5);
}

export function writeCachedMap(dataDir: string, map: CachedMap): void {
  writeJsonAtomic(mapCacheFile(dataDir, map.aspect, map.modelId), map);
}
