/**
 * The map part of the contract: every embedded paper placed in 2-D from one aspect's vectors, with
 * named regions. contract.ts spreads these request schemas into its own and extends its result and
 * event types with these, so transports see one contract.
 *
 * Promise: map.get answers from the map cached for the aspect and model, placing papers imported
 * since near their neighbours (nobody else moves); it lays the whole map out only when there is no
 * cached map yet. map.recompute always lays it out anew. Both report map.onDidProgress while working.
 */
import { z } from 'zod';
import { aspectSchema } from './contract-fields.ts';
import { ASPECTS, type Aspect } from './vocabulary.ts';

/** Every aspect has a map. */
export const MAP_ASPECTS = ASPECTS;

const mapAspect = aspectSchema.default('generic');

export const mapRequestSchemas = {
  /** The map of the library under one aspect (computed first when nothing is cached). */
  'map.get': z.object({ aspect: mapAspect }).default({ aspect: 'generic' }),
  /** Lays the aspect's map out again from all papers, replacing the cached one. */
  'map.recompute': z.object({ aspect: mapAspect }).default({ aspect: 'generic' }),
} as const;

/** A named part of the map: a group of nearby papers and the aspect terms they share most. */
export interface MapRegion {
  id: number;
  /** The terms joined for display, e.g. "contrastive learning · InfoNCE"; empty when the papers share none. */
  label: string;
  terms: string[];
  /** The region's centre, in map coordinates. */
  x: number;
  y: number;
  /** Root mean square distance of its papers from the centre, in map coordinates. */
  radius: number;
  count: number;
}

/**
 * One aspect's map. Points are column-wise (ids[i], titles[i], x[i], y[i]) to keep 100k papers
 * small on the wire; coordinates lie in [0, 1] (the longer side spans it, the other is centred).
 */
export interface PaperMap {
  aspect: Aspect;
  modelId: string;
  ids: string[];
  titles: string[];
  x: number[];
  y: number[];
  /** Largest first. */
  regions: MapRegion[];
  /** Papers UMAP laid out in the last full layout; every other paper was placed near its nearest of them. */
  landmarks: number;
  /** Papers this call placed onto the cached map (imported since it was laid out). */
  addedSinceLayout: number;
  /** ISO time of the last full layout. */
  laidOutAt: string;
  /** Milliseconds of the last full layout. */
  layoutMs: number;
}

export type MapPhase = 'read' | 'neighbours' | 'layout' | 'place' | 'regions' | 'done';

export interface MapRequestResults {
  'map.get': PaperMap;
  'map.recompute': PaperMap;
}

export interface MapEventPayloads {
  'map.onDidProgress': { aspect: Aspect; phase: MapPhase; done: number; total: number };
}
