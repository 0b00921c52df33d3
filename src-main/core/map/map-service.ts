/**
 * map.get / map.recompute: one aspect's map of the library, from the cache when it is current.
 *
 * - No cached map for the aspect and model: a full layout (UMAP on landmarks, the rest placed near
 *   them; layout.ts) in a worker thread, then cached.
 * - A cached map and papers imported since: only those are placed, near their nearest landmarks;
 *   everyone else keeps their place. Papers deleted since drop out. The cache is rewritten.
 * - The store's table version unchanged since the last answer: the answer in memory.
 *
 * Layouts run one at a time (they are CPU-bound); a second request for the same aspect waits and
 * then answers from memory. Progress goes out as map.onDidProgress.
 */
import { FacetError, type Aspect, type AspectTerms, type PaperMap, type MapPhase, type RequestName } from '../../common/contract.ts';
import type { FacetEventEmitter } from '../service/events.ts';
import { SerialQueue } from '../service/serial-queue.ts';
import type { CoreHandlers } from '../types.ts';
import type { LayoutOptions } from './layout.ts';
import { workerLayoutRunner, inlineLayoutRunner, type LayoutRunner } from './layout-runner.ts';
import { readCachedMap, roundedPositions, writeCachedMap, type CachedMap } from './map-cache.ts';
import { labelRegions } from './regions.ts';
import { FEATURES_VERSION, TERM_DIMS, layoutTerms, layoutVector, termIdf } from './term-features.ts';

type Outline = { id: string; title: string; terms: AspectTerms };

/** What the map reads from the library (PaperStore has it; tests pass a small fake). */
export interface MapSource {
  embeddedOutlines(): Promise<Outline[]>;
  allVectors(aspect: Aspect): Promise<Map<string, Float32Array>>;
  vectorsOf(ids: readonly string[], aspect: Aspect): Promise<Map<string, Float32Array>>;
  tableVersion(): Promise<number>;
}

export interface MapServiceOptions {
  dataDir: string;
  source: MapSource;
  modelId: string;
  dims: number;
  events: Pick<FacetEventEmitter, 'emit'>;
  /** Where full layouts run; default: a worker thread per layout. */
  runner?: LayoutRunner;
  layout?: LayoutOptions;
  now?: () => Date;
}

export type MapHandlers = Pick<CoreHandlers, Extract<RequestName, 'map.get' | 'map.recompute'>>;

/** Below this many vector comparisons, placing papers is quicker in this thread than starting a worker. */
const INLINE_PLACE_WORK = 4_000_000;

interface Remembered {
  version: number;
  cached: CachedMap;
  result: PaperMap;
}

export interface MapService {
  handlers: MapHandlers;
  /** Resolves once the layouts queued so far have finished. */
  idle(): Promise<void>;
}

export function openMapService(options: MapServiceOptions): MapService {
  const { dataDir, source, modelId, dims, events } = options;
  const runner = options.runner ?? workerLayoutRunner();
  const now = options.now ?? (() => new Date());
  const queue = new SerialQueue();
  const memory = new Map<Aspect, Remembered>();

  const progress = (aspect: Aspect, phase: MapPhase, done: number, total: number) => events.emit('map.onDidProgress', { aspect, phase, done, total });

  /** What the map places papers by under `aspect` (term-features.ts says why the terms). */
  interface Features {
    version: string;
    dims: number;
    vectorOf(id: string, vector: Float32Array): Float32Array;
  }

  function featuresFor(aspect: Aspect, outlines: readonly Outline[]): Features {
    if (aspect === 'generic') return { version: 'vector', dims, vectorOf: (_id, vector) => vector };
    const termsById = new Map(outlines.map((outline) => [outline.id, layoutTerms(aspect, outline.terms)]));
    const idf = termIdf([...termsById.values()]);
    return { version: FEATURES_VERSION, dims: dims + TERM_DIMS, vectorOf: (id, vector) => layoutVector(vector, termsById.get(id) ?? [], idf) };
  }

  async function packVectors(aspect: Aspect, ids: readonly string[], features: Features): Promise<{ packed: Float32Array; ids: string[] }> {
    // One table scan beats many id lookups once a good part of the library is wanted.
    const vectors = ids.length > 2000 ? await source.allVectors(aspect) : await source.vectorsOf(ids, aspect);
    const present = ids.filter((id) => vectors.get(id)?.length === dims);
    const packed = new Float32Array(present.length * features.dims);
    present.forEach((id, row) => packed.set(features.vectorOf(id, vectors.get(id)!), row * features.dims));
    return { packed, ids: present };
  }

  async function fullLayout(aspect: Aspect, ids: readonly string[], features: Features): Promise<CachedMap> {
    const started = Date.now();
    const { packed, ids: laidOut } = await packVectors(aspect, ids, features);
    const layout = await runner({ type: 'layout', vectors: packed, dims: features.dims, options: options.layout ?? {} }, (phase, done, total) => progress(aspect, phase, done, total));
    const cached: CachedMap = {
      format: 1,
      aspect,
      modelId,
      features: features.version,
      laidOutAt: now().toISOString(),
      layoutMs: Date.now() - started,
      landmarkIds: Array.from(layout.landmarks ?? [], (row) => laidOut[row]!),
      ids: laidOut,
      positions: roundedPositions(layout.positions),
    };
    writeCachedMap(dataDir, cached);
    return cached;
  }

  /** The cached map with papers gone since dropped and papers new since placed near their nearest landmarks. */
  async function update(aspect: Aspect, cached: CachedMap, ids: readonly string[], features: Features): Promise<{ cached: CachedMap; added: number }> {
    const wanted = new Set(ids);
    const place = new Map<string, [number, number]>();
    cached.ids.forEach((id, row) => {
      if (wanted.has(id)) place.set(id, [cached.positions[row * 2]!, cached.positions[row * 2 + 1]!]);
    });
    const fresh = ids.filter((id) => !place.has(id));
    const removed = cached.ids.length - place.size;
    if (fresh.length === 0 && removed === 0) return { cached, added: 0 };

    let anchorIds = cached.landmarkIds.filter((id) => place.has(id));
    // Every landmark deleted since: the papers still on the map anchor the new ones.
    if (anchorIds.length === 0) anchorIds = [...place.keys()];
    let added = 0;
    if (fresh.length > 0 && anchorIds.length > 0) {
      const anchors = await packVectors(aspect, anchorIds, features);
      const queries = await packVectors(aspect, fresh, features);
      const anchorPositions = new Float32Array(anchors.ids.length * 2);
      anchors.ids.forEach((id, row) => anchorPositions.set(place.get(id)!, row * 2));
      const work = anchors.ids.length * queries.ids.length;
      const job = { type: 'place' as const, anchors: anchors.packed, anchorPositions, queries: queries.packed, dims: features.dims };
      const onProgress = (phase: 'neighbours' | 'layout' | 'place', done: number, total: number) => progress(aspect, phase, done, total);
      const placed = work < INLINE_PLACE_WORK ? await inlineLayoutRunner(job, onProgress) : await runner(job, onProgress);
      const rounded = roundedPositions(placed.positions);
      queries.ids.forEach((id, row) => place.set(id, [rounded[row * 2]!, rounded[row * 2 + 1]!]));
      added = queries.ids.length;
    }
    const kept = ids.filter((id) => place.has(id));
    const updated: CachedMap = {
      ...cached,
      landmarkIds: cached.landmarkIds.filter((id) => place.has(id)),
      ids: kept,
      positions: kept.flatMap((id) => place.get(id)!),
    };
    writeCachedMap(dataDir, updated);
    return { cached: updated, added };
  }

  async function answer(aspect: Aspect, recompute: boolean): Promise<PaperMap> {
    const version = await source.tableVersion();
    const remembered = memory.get(aspect);
    if (!recompute && remembered && remembered.version === version) return remembered.result;
    progress(aspect, 'read', 0, 1);
    const outlines = await source.embeddedOutlines();
    const ids = outlines.map((outline) => outline.id);
    progress(aspect, 'read', 1, 1);
    const features = featuresFor(aspect, outlines);
    let cached = recompute ? null : (remembered?.cached ?? readCachedMap(dataDir, aspect, modelId, features.version));
    let added = 0;
    if (cached === null || (cached.ids.length === 0 && ids.length > 0)) cached = await fullLayout(aspect, ids, features);
    else ({ cached, added } = await update(aspect, cached, ids, features));

    progress(aspect, 'regions', 0, 1);
    const byId = new Map(outlines.map((outline) => [outline.id, outline]));
    const positions = Float32Array.from(cached.positions);
    const regions = labelRegions(positions, (row) => layoutTerms(aspect, byId.get(cached.ids[row]!)!.terms));
    const result: PaperMap = {
      aspect,
      modelId,
      ids: cached.ids,
      titles: cached.ids.map((id) => byId.get(id)!.title),
      x: cached.ids.map((_, row) => cached.positions[row * 2]!),
      y: cached.ids.map((_, row) => cached.positions[row * 2 + 1]!),
      regions,
      landmarks: cached.landmarkIds.length,
      addedSinceLayout: added,
      laidOutAt: cached.laidOutAt,
      layoutMs: cached.layoutMs,
    };
    memory.set(aspect, { version, cached, result });
    progress(aspect, 'done', 1, 1);
    return result;
  }

  const run = (aspect: Aspect, recompute: boolean) =>
    queue.run(async () => {
      try {
        return await answer(aspect, recompute);
      } catch (error) {
        if (error instanceof FacetError) throw error;
        throw new FacetError('INTERNAL', `could not lay out the ${aspect} map: ${(error as Error).message}`);
      }
    });

  return {
    handlers: {
      'map.get': ({ aspect }) => run(aspect, false),
      'map.recompute': ({ aspect }) => run(aspect, true),
    },
    idle: () => queue.idle(),
  };
}
