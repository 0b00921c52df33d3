/**
 * BM25 with one pool document as the query (document-as-query similarity). Each distinct query term
 * counts once (query term frequency is ignored), with Okapi parameters k1 = 1.2, b = 0.75 and the
 * non-negative idf ln(1 + (N - df + 0.5) / (df + 0.5)) used by Lucene. Statistics (N, df, average
 * length) come from the pool being ranked. BM25 is not symmetric: score(q, d) != score(d, q).
 */
import type { PoolScorer } from './ranking.ts';
import { buildTermIndex, type TermIndex } from './terms.ts';

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

export class Bm25Scorer implements PoolScorer {
  readonly size: number;
  private readonly index: TermIndex;
  private readonly idf: Float32Array;
  /** k1 * (1 - b + b * length / averageLength) per document. */
  private readonly lengthNorm: Float32Array;

  constructor(
    texts: readonly string[],
    readonly k1 = BM25_K1,
    readonly b = BM25_B,
  ) {
    this.index = buildTermIndex(texts);
    this.size = texts.length;
    const n = texts.length;
    this.idf = Float32Array.from(this.index.docFreq, (df) => Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    const totalLength = this.index.docs.reduce((sum, doc) => sum + doc.length, 0);
    const averageLength = n > 0 && totalLength > 0 ? totalLength / n : 1;
    this.lengthNorm = Float32Array.from(this.index.docs, (doc) => k1 * (1 - b + (b * doc.length) / averageLength));
  }

  scores(query: number, out: Float32Array): void {
    out.fill(0);
    const doc = this.index.docs[query];
    if (!doc) throw new Error(`Bm25Scorer: no document ${query}`);
    for (const id of doc.ids) {
      const list = this.index.postings[id];
      if (!list) continue;
      const idf = this.idf[id] as number;
      for (let p = 0; p < list.docs.length; p++) {
        const d = list.docs[p] as number;
        const tf = list.counts[p] as number;
        out[d] = (out[d] as number) + (idf * (tf * (this.k1 + 1))) / (tf + (this.lengthNorm[d] as number));
      }
    }
  }
}
