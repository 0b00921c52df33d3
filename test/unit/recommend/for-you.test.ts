import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankForYou, rankDigest, isPositive, isNegative, isCandidate, withSharedTerms, idsNeedingTerms } from '../../../src-main/core/recommend/index.ts';
import type { AspectTerms } from '../../../src-main/common/contract.ts';
import { NeighbourExplainer } from '../../../src-main/core/aspects/neighbour-reason.ts';
import { TermFolding } from '../../../src-main/core/aspects/term-folding.ts';
import type { ReadingFeedback } from '../../../src-main/core/recommend/index.ts';
import { trainLogistic, decision } from '../../../src-main/core/recommend/logistic.ts';
import { dot } from '../../../src-main/core/recommend/vectors.ts';
import { openReadingStore } from '../../../src-main/core/reading/index.ts';
import { makeVector, seededRandom } from './synthetic.ts';

const read: ReadingFeedback = { status: 'read', rating: null, notRelevant: false };
const dismissed: ReadingFeedback = { status: 'dismissed', rating: null, notRelevant: false };

function likedMap(ids: readonly string[], negatives: readonly string[] = []): Map<string, ReadingFeedback> {
  const map = new Map<string, ReadingFeedback>();
  for (const id of ids) map.set(id, read);
  for (const id of negatives) map.set(id, dismissed);
  return map;
}

function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

describe('feedback sets', () => {
  it('follows the rules: high rating or read/reading is liked; dismissed, not relevant or low rating is disliked', () => {
    expect(isPositive({ status: 'none', rating: 4, notRelevant: false })).toBe(true);
    expect(isPositive({ status: 'reading', rating: null, notRelevant: false })).toBe(true);
    expect(isPositive({ status: 'read', rating: 2, notRelevant: false })).toBe(false);
    expect(isNegative({ status: 'read', rating: 2, notRelevant: false })).toBe(true);
    expect(isPositive({ status: 'read', rating: 5, notRelevant: true })).toBe(false);
    expect(isNegative({ status: 'to-read', rating: null, notRelevant: true })).toBe(true);
    expect(isPositive({ status: 'to-read', rating: 3, notRelevant: false })).toBe(false);
    expect(isCandidate(undefined)).toBe(true);
    expect(isCandidate({ status: 'to-read', rating: null, notRelevant: false })).toBe(false);
    expect(isCandidate({ status: 'to-read', rating: null, notRelevant: false }, true)).toBe(true);
    expect(isCandidate(read)).toBe(false);
  });
});

describe('logistic regression', () => {
  it('separates two clusters and respects example weights', () => {
    const random = seededRandom(3);
    const examples = [];
    for (let i = 0; i < 40; i++) examples.push({ x: makeVector(8, { 0: 1 }, 0.3, random), y: 1 as const, weight: 1 });
    for (let i = 0; i < 40; i++) examples.push({ x: makeVector(8, { 1: 1 }, 0.3, random), y: 0 as const, weight: 1 });
    const model = trainLogistic(examples, 8, { l2: 1e-4 });
    expect(decision(model, makeVector(8, { 0: 1 }, 0, random))).toBeGreaterThan(1);
    expect(decision(model, makeVector(8, { 1: 1 }, 0, random))).toBeLessThan(-1);
    expect(() => trainLogistic([], 8)).toThrow(/at least one example/);
  });
});

/**
 * A library where every paper leans on one common direction (as real embeddings do), a crowd of
 * off-topic papers sits in a popular area (direction 1), and the liked topic is a weaker direction 2.
 * The liked papers also lean towards the popular area, so their centroid points at it too.
 */
function anisotropicLibrary(seed: number) {
  const random = seededRandom(seed);
  const dims = 24;
  const vectors = new Map<string, Float32Array>();
  const liked: string[] = [];
  const heldOut: string[] = [];
  for (let i = 0; i < 8; i++) {
    const id = `liked${i}`;
    vectors.set(id, makeVector(dims, { 0: 2, 1: 1.2, 2: 0.7 }, 0.15, random));
    liked.push(id);
  }
  for (let i = 0; i < 10; i++) {
    const id = `target${i}`;
    vectors.set(id, makeVector(dims, { 0: 2, 1: 0.3 + random(), 2: 0.7 }, 0.15, random));
    heldOut.push(id);
  }
  for (let i = 0; i < 150; i++) vectors.set(`popular${i}`, makeVector(dims, { 0: 2, 1: 1.2 + random() }, 0.15, random));
  for (let i = 0; i < 300; i++) vectors.set(`other${i}`, makeVector(dims, { 0: 2, [3 + (i % 20)]: 1 }, 0.15, random));
  return { vectors, liked, heldOut: new Set(heldOut) };
}

describe('rankForYou', () => {
  it('the classifier beats the plain centroid on an anisotropic library (recall@10 over 5 seeds)', () => {
    let classifierRecall = 0;
    let centroidRecall = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { vectors, liked, heldOut } = anisotropicLibrary(seed);
      const reading = likedMap(liked);
      const classifier = rankForYou({ aspect: 'task', vectors, reading, options: { method: 'classifier', k: 10 } });
      const centroid = rankForYou({ aspect: 'task', vectors, reading, options: { method: 'centroid', k: 10 } });
      expect(classifier.method).toBe('classifier');
      expect(centroid.method).toBe('centroid');
      classifierRecall += recallAt(classifier.items.map((i) => i.id), heldOut, 10) / 5;
      centroidRecall += recallAt(centroid.items.map((i) => i.id), heldOut, 10) / 5;
    }
    expect(classifierRecall).toBeGreaterThan(0.7);
    expect(classifierRecall).toBeGreaterThan(centroidRecall + 0.2);
  });

  it('auto falls back to the centroid below the threshold and uses the classifier from it on', () => {
    const { vectors, liked } = anisotropicLibrary(9);
    const few = rankForYou({ aspect: 'task', vectors, reading: likedMap(liked.slice(0, 2)), options: { method: 'auto', minPositivesForClassifier: 3 } });
    expect(few.method).toBe('centroid');
    expect(few.positives).toBe(2);
    const enough = rankForYou({ aspect: 'task', vectors, reading: likedMap(liked.slice(0, 3)), options: { method: 'auto', minPositivesForClassifier: 3 } });
    expect(enough.method).toBe('classifier');
    // The default method is the centroid whatever the number of liked papers (chosen on the dev seed).
    expect(rankForYou({ aspect: 'task', vectors, reading: likedMap(liked.slice(0, 3)) }).method).toBe('centroid');
    const none = rankForYou({ aspect: 'task', vectors, reading: new Map() });
    expect(none).toMatchObject({ method: 'none', positives: 0, items: [] });
  });

  it('never suggests liked, disliked, in-progress or to-read papers, and is deterministic', () => {
    const { vectors, liked } = anisotropicLibrary(2);
    const reading = likedMap(liked, ['popular0']);
    reading.set('other1', { status: 'to-read', rating: null, notRelevant: false });
    const first = rankForYou({ aspect: 'task', vectors, reading });
    const ids = first.items.map((item) => item.id);
    for (const excluded of [...liked, 'popular0', 'other1']) expect(ids).not.toContain(excluded);
    expect(first.candidates).toBe(vectors.size - liked.length - 2);
    expect(first.items.map((item) => item.rank)).toEqual(ids.map((_, index) => index + 1));
    expect(rankForYou({ aspect: 'task', vectors, reading })).toEqual(first);
  });

  for (const method of ['classifier', 'centroid'] as const) {
    it(`dismissed papers push their neighbours down (${method})`, () => {
      const random = seededRandom(11);
      const dims = 16;
      const vectors = new Map<string, Float32Array>();
      const liked = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5'];
      // Liked papers sit in direction 1; an adjacent area (directions 1 and 2) ranks next, above a
      // side area (directions 1 and 4), until the person dismisses one adjacent paper.
      liked.forEach((id) => vectors.set(id, makeVector(dims, { 0: 1, 1: 1.5 }, 0.1, random)));
      for (let i = 0; i < 5; i++) vectors.set(`near-${i}`, makeVector(dims, { 0: 1, 1: 1.5 }, 0.1, random));
      for (let i = 0; i < 5; i++) vectors.set(`adjacent-${i}`, makeVector(dims, { 0: 1, 1: 1, 2: 1 }, 0.1, random));
      for (let i = 0; i < 5; i++) vectors.set(`side-${i}`, makeVector(dims, { 0: 1, 1: 1, 4: 1.3 }, 0.1, random));
      for (let i = 0; i < 100; i++) vectors.set(`bg${i}`, makeVector(dims, { 0: 1, [5 + (i % 10)]: 1.5 }, 0.1, random));
      // The dismissed paper itself leaves the list; compare the same papers before and after.
      const meanRank = (result: ReturnType<typeof rankForYou>, prefix: string) => {
        const ranks = result.items.filter((item) => item.id.startsWith(prefix) && item.id !== 'adjacent-0').map((item) => item.rank);
        return ranks.reduce((a, b) => a + b, 0) / ranks.length;
      };
      // The mechanisms under test at full strength, whatever the defaults (tuned lighter) say.
      const options = { method, minPositivesForClassifier: 1, dislikedProximityPenalty: 1, dislikedExampleWeight: 1 };
      const before = rankForYou({ aspect: 'method', vectors, reading: likedMap(liked), options });
      const after = rankForYou({ aspect: 'method', vectors, reading: likedMap(liked, ['adjacent-0']), options });
      expect(before.method).toBe(method);
      expect(after.negatives).toBe(1);
      const rankOf = (result: ReturnType<typeof rankForYou>, id: string) => result.items.find((item) => item.id === id)!.rank;
      // The liked area keeps the top places.
      expect(after.items.slice(0, 5).every((item) => item.id.startsWith('near-'))).toBe(true);
      // The dismissed area moves down, below the side area.
      expect(meanRank(before, 'adjacent-')).toBeLessThan(meanRank(before, 'side-'));
      expect(meanRank(after, 'adjacent-')).toBeGreaterThan(meanRank(after, 'side-'));
      const dismissedVector = vectors.get('adjacent-0')!;
      const closest = ['adjacent-1', 'adjacent-2', 'adjacent-3', 'adjacent-4'].sort(
        (x, y) => dot(vectors.get(y)!, dismissedVector) - dot(vectors.get(x)!, dismissedVector),
      )[0]!;
      expect(rankOf(after, closest)).toBeGreaterThanOrEqual(rankOf(before, closest) + 3);
      // Switching the proximity correction off leaves only the model's own (smaller) push.
      const plain = rankForYou({ aspect: 'method', vectors, reading: likedMap(liked, ['adjacent-0']), options: { ...options, dislikedProximityPenalty: 0 } });
      expect(rankOf(plain, closest)).toBeLessThan(rankOf(after, closest));
      // With the defaults (tuned lighter on the benchmark's simulation) the dismissed area still
      // moves down as a whole, if less.
      const defaults = { method, minPositivesForClassifier: 1 };
      const defaultBefore = rankForYou({ aspect: 'method', vectors, reading: likedMap(liked), options: defaults });
      const defaultAfter = rankForYou({ aspect: 'method', vectors, reading: likedMap(liked, ['adjacent-0']), options: defaults });
      expect(meanRank(defaultAfter, 'adjacent-')).toBeGreaterThan(meanRank(defaultBefore, 'adjacent-'));
      expect(meanRank(defaultAfter, 'adjacent-')).toBeLessThanOrEqual(meanRank(after, 'adjacent-'));
    });
  }

  it('explains each item with its nearest liked papers and their shared aspect terms', () => {
    const { vectors, liked } = anisotropicLibrary(4);
    const calls: string[] = [];
    const result = rankForYou({
      aspect: 'method',
      vectors,
      reading: likedMap(liked),
      options: {
        k: 3,
        explainNeighbours: 2,
        sharedTerms: (candidate, likedId, aspect) => {
          calls.push(`${candidate}|${likedId}|${aspect}`);
          return likedId === 'liked0' ? ['contrastive learning'] : ['InfoNCE', 'contrastive learning'];
        },
      },
    });
    expect(result.items).toHaveLength(3);
    for (const item of result.items) {
      expect(item.why.liked).toHaveLength(2);
      const [first, second] = item.why.liked;
      expect(first!.similarity).toBeGreaterThanOrEqual(second!.similarity);
      const vector = vectors.get(item.id)!;
      const likedVector = vectors.get(first!.id)!;
      let cosine = 0;
      for (let i = 0; i < vector.length; i++) cosine += vector[i]! * likedVector[i]!;
      expect(first!.similarity).toBeCloseTo(cosine, 5);
      expect(item.why.sharedTerms.length).toBeGreaterThan(0);
      expect(new Set(item.why.sharedTerms).size).toBe(item.why.sharedTerms.length);
      expect(item.why.reason).toContain(`nearest ${first!.id}`);
      expect(item.why.reason).toContain('shared method: ');
    }
    expect(calls).toHaveLength(6);
  });
});

describe('"not relevant" through the reading store', () => {
  it('takes effect on the next ranking and is undone exactly', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-recommend-'));
    try {
      const store = openReadingStore(dataDir, { onWarning: () => {} });
      const { vectors, liked } = anisotropicLibrary(5);
      for (const id of liked) store.set(id, { status: 'read' });
      const rank = () => rankForYou({ aspect: 'generic', vectors, reading: store.snapshot(), options: { k: 20 } });
      const before = rank();
      const target = before.items[0]!.id;

      const edit = store.set(target, { notRelevant: true });
      const during = rank();
      expect(during.items.map((item) => item.id)).not.toContain(target);
      expect(during.negatives).toBe(1);

      store.set(target, edit.undo);
      expect(store.get(target)?.notRelevant).toBe(false);
      expect(rank()).toEqual(before);
      store.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('rankDigest', () => {
  it('ranks the digest, marks the top ones, and puts papers without vectors last', () => {
    const { vectors, liked } = anisotropicLibrary(6);
    const reading = likedMap(liked);
    reading.set('target1', { status: 'to-read', rating: null, notRelevant: false });
    const ids = ['other0', 'target0', 'not-embedded', 'popular3', 'target1', 'target2', 'other0', liked[0]!];
    const result = rankDigest({ aspect: 'task', ids, vectors, reading, top: 2, options: { method: 'classifier' } });
    expect(result.method).toBe('classifier');
    expect(result.items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(result.items.at(-1)).toMatchObject({ id: 'not-embedded', score: null, top: false, why: null });
    const scores = result.items.slice(0, -1).map((item) => item.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Papers already on the reading list (the liked one, the to-read one) are ranked but never marked top.
    const top = result.items.filter((item) => item.top).map((item) => item.id);
    expect(top).toHaveLength(2);
    expect(top).not.toContain(liked[0]);
    expect(top).not.toContain('target1');
    expect(result.items.map((item) => item.id)).toContain('target1');
    expect(new Set(top)).toEqual(new Set(result.items.filter((item) => item.id !== liked[0] && item.id !== 'target1' && item.score !== null).slice(0, 2).map((item) => item.id)));
  });

  it('keeps page order and marks nothing when nothing is liked yet', () => {
    const { vectors } = anisotropicLibrary(7);
    const result = rankDigest({ aspect: 'task', ids: ['other2', 'other1'], vectors, reading: new Map() });
    expect(result).toEqual({
      aspect: 'task',
      method: 'none',
      items: [
        { id: 'other2', rank: 1, score: null, top: false, why: null },
        { id: 'other1', rank: 2, score: null, top: false, why: null },
      ],
    });
  });
});

describe('withSharedTerms', () => {
  it('fills shared terms from tagged papers through the aspect tagger, after ranking', () => {
    const { vectors, liked } = anisotropicLibrary(8);
    const result = rankForYou({ aspect: 'method', vectors, reading: likedMap(liked), options: { k: 2, explainNeighbours: 2 } });
    expect(result.items[0]!.why.sharedTerms).toEqual([]);
    const needed = idsNeedingTerms(result.items);
    expect(needed).toContain(result.items[0]!.id);
    expect(needed).toContain(result.items[0]!.why.liked[0]!.id);
    const terms = new Map<string, AspectTerms>();
    for (const id of needed) terms.set(id, { task: [], method: ['Contrastive Learning', id.startsWith('liked') ? 'SimCLR' : 'BYOL'], dataset: [] });
    terms.set(result.items[0]!.id, { task: [], method: ['contrastive learning', 'BYOL'], dataset: [] });
    const papers = new Map([...terms].map(([id, paperTerms]) => [id, { terms: paperTerms }]));
    const explainer = new NeighbourExplainer(TermFolding.plain(), () => 1);
    const filled = withSharedTerms(result.items, 'method', papers, explainer);
    expect(filled[0]!.why.sharedTerms).toEqual(['contrastive learning']);
    expect(filled[0]!.why.reason).toMatch(/; shared method: contrastive learning$/);
    expect(filled[0]!.why.aspectReason).toBe('shared method: contrastive learning');
    const generic = withSharedTerms(result.items, 'generic', papers, explainer)[0]!;
    expect(generic.why.sharedTerms).toEqual([]);
    expect(generic.why.reason).toMatch(/^close to /);
    expect(filled[0]!.score).toBe(result.items[0]!.score);
  });

  it('names shared words of the nearest liked paper where no term is shared, and folds aliases', () => {
    const { vectors, liked } = anisotropicLibrary(8);
    const result = rankForYou({ aspect: 'dataset', vectors, reading: likedMap(liked), options: { k: 1, explainNeighbours: 1 } });
    const item = result.items[0]!;
    const nearest = item.why.liked[0]!.id;
    const folding = TermFolding.build({ tasks: [], datasets: [{ name: 'ImageNet' }], methods: [] });
    const explainer = new NeighbourExplainer(folding, () => 1);
    const words = new Map([
      [item.id, { terms: { task: [], method: [], dataset: [] }, title: 'Ultrasound atlas', abstract: '' }],
      [nearest, { terms: { task: [], method: [], dataset: [] }, title: 'An ultrasound corpus', abstract: '' }],
    ]);
    expect(withSharedTerms(result.items, 'dataset', words, explainer)[0]!.why.aspectReason).toBe('shared dataset words: ultrasound');
    const aliases = new Map([
      [item.id, { terms: { task: [], method: [], dataset: ['imagenet-1k'] } }],
      [nearest, { terms: { task: [], method: [], dataset: ['ILSVRC 2012'] } }],
    ]);
    expect(withSharedTerms(result.items, 'dataset', aliases, explainer)[0]!.why.sharedTerms).toEqual(['ImageNet']);
  });
});
