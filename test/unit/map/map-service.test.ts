/**
 * The map's layout, its cache per aspect and model, and incremental placement after an import, on
 * a small fake library: three groups of papers whose vectors point three ways and whose method terms
 * differ by group. Layouts run inline (no worker) to keep the test quick.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Aspect, AspectTerms, EventPayloads } from '../../../src-main/common/contract.ts';
import { MAP_ASPECTS } from '../../../src-main/common/contract-map.ts';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import { computeLayout, inlineLayoutRunner, mapCacheFile, openMapService, placeNear, readCachedMap, type LayoutRunner, type MapSource } from '../../../src-main/core/map/index.ts';
import { FEATURES_VERSION, TERM_DIMS, layoutVector, termIdf } from '../../../src-main/core/map/term-features.ts';
import { seededRandom } from '../../../src-main/core/util/seeded-random.ts';

const DIMS = 12;
const GROUP_METHODS = ['contrastive learning', 'knowledge distillation', 'graph neural network'];

interface FakePaper {
  id: string;
  group: number;
  vector: Float32Array;
}

function groupVector(group: number, random: () => number): Float32Array {
  const vector = new Float32Array(DIMS);
  for (let d = 0; d < DIMS; d++) vector[d] = (d % 3 === group ? 1 : 0) + (random() - 0.5) * 0.3;
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

class FakeLibrary implements MapSource {
  papers: FakePaper[] = [];
  version = 1;
  private readonly random = seededRandom(11);

  add(count: number, group?: number): FakePaper[] {
    const added = Array.from({ length: count }, (_, i) => {
      const g = group ?? i % 3;
      return { id: `p${this.papers.length + i}`, group: g, vector: groupVector(g, this.random) };
    });
    this.papers.push(...added);
    this.version++;
    return added;
  }

  remove(ids: string[]): void {
    this.papers = this.papers.filter((paper) => !ids.includes(paper.id));
    this.version++;
  }

  terms(paper: FakePaper): AspectTerms {
    return { task: ['image classification'], method: [GROUP_METHODS[paper.group]!], dataset: [] };
  }

  async embeddedOutlines() {
    return this.papers.map((paper) => ({ id: paper.id, title: `Paper ${paper.id}`, terms: this.terms(paper) }));
  }
  async allVectors() {
    return new Map(this.papers.map((paper) => [paper.id, paper.vector]));
  }
  async vectorsOf(ids: readonly string[]) {
    const wanted = new Set(ids);
    return new Map(this.papers.filter((paper) => wanted.has(paper.id)).map((paper) => [paper.id, paper.vector]));
  }
  async tableVersion() {
    return this.version;
  }
}

function pack(papers: FakePaper[]): Float32Array {
  const packed = new Float32Array(papers.length * DIMS);
  papers.forEach((paper, row) => packed.set(paper.vector, row * DIMS));
  return packed;
}

/** Mean distance between points of the same group, and between points of different groups. */
function separation(positions: ArrayLike<number>, groups: number[]): { within: number; between: number } {
  let within = 0;
  let withinCount = 0;
  let between = 0;
  let betweenCount = 0;
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const distance = Math.hypot(positions[i * 2]! - positions[j * 2]!, positions[i * 2 + 1]! - positions[j * 2 + 1]!);
      if (groups[i] === groups[j]) {
        within += distance;
        withinCount++;
      } else {
        between += distance;
        betweenCount++;
      }
    }
  }
  return { within: within / withinCount, between: between / betweenCount };
}

describe('map layout', () => {
  it('keeps the contract map aspects in step with ASPECTS', () => {
    expect([...MAP_ASPECTS]).toEqual([...ASPECTS]);
  });

  it('lays out landmarks with UMAP and places the rest near their own group', async () => {
    const library = new FakeLibrary();
    library.add(240);
    const layout = await computeLayout(pack(library.papers), DIMS, { maxLandmarks: 90, epochs: 80, seed: 5 });
    expect(layout.landmarks.length).toBe(90);
    expect(new Set(layout.landmarks).size).toBe(90);
    for (const value of layout.positions) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    const { within, between } = separation(layout.positions, library.papers.map((paper) => paper.group));
    expect(within * 3).toBeLessThan(between);
    // Same seed, same map.
    const again = await computeLayout(pack(library.papers), DIMS, { maxLandmarks: 90, epochs: 80, seed: 5 });
    expect(Array.from(again.positions)).toEqual(Array.from(layout.positions));
  });

  it('places a paper at the position of the anchor it is identical to, and between two it resembles equally', async () => {
    const anchors = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const anchorPositions = new Float32Array([0.1, 0.1, 0.9, 0.1, 0.5, 0.9]);
    const half = Math.SQRT1_2;
    const placed = await placeNear(anchors, anchorPositions, new Float32Array([0, 1, 0, half, half, 0]), 3, 2);
    expect(placed[0]).toBeCloseTo(0.9, 2);
    expect(placed[1]).toBeCloseTo(0.1, 2);
    expect(placed[2]).toBeCloseTo(0.5, 5);
    expect(placed[3]).toBeCloseTo(0.1, 5);
  });
});

describe('layout vectors of the aspect maps', () => {
  it('joins the aspect vector with its terms, so equal vectors with other method terms land apart', () => {
    const vector = groupVector(0, seededRandom(4));
    const idf = termIdf([['contrastive learning'], ['knowledge distillation'], []]);
    const a = layoutVector(vector, ['contrastive learning'], idf);
    const b = layoutVector(vector, ['knowledge distillation'], idf);
    const again = layoutVector(vector, ['Contrastive learning '], idf);
    const none = layoutVector(vector, [], idf);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((sum, value, i) => sum + value * y[i]!, 0);
    expect(a).toHaveLength(DIMS + TERM_DIMS);
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(dot(none, none)).toBeCloseTo(1, 5);
    expect(dot(a, again)).toBeCloseTo(1, 5);
    expect(dot(a, b)).toBeLessThan(0.75);
    // Without terms the paper is placed by its vector alone.
    expect(Array.from(none.subarray(0, DIMS))).toEqual(Array.from(vector).map((value) => expect.closeTo(value, 5)));
  });
});

describe('map service: cache and incremental placement', () => {
  let dataDir: string;
  let library: FakeLibrary;
  let layouts: number;
  let events: EventPayloads['map.onDidProgress'][];
  const countingRunner: LayoutRunner = (job, onProgress) => {
    if (job.type === 'layout') layouts++;
    return inlineLayoutRunner(job, onProgress);
  };
  const open = (modelId = 'model-a') =>
    openMapService({
      dataDir,
      source: library,
      modelId,
      dims: DIMS,
      events: { emit: (_name, payload) => events.push(payload as EventPayloads['map.onDidProgress']) },
      runner: countingRunner,
      layout: { maxLandmarks: 60, epochs: 60 },
    });

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-map-'));
    library = new FakeLibrary();
    layouts = 0;
    events = [];
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const positionsById = (map: { ids: string[]; x: number[]; y: number[] }) => new Map(map.ids.map((id, i) => [id, [map.x[i]!, map.y[i]!] as const]));

  it('lays the map out once, caches it per aspect and model, and answers from memory while nothing changed', async () => {
    library.add(150);
    const service = open();
    const first = await service.handlers['map.get']({ aspect: 'method' });
    expect(layouts).toBe(1);
    expect(first.ids).toHaveLength(150);
    expect(first.landmarks).toBe(60);
    expect(first.titles[0]).toBe('Paper p0');
    expect(fs.existsSync(mapCacheFile(dataDir, 'method', 'model-a'))).toBe(true);
    expect(events.map((event) => event.phase)).toEqual(expect.arrayContaining(['read', 'neighbours', 'layout', 'place', 'regions', 'done']));
    expect(events.every((event) => event.aspect === 'method')).toBe(true);

    expect(await service.handlers['map.get']({ aspect: 'method' })).toBe(first);
    // After a restart the file answers: no new layout, the same places.
    const reopened = await open().handlers['map.get']({ aspect: 'method' });
    expect(layouts).toBe(1);
    expect(reopened.x).toEqual(first.x);
    // Another aspect, or another model, is another map.
    await service.handlers['map.get']({ aspect: 'task' });
    expect(layouts).toBe(2);
    await open('model-b').handlers['map.get']({ aspect: 'method' });
    expect(layouts).toBe(3);
    expect(readCachedMap(dataDir, 'method', 'model-a', FEATURES_VERSION)?.ids).toHaveLength(150);
  });

  it('places papers imported later near their group without moving the others, and drops deleted ones', async () => {
    library.add(150);
    const service = open();
    const before = await service.handlers['map.get']({ aspect: 'method' });
    const added = library.add(9, 1);
    library.remove(['p0', 'p3']);
    const after = await service.handlers['map.get']({ aspect: 'method' });
    expect(layouts).toBe(1);
    expect(after.addedSinceLayout).toBe(9);
    expect(after.ids).toHaveLength(157);
    expect(after.ids).not.toContain('p0');

    const old = positionsById(before);
    const now = positionsById(after);
    for (const id of before.ids.filter((id) => id !== 'p0' && id !== 'p3')) expect(now.get(id)).toEqual(old.get(id));

    // Each new paper sits closer to the papers of its own group than to the others.
    const groupOf = new Map(library.papers.map((paper) => [paper.id, paper.group]));
    const meanDistance = (id: string, group: number) => {
      const [x, y] = now.get(id)!;
      const others = after.ids.filter((other) => groupOf.get(other) === group && !added.some((paper) => paper.id === other));
      return others.reduce((sum, other) => sum + Math.hypot(now.get(other)![0] - x, now.get(other)![1] - y), 0) / others.length;
    };
    for (const paper of added) {
      expect(meanDistance(paper.id, 1)).toBeLessThan(meanDistance(paper.id, 0));
      expect(meanDistance(paper.id, 1)).toBeLessThan(meanDistance(paper.id, 2));
    }
    expect(readCachedMap(dataDir, 'method', 'model-a', FEATURES_VERSION)?.ids).toEqual(after.ids);

    // recompute lays everything out again.
    const fresh = await service.handlers['map.recompute']({ aspect: 'method' });
    expect(layouts).toBe(2);
    expect(fresh.addedSinceLayout).toBe(0);
    expect(fresh.ids).toHaveLength(157);
  });

  it('names regions by the method terms their papers share', async () => {
    library.add(150);
    const map = await open().handlers['map.get']({ aspect: 'method' });
    expect(map.regions.length).toBeGreaterThanOrEqual(3);
    const labels = new Set(map.regions.map((region) => region.terms[0]));
    for (const method of GROUP_METHODS) expect(labels).toContain(method);
    expect(map.regions.reduce((sum, region) => sum + region.count, 0)).toBe(150);
  });

  it('leads a region\'s name on the overall map with its distinctive term, not the one every paper has', async () => {
    library.add(150);
    const map = await open().handlers['map.get']({ aspect: 'generic' });
    for (const region of map.regions) expect(GROUP_METHODS).toContain(region.terms[0]);
  });

  it('lays out again when the cached file cannot be read, saying so', async () => {
    library.add(40);
    const file = mapCacheFile(dataDir, 'dataset' satisfies Aspect, 'model-a');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"format": 1, "ids": [tru');
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const map = await open().handlers['map.get']({ aspect: 'dataset' });
      expect(map.ids).toHaveLength(40);
    } finally {
      console.warn = original;
    }
    expect(layouts).toBe(1);
    expect(warnings.join('\n')).toContain(file);
    expect(readCachedMap(dataDir, 'dataset', 'model-a', FEATURES_VERSION)?.ids).toHaveLength(40);
  });

  it('answers an empty library with an empty map', async () => {
    const map = await open().handlers['map.get']({ aspect: 'generic' });
    expect(map.ids).toEqual([]);
    expect(map.regions).toEqual([]);
  });
});
