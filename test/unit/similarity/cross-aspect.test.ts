import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacetError } from '../../../src-main/common/contract.ts';
import { PaperStore, type NewPaper } from '../../../src-main/core/store/index.ts';
import { hybridSimilar } from '../../../src-main/core/similarity/hybrid-similar.ts';
import { CROSS_ASPECT_PAIRS, crossAspectScore, crossAspectSimilar, crossParamsFor, DEFAULT_CROSS_PARAMS } from '../../../src-main/core/similarity/cross-aspect.ts';
import { LibraryLexicon } from '../../../src-main/core/similarity/library-lexicon.ts';
import { testPaper } from './test-paper.ts';

// A lexicon writes its snapshot in the background; each is settled before its folder is removed.
const lexicons: LibraryLexicon[] = [];
function lexiconOf(of: PaperStore): LibraryLexicon {
  const lexicon = new LibraryLexicon(of);
  lexicons.push(lexicon);
  return lexicon;
}

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};

function paper(id: string, method: number[], task: number[]): NewPaper {
  return testPaper(id, `Paper ${id}`, `Words of paper ${id} only.`, { generic: unit(method), task: unit(task), method: unit(method), dataset: unit(task) });
}

describe('crossAspectScore', () => {
  it('costs nothing for unlike similarity up to the floor, λ per unit above it, μ for a shared term', () => {
    const params = { unlikeWeight: 2, unlikeFloor: 0.3, termPenalty: 0.1 };
    expect(crossAspectScore(0.5, 0.2, false, params)).toBeCloseTo(0.5, 9);
    expect(crossAspectScore(0.5, 0.3, false, params)).toBeCloseTo(0.5, 9);
    expect(crossAspectScore(0.5, 0.4, false, params)).toBeCloseTo(0.5 - 2 * 0.1, 9);
    expect(crossAspectScore(0.5, 0.4, true, params)).toBeCloseTo(0.5 - 2 * 0.1 - 0.1, 9);
    // With λ and μ at 0 it is the like aspect's own ranking.
    expect(crossAspectScore(0.42, 0.9, true, { unlikeWeight: 0, unlikeFloor: 0, termPenalty: 0 })).toBe(0.42);
  });

  it('has chosen parameters for every pair the app offers, and a default for others', () => {
    for (const pair of CROSS_ASPECT_PAIRS) {
      const params = crossParamsFor(pair.aspect, pair.unlike);
      expect(params).not.toBe(DEFAULT_CROSS_PARAMS);
      expect(params.unlikeWeight).toBeGreaterThanOrEqual(0);
    }
    expect(crossParamsFor('generic', 'dataset')).toBe(DEFAULT_CROSS_PARAMS);
    expect(CROSS_ASPECT_PAIRS.map((pair) => pair.label)).toEqual(['Same method, other tasks', 'Same task, other methods', 'Same dataset, other methods']);
  });
});

describe('crossAspectSimilar', () => {
  let dir: string;
  let store: PaperStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-cross-'));
    store = (await PaperStore.open(dir, { id: 'model-a', dims: 4 })).store;
    await store.addPapers([
      paper('q', [1, 0, 0, 0], [0, 0, 1, 0]),
      // Closest by method, but the same task too.
      paper('same-both', [0.98, 0.2, 0, 0], [0, 0, 1, 0]),
      // Slightly less close by method, another task.
      paper('method-only', [0.9, 0.44, 0, 0], [0, 0, 0, 1]),
      paper('far', [0, 0, 0, 1], [1, 0, 0, 0]),
    ]);
  });

  afterEach(async () => {
    await Promise.all(lexicons.splice(0).map((lexicon) => lexicon.settled()));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const weights = { method: 0, task: 0 };
  const noTermsShared = async () => new Set<string>();
  const params = { unlikeWeight: 0.5, unlikeFloor: 0.3, termPenalty: 0.2 };

  it('puts a paper close by method and far by task above one close by both', async () => {
    const lexicon = await lexiconOf(store).current();
    const plain = await hybridSimilar(store, lexicon, 0, { id: 'q', aspect: 'method', k: 3 });
    expect(plain.map((hit) => hit.id)).toEqual(['same-both', 'method-only', 'far']);
    const cross = await crossAspectSimilar(store, lexicon, weights, { id: 'q', aspect: 'method', unlike: 'task', k: 3 }, noTermsShared, params);
    expect(cross.map((hit) => hit.id)).toEqual(['method-only', 'same-both', 'far']);
    const sameBoth = cross.find((hit) => hit.id === 'same-both')!;
    expect(sameBoth.like).toBeCloseTo(plain[0]!.score, 6);
    expect(sameBoth.unlike).toBeCloseTo(1, 5);
    expect(sameBoth.score).toBeCloseTo(crossAspectScore(sameBoth.like, sameBoth.unlike, false, params), 6);
  });

  it('charges the term penalty to the papers the caller says share an unlike term', async () => {
    const lexicon = await lexiconOf(store).current();
    const asked: string[][] = [];
    const sharing = async (ids: readonly string[]) => {
      asked.push([...ids]);
      return new Set(['method-only']);
    };
    const hits = await crossAspectSimilar(store, lexicon, weights, { id: 'q', aspect: 'method', unlike: 'task', k: 3 }, sharing, { unlikeWeight: 0, unlikeFloor: 0, termPenalty: 10 });
    expect(asked[0]!.sort()).toEqual(['far', 'method-only', 'same-both']);
    expect(hits.at(-1)!.id).toBe('method-only');
  });

  it('refuses the same aspect twice and an unknown paper', async () => {
    const lexicon = await lexiconOf(store).current();
    await expect(crossAspectSimilar(store, lexicon, weights, { id: 'q', aspect: 'task', unlike: 'task', k: 3 }, noTermsShared)).rejects.toThrow(FacetError);
    await expect(crossAspectSimilar(store, lexicon, weights, { id: 'missing', aspect: 'method', unlike: 'task', k: 3 }, noTermsShared)).rejects.toThrow(/"missing"/);
  });
});
