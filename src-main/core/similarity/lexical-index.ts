/**
 * An in-memory TF-IDF index over a library's own papers (title + abstract), for paper-to-paper
 * similarity. Weights are sublinear term frequency 1 + ln(tf) times the smoothed inverse document
 * frequency ln((1 + N) / (1 + df)) + 1 of the library as it is now, and scores are cosines, so a score
 * is comparable between queries and lies in [0, 1].
 *
 * Promises:
 * - `upsert` and `remove` keep document frequencies exact; norms are recomputed lazily, once per
 *   change of the library, before the next query.
 * - Tokens are Facet's tokenizer's (src-main/core/text/tokenizer.ts), with no vocabulary limit, so a
 *   rare method or dataset name that the dense model does not know still counts here.
 */
import { tokenize } from '../text/tokenizer.ts';

interface Doc {
  slot: number;
  /** Term ids, ascending. */
  terms: Uint32Array;
  /** 1 + ln(tf), aligned with `terms`. */
  tfs: Float32Array;
  fingerprint: number;
}

export interface LexicalHit {
  id: string;
  score: number;
}

/** FNV-1a over UTF-16 code units: tells whether a paper's text changed since it was indexed. */
export function textFingerprint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) ^ text.length;
}

export class LexicalIndex {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private df: Int32Array = new Int32Array(1024);
  /** Per term: the slots of the documents containing it and, aligned, their 1 + ln(tf). */
  private readonly postingSlots: number[][] = [];
  private readonly postingTfs: number[][] = [];
  private readonly docs = new Map<string, Doc>();
  private readonly slotIds: (string | null)[] = [];
  private readonly freeSlots: number[] = [];
  private norms: Float32Array = new Float32Array(0);
  private normsFresh = false;
  /** Scratch accumulator of `accumulate`, one cell per slot; cells are reset after each query. */
  private scratch: Float64Array = new Float64Array(0);

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  fingerprintOf(id: string): number | undefined {
    return this.docs.get(id)?.fingerprint;
  }

  ids(): IterableIterator<string> {
    return this.docs.keys();
  }

  /** Adds a paper, or replaces its text when it is already indexed. */
  upsert(id: string, text: string, fingerprint = textFingerprint(text)): void {
    if (this.docs.has(id)) this.remove(id);
    const counts = new Map<number, number>();
    for (const token of tokenize(text)) {
      const term = this.termId(token);
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const terms = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
    const tfs = new Float32Array(terms.length);
    const slot = this.freeSlots.pop() ?? this.slotIds.length;
    terms.forEach((term, i) => {
      tfs[i] = 1 + Math.log(counts.get(term)!);
      this.df[term]!++;
      this.postingSlots[term]!.push(slot);
      this.postingTfs[term]!.push(tfs[i]!);
    });
    this.slotIds[slot] = id;
    this.docs.set(id, { slot, terms, tfs, fingerprint });
    this.normsFresh = false;
  }

  remove(id: string): void {
    const doc = this.docs.get(id);
    if (!doc) return;
    for (const term of doc.terms) this.df[term]!--;
    this.docs.delete(id);
    this.slotIds[doc.slot] = null;
    this.freeSlots.push(doc.slot);
    // The slot may be reused by a later document, so its postings must go before that happens.
    for (const term of doc.terms) {
      const slots = this.postingSlots[term]!;
      const tfs = this.postingTfs[term]!;
      const at = slots.lastIndexOf(doc.slot);
      if (at >= 0) {
        slots[at] = slots[slots.length - 1]!;
        tfs[at] = tfs[tfs.length - 1]!;
        slots.pop();
        tfs.pop();
      }
    }
    this.normsFresh = false;
  }

  /**
   * Cosine similarity of the indexed paper `id` to every other indexed paper sharing a term with it.
   * `limit` keeps the best; `within` restricts the answer to those ids (scores of others are not
   * returned). Throws when `id` is not indexed.
   */
  similarTo(id: string, options: { limit?: number; within?: ReadonlySet<string> } = {}): LexicalHit[] {
    const query = this.docs.get(id);
    if (!query) throw new Error(`paper ${JSON.stringify(id)} is not in the lexical index`);
    const scores = this.accumulate(query);
    const hits: LexicalHit[] = [];
    for (const [slot, score] of scores) {
      const other = this.slotIds[slot];
      if (other == null || other === id) continue;
      if (options.within && !options.within.has(other)) continue;
      hits.push({ id: other, score });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return options.limit === undefined ? hits : hits.slice(0, options.limit);
  }

  /**
   * The words the two papers share that weigh most in their cosine (product of their TF-IDF
   * weights), most informative first. Empty when either paper is not indexed.
   */
  sharedWords(a: string, b: string, n: number): string[] {
    const x = this.docs.get(a);
    const y = this.docs.get(b);
    if (!x || !y) return [];
    const shared: { term: number; weight: number }[] = [];
    let i = 0;
    let j = 0;
    while (i < x.terms.length && j < y.terms.length) {
      const ti = x.terms[i]!;
      const tj = y.terms[j]!;
      if (ti === tj) {
        const idf = this.idf(ti);
        shared.push({ term: ti, weight: x.tfs[i]! * y.tfs[j]! * idf * idf });
        i++;
        j++;
      } else if (ti < tj) i++;
      else j++;
    }
    shared.sort((p, q) => q.weight - p.weight);
    return shared.slice(0, n).map((s) => this.terms[s.term]!);
  }

  /** Smoothed idf of a term id under the current library. */
  private idf(term: number): number {
    return Math.log((1 + this.docs.size) / (1 + this.df[term]!)) + 1;
  }

  private accumulate(query: Doc): Map<number, number> {
    this.refreshNorms();
    if (this.scratch.length < this.slotIds.length) this.scratch = new Float64Array(Math.max(this.slotIds.length, this.scratch.length * 2));
    const acc = this.scratch;
    const touched: number[] = [];
    for (let i = 0; i < query.terms.length; i++) {
      const term = query.terms[i]!;
      const idf = this.idf(term);
      const wq = query.tfs[i]! * idf * idf;
      const slots = this.postingSlots[term]!;
      const tfs = this.postingTfs[term]!;
      for (let p = 0; p < slots.length; p++) {
        const slot = slots[p]!;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] = acc[slot]! + wq * tfs[p]!;
      }
    }
    const qNorm = this.norms[query.slot]!;
    const scores = new Map<number, number>();
    for (const slot of touched) {
      const norm = this.norms[slot]!;
      scores.set(slot, qNorm > 0 && norm > 0 ? acc[slot]! / (qNorm * norm) : 0);
      acc[slot] = 0;
    }
    return scores;
  }

  private refreshNorms(): void {
    if (this.normsFresh) return;
    if (this.norms.length < this.slotIds.length) this.norms = new Float32Array(Math.max(this.slotIds.length, this.norms.length * 2));
    for (const doc of this.docs.values()) {
      let sum = 0;
      for (let i = 0; i < doc.terms.length; i++) {
        const w = doc.tfs[i]! * this.idf(doc.terms[i]!);
        sum += w * w;
      }
      this.norms[doc.slot] = Math.sqrt(sum);
    }
    this.normsFresh = true;
  }

  private termId(token: string): number {
    let id = this.termIds.get(token);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(token, id);
      this.terms.push(token);
      this.postingSlots.push([]);
      this.postingTfs.push([]);
      if (id >= this.df.length) {
        const grown = new Int32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }
}
