import { describe, expect, it } from 'vitest';
import { Bm25Scorer } from '../../../bench/lib/bm25.ts';
import { terms } from '../../../bench/lib/terms.ts';
import { TfidfScorer } from '../../../bench/lib/tfidf.ts';

describe('terms', () => {
  it('lower-cases, splits on non-alphanumerics and drops stop words and single characters', () => {
    expect(terms('The BERT-based model, a 3D CNN (v2).')).toEqual(['bert', 'based', 'model', '3d', 'cnn', 'v2']);
  });
});

describe('TfidfScorer', () => {
  it('matches a hand computation of smoothed tf-idf cosine', () => {
    const docs = ['apple banana', 'apple cherry', 'durian'];
    const out = new Float32Array(3);
    new TfidfScorer(docs).scores(0, out);
    const idf = (df: number) => Math.log(4 / (1 + df)) + 1;
    const apple = idf(2);
    const banana = idf(1);
    const cherry = idf(1);
    const expected = (apple * apple) / (Math.hypot(apple, banana) * Math.hypot(apple, cherry));
    expect(out[0]).toBeCloseTo(1, 5);
    expect(out[1]).toBeCloseTo(expected, 5);
    expect(out[2]).toBe(0);
  });
});

describe('Bm25Scorer', () => {
  it('matches a hand computation with k1 = 1.2, b = 0.75', () => {
    const docs = ['graph neural network', 'graph graph kernel method', 'image segmentation'];
    const scorer = new Bm25Scorer(docs);
    expect(scorer.k1).toBe(1.2);
    expect(scorer.b).toBe(0.75);
    const out = new Float32Array(3);
    scorer.scores(0, out);
    const n = 3;
    const averageLength = (3 + 4 + 2) / 3;
    const idfGraph = Math.log(1 + (n - 2 + 0.5) / (2 + 0.5));
    const tf = 2;
    const expectedDoc1 = (idfGraph * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * 4) / averageLength));
    expect(out[1]).toBeCloseTo(expectedDoc1, 5);
    expect(out[2]).toBe(0);
    expect(out[0]).toBeGreaterThan(out[1] as number);
  });
});
