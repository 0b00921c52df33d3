/**
 * The parts a For-you score is made of (buildScoreParts) and how buildScorer weighs them: each
 * part standardised over the library's reference sample, the nearest-liked part, and the blend of
 * classifier and centroid.
 */
import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src-main/core/similarity/lexical-index.ts';
import { DEFAULT_FOR_YOU_OPTIONS, buildScoreParts, buildScorer, rankForYou, scoreWeights } from '../../../src-main/core/recommend/for-you.ts';
import type { ReadingFeedback } from '../../../src-main/core/recommend/index.ts';
import { dot } from '../../../src-main/core/recommend/vectors.ts';
import { makeVector, seededRandom } from './synthetic.ts';

const read: ReadingFeedback = { status: 'read', rating: null, notRelevant: false };

function liked(ids: readonly string[]): Map<string, ReadingFeedback> {
  return new Map(ids.map((id) => [id, read]));
}

/** Two liked clusters of unequal size (3 papers near direction 1, 1 paper near direction 2), a crowd of others. */
function twoInterests(seed: number) {
  const random = seededRandom(seed);
  const dims = 16;
  const vectors = new Map<string, Float32Array>();
  for (let i = 0; i < 3; i++) vectors.set(`main${i}`, makeVector(dims, { 0: 1, 1: 2 }, 0.1, random));
  vectors.set('side0', makeVector(dims, { 0: 1, 2: 2 }, 0.1, random));
  // A paper right next to the single side interest, and one between the two interests.
  vectors.set('near-side', makeVector(dims, { 0: 1, 2: 2 }, 0.1, random));
  vectors.set('between', makeVector(dims, { 0: 1, 1: 1.2, 2: 0.9 }, 0.1, random));
  for (let i = 0; i < 200; i++) vectors.set(`bg${i}`, makeVector(dims, { 0: 1, [3 + (i % 13)]: 2 }, 0.1, random));
  return { vectors, likedIds: ['main0', 'main1', 'main2', 'side0'] };
}

describe('score parts', () => {
  it('standardises each part over the reference sample of papers without feedback', () => {
    const { vectors, likedIds } = twoInterests(1);
    // A sample larger than the library: the reference is every paper without feedback.
    const built = buildScoreParts({ vectors, reading: liked(likedIds), options: { method: 'classifier', unlabelledSample: 10_000 } });
    expect(built.method).toBe('classifier');
    expect(Object.keys(built.parts).sort()).toEqual(['centroid', 'classifier', 'nearest']);
    const others = [...vectors.entries()].filter(([id]) => !likedIds.includes(id));
    for (const part of Object.values(built.parts)) {
      const z = others.map(([id, v]) => (part.raw(v, id) - part.mean) / part.sd);
      const mean = z.reduce((a, b) => a + b, 0) / z.length;
      const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / (z.length - 1);
      expect(mean).toBeCloseTo(0, 9);
      expect(variance).toBeCloseTo(1, 9);
    }
    // The nearest part is the cosine to the nearest liked paper.
    const v = vectors.get('near-side')!;
    const expected = Math.max(...likedIds.map((id) => dot(vectors.get(id)!, v)));
    expect(built.parts.nearest!.raw(v, 'near-side')).toBeCloseTo(expected, 10);
    // The centroid method has no classifier part; nothing liked has no parts at all.
    expect(Object.keys(buildScoreParts({ vectors, reading: liked(likedIds), options: { method: 'centroid' } }).parts).sort()).toEqual(['centroid', 'nearest']);
    expect(buildScoreParts({ vectors, reading: new Map() })).toMatchObject({ method: 'none', parts: {} });
  });

  it('weighs the parts as the options say, the same sum buildScorer ranks by', () => {
    expect(scoreWeights('classifier', { centroidBlend: 0.5, nearestBlend: 0.25, lexicalBlend: 0.5 })).toEqual({ classifier: 1, centroid: 0.5, nearest: 0.25, lexical: 0.5 });
    expect(scoreWeights('centroid', { centroidNearestBlend: 2 })).toEqual({ classifier: 0, centroid: 1, nearest: 2, lexical: DEFAULT_FOR_YOU_OPTIONS.lexicalBlend });
    expect(scoreWeights('classifier')).toEqual({
      classifier: 1,
      centroid: DEFAULT_FOR_YOU_OPTIONS.centroidBlend,
      nearest: DEFAULT_FOR_YOU_OPTIONS.nearestBlend,
      lexical: DEFAULT_FOR_YOU_OPTIONS.lexicalBlend,
    });

    const { vectors, likedIds } = twoInterests(2);
    const options = { method: 'classifier' as const, centroidBlend: 0.7, nearestBlend: 0.3 };
    const built = buildScoreParts({ vectors, reading: liked(likedIds), options });
    const scorer = buildScorer({ vectors, reading: liked(likedIds), options });
    const z = (name: 'classifier' | 'centroid' | 'nearest', v: Float32Array, id: string) => (built.parts[name]!.raw(v, id) - built.parts[name]!.mean) / built.parts[name]!.sd;
    for (const id of ['near-side', 'between', 'bg0', 'bg7']) {
      const v = vectors.get(id)!;
      expect(scorer.score(v, id)).toBeCloseTo(z('classifier', v, id) + 0.7 * z('centroid', v, id) + 0.3 * z('nearest', v, id), 9);
    }
  });

  it('the nearest-liked part lifts a paper next to a lone liked paper that the centroid underrates', () => {
    const { vectors, likedIds } = twoInterests(3);
    const reading = liked(likedIds);
    const rankOf = (options: Parameters<typeof rankForYou>[0]['options']) =>
      rankForYou({ aspect: 'task', vectors, reading, options }).items.find((item) => item.id === 'near-side')!.rank;
    const plain = rankOf({ method: 'centroid', centroidNearestBlend: 0 });
    const withNearest = rankOf({ method: 'centroid', centroidNearestBlend: 4 });
    // The centroid sits between the interests, so "between" beats the paper beside the side interest.
    expect(plain).toBeGreaterThan(1);
    expect(withNearest).toBe(1);
  });

  it('a large centroid blend turns the classifier ranking into the centroid ranking', () => {
    const { vectors, likedIds } = twoInterests(4);
    const reading = liked(likedIds);
    const ids = (options: Parameters<typeof rankForYou>[0]['options']) => rankForYou({ aspect: 'task', vectors, reading, options: { k: 20, ...options } }).items.map((item) => item.id);
    expect(ids({ method: 'classifier', centroidBlend: 1e6, nearestBlend: 0 })).toEqual(ids({ method: 'centroid', centroidNearestBlend: 0 }));
  });

  it('negativeExclusion keeps the unread papers nearest the liked centroid out of the weak negatives', () => {
    const random = seededRandom(5);
    const dims = 16;
    const vectors = new Map<string, Float32Array>();
    const likedIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      vectors.set(`liked${i}`, makeVector(dims, { 0: 1, 1: 1.5 }, 0.25, random));
      likedIds.push(`liked${i}`);
    }
    // Unread papers of the same interest: as the weak negatives' nearest members they teach the
    // classifier that the interest itself is "not liked".
    const targets = Array.from({ length: 12 }, (_, i) => `target${i}`);
    for (const id of targets) vectors.set(id, makeVector(dims, { 0: 1, 1: 1.5 }, 0.25, random));
    for (let i = 0; i < 300; i++) vectors.set(`bg${i}`, makeVector(dims, { 0: 1, [2 + (i % 14)]: 1.5, 1: random() }, 0.25, random));
    const reading = liked(likedIds);
    const meanTargetRank = (negativeExclusion: number) => {
      const items = rankForYou({ aspect: 'task', vectors, reading, options: { method: 'classifier', l2: 1e-4, centroidBlend: 0, nearestBlend: 0, negativeExclusion } }).items;
      const ranks = items.filter((item) => item.id.startsWith('target')).map((item) => item.rank);
      return ranks.reduce((a, b) => a + b, 0) / ranks.length;
    };
    const trainedAgainst = meanTargetRank(0);
    const excluded = meanTargetRank(0.05);
    expect(excluded).toBeLessThan(trainedAgainst);
    expect(excluded).toBeLessThan(10);
    // Excluding everything still keeps one weak negative, so the classifier can train.
    expect(rankForYou({ aspect: 'task', vectors, reading, options: { method: 'classifier', negativeExclusion: 1 } }).items.length).toBe(vectors.size - likedIds.length);
  });

  it('the lexical part lifts papers sharing the liked papers\' words, standardised like the others', () => {
    const { vectors, likedIds } = twoInterests(6);
    // Word overlap that the vectors do not show: bg5 and bg9 share the liked papers' rare words.
    const lexicon = new LexicalIndex();
    for (const id of vectors.keys()) lexicon.upsert(id, `paper ${id} about things`);
    for (const id of likedIds) lexicon.upsert(id, `zeolite catalyst screening ${id}`);
    lexicon.upsert('bg5', 'zeolite catalyst screening at scale');
    lexicon.upsert('bg9', 'zeolite catalyst screening revisited');
    const reading = liked(likedIds);
    const built = buildScoreParts({ vectors, reading, lexicon, options: { method: 'centroid' } });
    expect(Object.keys(built.parts).sort()).toEqual(['centroid', 'lexical', 'nearest']);
    const part = built.parts.lexical!;
    const expected = likedIds.reduce((sum, id) => sum + lexicon.scores(id).get('bg5'), 0) / likedIds.length;
    expect(part.raw(vectors.get('bg5')!, 'bg5')).toBeCloseTo(expected, 10);
    expect(expected).toBeGreaterThan(0);
    const rankOf = (id: string, lexicalBlend: number) => rankForYou({ aspect: 'task', vectors, reading, lexicon, options: { method: 'centroid', lexicalBlend } }).items.find((item) => item.id === id)!.rank;
    expect(rankOf('bg5', 4)).toBeLessThan(rankOf('bg5', 0));
    expect(Math.max(rankOf('bg5', 4), rankOf('bg9', 4))).toBeLessThanOrEqual(2);
    // Without a lexicon the weight changes nothing.
    const ids = (lexicalBlend: number) => rankForYou({ aspect: 'task', vectors, reading, options: { method: 'centroid', lexicalBlend } }).items.map((item) => item.id);
    expect(ids(4)).toEqual(ids(0));
  });
});
