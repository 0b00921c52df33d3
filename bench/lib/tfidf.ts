/**
 * TF-IDF cosine similarity over a pool. Weights: raw term count x smoothed idf
 * ln((1 + N) / (1 + df)) + 1 (the scikit-learn default), each document vector L2-normalised;
 * similarity is the dot product of two documents' vectors, computed through the postings lists.
 */
import type { PoolScorer } from './ranking.ts';
import { buildTermIndex, type TermIndex } from './terms.ts';

export class TfidfScorer implements PoolScorer {
  readonly size: number;
  private readonly index: TermIndex;
  /** Per document, the normalised weight of each of its terms (same order as index.docs[i].ids). */
  private readonly weights: Float32Array[];
  private readonly idf: Float32Array;
  private readonly norms: Float32Array;

  constructor(texts: readonly string[]) {
    this.index = buildTermIndex(texts);
    this.size = texts.length;
    const n = texts.length;
    this.idf = Float32Array.from(this.index.docFreq, (df) => Math.log((1 + n) / (1 + df)) + 1);
    this.norms = new Float32Array(n);
    this.weights = this.index.docs.map((doc, i) => {
      const w = new Float32Array(doc.ids.length);
      let norm = 0;
      doc.ids.forEach((id, j) => {
        const value = (doc.counts[j] as number) * (this.idf[id] as number);
        w[j] = value;
        norm += value * value;
      });
      norm = Math.sqrt(norm);
      this.norms[i] = norm;
      if (norm > 0) for (let j = 0; j < w.length; j++) w[j] = (w[j] as number) / norm;
      return w;
    });
  }

  scores(query: number, out: Float32Array): void {
    out.fill(0);
    const doc = this.index.docs[query];
    const queryWeights = this.weights[query];
    if (!doc || !queryWeights) throw new Error(`TfidfScorer: no document ${query}`);
    doc.ids.forEach((id, j) => {
      const qw = queryWeights[j] as number;
      const list = this.index.postings[id];
      if (!list) return;
      const idf = this.idf[id] as number;
      for (let p = 0; p < list.docs.length; p++) {
        const d = list.docs[p] as number;
        const norm = this.norms[d] as number;
        if (norm > 0) out[d] = (out[d] as number) + qw * (((list.counts[p] as number) * idf) / norm);
      }
    });
  }
}
