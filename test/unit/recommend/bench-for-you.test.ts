/** The "For you" benchmark harness (bench/lib/for-you), on small synthetic vectors. */
import { describe, expect, it } from 'vitest';
import type { Aspect } from '../../../src-main/common/contract.ts';
import { buildUsers } from '../../../bench/lib/for-you/users.ts';
import { ci95, mean, recallAtK, reciprocalRank } from '../../../bench/lib/for-you/metrics.ts';
import { evaluateUsers, pairedDifference } from '../../../bench/lib/for-you/evaluate.ts';
import { aspectRows, sizeRows } from '../../../bench/lib/for-you/report.ts';
import { makeVector, seededRandom } from './synthetic.ts';

describe('metrics', () => {
  it('computes recall@k, reciprocal rank and intervals', () => {
    const relevant = new Set(['a', 'b']);
    expect(recallAtK(['x', 'a', 'y', 'b'], relevant, 2)).toBe(0.5);
    expect(recallAtK(['x', 'a', 'y', 'b'], relevant, 10)).toBe(1);
    expect(reciprocalRank(['x', 'y', 'b'], relevant)).toBeCloseTo(1 / 3);
    expect(reciprocalRank(['x'], relevant)).toBe(0);
    expect(() => recallAtK(['x'], new Set(), 1)).toThrow(/relevant/);
    expect(mean([1, 2, 3])).toBe(2);
    expect(ci95([1, 1, 1])).toBe(0);
    expect(pairedDifference([1, 0.5, 0], [0.5, 0.5, 1])).toEqual({ mean: (0.5 + 0 - 1) / 3, wins: 1, ties: 1, losses: 1 });
  });
});

/** 12 topics of 30 papers each, in an anisotropic space; topic t is direction 1 + t, all share direction 0. */
function library(seed: number) {
  const random = seededRandom(seed);
  const dims = 20;
  const papers: { id: string; labels: string[] }[] = [];
  const vectors = new Map<string, Float32Array>();
  for (let t = 0; t < 12; t++) {
    for (let i = 0; i < 30; i++) {
      const id = `t${t}-${i}`;
      papers.push({ id, labels: [`topic${t}`] });
      // Papers also lean on a neighbouring topic, which confuses a plain centroid more than a classifier.
      vectors.set(id, makeVector(dims, { 0: 3, [1 + t]: 1, [1 + ((t + 1) % 12)]: random() }, 0.25, random));
    }
  }
  return { papers, vectors };
}

describe('synthetic users', () => {
  it('draws repeatable users whose held-out papers share the label and distractors do not', () => {
    const { papers } = library(1);
    const options = { kind: 'task', users: 8, maxLiked: 10, heldOut: 5, distractors: 50, seed: 7 };
    const users = buildUsers(papers, options);
    expect(users).toHaveLength(8);
    expect(buildUsers(papers, options)).toEqual(users);
    const labelOf = new Map(papers.map((p) => [p.id, p.labels[0]]));
    for (const user of users) {
      expect(user.liked).toHaveLength(10);
      expect(user.heldOut).toHaveLength(5);
      expect(user.distractors).toHaveLength(50);
      expect(new Set([...user.liked, ...user.heldOut]).size).toBe(15);
      for (const id of [...user.liked, ...user.heldOut]) expect(labelOf.get(id)).toBe(user.label);
      for (const id of user.distractors) expect(labelOf.get(id)).not.toBe(user.label);
    }
    // Eight users over twelve labels: no label repeats before all were used.
    expect(new Set(users.map((u) => u.label)).size).toBe(8);
    expect(() => buildUsers(papers, { ...options, maxLiked: 40 })).toThrow(/no task label has at least 45 papers/);
  });
});

describe('evaluateUsers', () => {
  it('scores every user × aspect × size × method, and the classifier beats the centroid here', () => {
    const { papers, vectors } = library(3);
    const users = buildUsers(papers, { kind: 'task', users: 12, maxLiked: 10, heldOut: 5, distractors: 100, seed: 5 });
    // Two "aspects" with the same vectors: the harness must keep them apart but score them alike.
    const byAspect = new Map<Aspect, Map<string, Float32Array>>([
      ['task', vectors],
      ['generic', vectors],
    ]);
    const cells = evaluateUsers(users, byAspect, { aspects: ['task', 'generic'], methods: ['centroid', 'classifier', 'auto'], likedSizes: [1, 10], k: 10, rankOptions: { method: 'auto' } });
    expect(cells).toHaveLength(2 * 3 * 2);
    for (const cell of cells) {
      expect(cell.users).toBe(12);
      expect(cell.recallPerUser).toHaveLength(12);
      expect(cell.recallAtK).toBeGreaterThanOrEqual(0);
      expect(cell.recallAtK).toBeLessThanOrEqual(1);
    }
    const get = (method: string, size: number) => cells.find((c) => c.aspect === 'task' && c.method === method && c.liked === size)!;
    expect(get('classifier', 10).recallAtK).toBeGreaterThan(get('centroid', 10).recallAtK);
    // Below the default threshold (one liked paper), the app's "auto" is the centroid.
    expect(get('auto', 1).recallPerUser).toEqual(get('centroid', 1).recallPerUser);
    expect(get('auto', 10).recallPerUser).toEqual(get('classifier', 10).recallPerUser);
    expect(cells.find((c) => c.aspect === 'generic' && c.method === 'classifier' && c.liked === 10)!.recallPerUser).toEqual(get('classifier', 10).recallPerUser);

    const rows = aspectRows(cells, 'task', ['task', 'generic'], 10);
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('task');
    expect(sizeRows(cells, 'task', 'task', [1, 10]).map((row) => row[0])).toEqual(['1', '10']);
  });
});

describe('vector cache', () => {
  it('round-trips vectors and refuses another model or other ids', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { cacheFile, readVectorCache, writeVectorCache } = await import('../../../bench/lib/for-you/vector-cache.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-for-you-cache-'));
    try {
      const random = seededRandom(2);
      const ids = ['a', 'b', 'c'];
      const rows = ids.map(() => ({ generic: makeVector(4, {}, 1, random), task: makeVector(4, {}, 1, random), method: makeVector(4, {}, 1, random), dataset: makeVector(4, {}, 1, random) }));
      const file = cacheFile('model@1', ids, dir);
      writeVectorCache(file, 'model@1', ids, ['generic', 'task', 'method', 'dataset'], rows);
      expect(readVectorCache(file, 'model@1', ids)).toEqual(rows);
      expect(readVectorCache(file, 'model@2', ids)).toBeNull();
      expect(readVectorCache(file, 'model@1', ['a', 'b'])).toBeNull();
      expect(cacheFile('model@2', ids, dir)).not.toBe(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('evaluateFeedback', () => {
  it('simulates rounds of "not relevant" in three variants from the same starting point', async () => {
    const { evaluateFeedback, FEEDBACK_VARIANTS } = await import('../../../bench/lib/for-you/feedback.ts');
    const { papers, vectors } = library(4);
    const users = buildUsers(papers, { kind: 'task', users: 6, maxLiked: 10, heldOut: 5, distractors: 60, seed: 9 });
    const rows = evaluateFeedback(users, vectors, { aspect: 'task', method: 'classifier', liked: 10, rounds: 2, k: 10 });
    expect(rows).toHaveLength(FEEDBACK_VARIANTS.length * 3);
    const at = (variant: string, round: number) => rows.find((row) => row.variant === variant && row.round === round)!;
    // Round 0 is the same ranking in every variant.
    for (const variant of FEEDBACK_VARIANTS) expect(at(variant, 0).recallPerUser).toEqual(at('hide only', 0).recallPerUser);
    // Hiding a wrong paper can only free a top-k slot: recall never drops, user by user.
    for (let round = 1; round <= 2; round++) {
      at('hide only', round).recallPerUser.forEach((value, user) => expect(value).toBeGreaterThanOrEqual(at('hide only', round - 1).recallPerUser[user]!));
    }
    for (const row of rows) expect(row.recallPerUser).toHaveLength(6);
  });
});

describe('renderForYou', () => {
  it('renders the tables from the cells and lists every cell where the ranker loses, from the data', async () => {
    const { renderForYou } = await import('../../../bench/lib/for-you/render.ts');
    const cells = [];
    for (const kind of ['task', 'method']) {
      for (const aspect of ['generic', 'task', 'method', 'dataset'] as const) {
        for (const liked of [1, 10]) {
          // The ranker loses only for method users on the task aspect at 10 liked papers.
          const loses = kind === 'method' && aspect === 'task' && liked === 10;
          const centroid = [0.6, 0.4, 0.8, 0.6];
          const ranker = liked === 1 ? centroid : loses ? [0.4, 0.4, 0.6, 0.6] : [0.8, 0.6, 0.8, 0.8];
          for (const [method, values] of [['centroid', centroid], ['auto', ranker], ['classifier', ranker]] as const) {
            cells.push({ kind, aspect, method, liked, users: 4, recallAtK: mean(values), mrr: mean(values), recallPerUser: [...values], mrrPerUser: [...values] });
          }
        }
      }
    }
    const text = renderForYou({
      smoke: false,
      seed: 11,
      tuning: { seed: 7, script: 'bench/for-you-tune.ts', note: 'Tuned elsewhere.' },
      model: { id: 'model@1', provisional: false },
      library: 100,
      usersPerKind: 4,
      heldOut: 5,
      distractors: 20,
      k: 10,
      likedSizes: [1, 10],
      rankOptions: { minPositivesForClassifier: 2, dislikedProximityPenalty: 0 },
      rankingSeconds: 1,
      methodLabels: 'labels note',
      cells,
      feedback: [],
    });
    expect(text).toContain('Reported run: seed 11');
    expect(text).toContain('chosen on dev seed 7');
    expect(text).toContain('| task | generic | 0.600 ±');
    expect(text).toMatch(/\*\*Where the ranker loses to the plain centroid\*\* \(1 of 16 cells[^)]*\): method users, task, 10 liked: R@10 −0\.100 \(0\/2\/2\), MRR −0\.100\./);
    expect(text).toContain('level in both recall and MRR at 1 liked; ahead in both recall and MRR at 10 liked');
    expect(text).not.toContain('Not relevant');
  });
});
