/**
 * An in-memory TF-IDF index over a library's own papers (title + abstract), for paper-to-paper
 * similarity. Weights are sublinear term frequency 1 + ln(tf) times the smoothed inverse document
 * frequency ln((1 + N) / (1 + df)) + 1 of the library as it is now, and scores are cosines, so a score
 * is comparable between queries and lies in [0, 1].
 *
 * Promises:
 * - Scores are exact cosines, except that in libraries of QUERY_SKIP_MIN_PAPERS or more, query words
 *   held by more than QUERY_MAX_DF_SHARE of the library are left out of the dot product (not of the
 *   norms).
 * - `upsert` and `remove` keep document frequencies exact; norms are recomputed lazily, once per
 *   change of the library, before the next query.
 * - Tokens are Facet's tokenizer's (src-main/core/text/tokenizer.ts), with no vocabulary limit, so a
 *   rare method or dataset name that the dense model does not know still counts here.
 *
 * Layout: postings live in one compressed-row block (term -> slots and their 1 + ln(tf), in typed
 * arrays) built in bulk, plus a small block for papers added since; a removed paper's slot is dead
 * and skipped until the next rebuild. Slots are never reused, so a dead slot's postings can never be
 * mistaken for another paper's. The blocks are rebuilt when the added or dead part grows past a
 * quarter of the whole.
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

/** The cosines of one query paper to every indexed paper; valid until the index changes. */
export interface LexicalScores {
  /** Cosine to `id` (0 when it shares no term or is not indexed). */
  get(id: string): number;
  /** The `n` best other papers (only those in `within`, when given), best first. */
  top(n: number, within?: ReadonlySet<string>): LexicalHit[];
}

/**
 * Everything an index holds that is not derived from the rest: what `lexical-snapshot.ts` writes to
 * disk. Paper i's terms (ascending ids) and their 1 + ln(tf) are [docOffsets[i], docOffsets[i + 1])
 * of docTerms / docTfs. Document frequencies, postings and norms are rebuilt from these on load.
 */
export interface LexicalIndexState {
  /** The vocabulary, by term id (terms no paper holds any more included). */
  terms: readonly string[];
  ids: readonly string[];
  fingerprints: Int32Array;
  docOffsets: Uint32Array;
  docTerms: Uint32Array;
  docTfs: Float32Array;
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

const REBUILD_SHARE = 0.25;
/**
 * Query terms held by more than this share of the library are skipped when accumulating (they still
 * count in every paper's norm). Such words ("the", "we", "model") carry an idf near 1 against 5-10
 * for a distinctive word, so they barely move a cosine, yet their postings are most of the work.
 */
export const QUERY_MAX_DF_SHARE = 0.3;
/** Below this many papers every query word counts: the scores are exact cosines. */
export const QUERY_SKIP_MIN_PAPERS = 2_000;

export class LexicalIndex {
  // Term -> id; built on first need, so an index loaded from a snapshot that is only queried never builds it.
  private termIdMap: Map<string, number> | null = new Map();
  private readonly terms: string[] = [];
  private df = new Int32Array(1024);
  // Scratch for counting one paper's terms (see upsert), sized like df.
  private termStamp = new Int32Array(1024);
  private termCount = new Int32Array(1024);
  private stampCounter = 0;
  private readonly docs = new Map<string, Doc>();
  private slotIds: (string | null)[] = [];
  private alive = new Uint8Array(1024);
  private norms = new Float32Array(1024);
  private normsFresh = false;
  // idf of every term id under the current library, refreshed with the norms.
  private idfs = new Float64Array(0);
  // Slots touched by the query being scored; only used synchronously inside `scores`.
  private touchedScratch = new Int32Array(1024);
  // Bulk block: postings of term t are [offsets[t], offsets[t + 1]) of slots / tfs.
  private offsets = new Int32Array(1);
  private blockSlots = new Int32Array(0);
  private blockTfs = new Float32Array(0);
  // Papers added since the bulk block, by term.
  private readonly recent = new Map<number, { slots: number[]; tfs: number[] }>();
  private recentPostings = 0;
  private deadSlots = 0;
  /** Papers upserted since the last query, whose postings are not written yet. */
  private unposted: Doc[] = [];

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

  /**
   * The index as plain arrays (papers in `ids()` order), for a snapshot. The arrays are copies:
   * later changes to the index do not reach them.
   */
  toState(): LexicalIndexState {
    let total = 0;
    for (const doc of this.docs.values()) total += doc.terms.length;
    const ids: string[] = [];
    const fingerprints = new Int32Array(this.docs.size);
    const docOffsets = new Uint32Array(this.docs.size + 1);
    const docTerms = new Uint32Array(total);
    const docTfs = new Float32Array(total);
    let at = 0;
    for (const [id, doc] of this.docs) {
      fingerprints[ids.length] = doc.fingerprint;
      ids.push(id);
      docTerms.set(doc.terms, at);
      docTfs.set(doc.tfs, at);
      at += doc.terms.length;
      docOffsets[ids.length] = at;
    }
    return { terms: [...this.terms], ids, fingerprints, docOffsets, docTerms, docTfs };
  }

  /**
   * An index holding exactly the papers of `state`, scoring them as the index it came from did.
   * The arrays are kept (not copied). Throws on a state that is not self-consistent (ids out of
   * range, terms not ascending, offsets out of order, duplicate ids), so a damaged snapshot cannot
   * turn into wrong scores.
   */
  static fromState(state: LexicalIndexState): LexicalIndex {
    const { terms, ids, fingerprints, docOffsets, docTerms, docTfs } = state;
    const papers = ids.length;
    if (fingerprints.length !== papers || docOffsets.length !== papers + 1 || docOffsets[0] !== 0 || docOffsets[papers] !== docTerms.length || docTfs.length !== docTerms.length) {
      throw new Error('lexical index state: array lengths do not agree');
    }
    const index = new LexicalIndex();
    index.termIdMap = null;
    index.terms.push(...terms);
    const termCount = terms.length;
    let size = 1024;
    while (size < termCount) size *= 2;
    index.df = new Int32Array(size);
    index.termStamp = new Int32Array(size);
    index.termCount = new Int32Array(size);
    index.ensureSlots(papers);
    for (let i = 0; i < papers; i++) {
      const start = docOffsets[i]!;
      const end = docOffsets[i + 1]!;
      if (end < start) throw new Error('lexical index state: paper offsets out of order');
      let previous = -1;
      for (let p = start; p < end; p++) {
        const term = docTerms[p]!;
        if (term >= termCount || term <= previous) throw new Error('lexical index state: term ids out of range or not ascending');
        const tf = docTfs[p]!;
        if (!(tf >= 1)) throw new Error('lexical index state: a term frequency weight below 1');
        previous = term;
        index.df[term]!++;
      }
      const id = ids[i]!;
      if (index.docs.has(id)) throw new Error(`lexical index state: paper ${JSON.stringify(id)} twice`);
      const doc = { slot: i, terms: docTerms.subarray(start, end), tfs: docTfs.subarray(start, end), fingerprint: fingerprints[i]! };
      index.docs.set(id, doc);
      index.slotIds.push(id);
      index.alive[i] = 1;
      index.unposted.push(doc);
    }
    return index;
  }

  /** Adds a paper, or replaces its text when it is already indexed. */
  upsert(id: string, text: string, fingerprint = textFingerprint(text)): void {
    if (this.docs.has(id)) this.remove(id);
    // Term counts in per-term scratch arrays stamped with this paper, not a Map per paper: at 100k
    // papers the Map allocations were most of the build time.
    const stamp = ++this.stampCounter;
    const unique: number[] = [];
    for (const token of tokenize(text)) {
      const term = this.termId(token);
      if (this.termStamp[term] !== stamp) {
        this.termStamp[term] = stamp;
        this.termCount[term] = 1;
        unique.push(term);
      } else {
        this.termCount[term]!++;
      }
    }
    const terms = Uint32Array.from(unique).sort();
    const tfs = new Float32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      tfs[i] = 1 + Math.log(this.termCount[term]!);
      this.df[term]!++;
    }
    const slot = this.slotIds.length;
    this.slotIds.push(id);
    this.ensureSlots(slot + 1);
    this.alive[slot] = 1;
    const doc = { slot, terms, tfs, fingerprint };
    this.docs.set(id, doc);
    // Postings are written before the next query: in bulk when many papers came, else one by one.
    this.unposted.push(doc);
    this.normsFresh = false;
  }

  remove(id: string): void {
    const doc = this.docs.get(id);
    if (!doc) return;
    for (const term of doc.terms) this.df[term]!--;
    this.docs.delete(id);
    this.slotIds[doc.slot] = null;
    this.alive[doc.slot] = 0;
    this.deadSlots++;
    this.normsFresh = false;
  }

  /** Cosines of the indexed paper `id` to every other one. Throws when `id` is not indexed. */
  scores(id: string): LexicalScores {
    const query = this.docs.get(id);
    if (!query) throw new Error(`paper ${JSON.stringify(id)} is not in the lexical index`);
    this.prepare();
    // The accumulator is the answer's own (it outlives this call); the touched list is scratch.
    const acc = new Float32Array(this.slotIds.length);
    if (this.touchedScratch.length < acc.length) this.touchedScratch = new Int32Array(Math.max(acc.length, this.touchedScratch.length * 2));
    const scratch = this.touchedScratch;
    let touchedCount = 0;
    const { alive, offsets, blockSlots, blockTfs, idfs, df } = this;
    const maxDf = this.docs.size < QUERY_SKIP_MIN_PAPERS ? Infinity : QUERY_MAX_DF_SHARE * this.docs.size;
    for (let i = 0; i < query.terms.length; i++) {
      const term = query.terms[i]!;
      if (df[term]! > maxDf) continue;
      const idf = idfs[term]!;
      const wq = query.tfs[i]! * idf * idf;
      if (term + 1 < offsets.length) {
        for (let p = offsets[term]!, end = offsets[term + 1]!; p < end; p++) {
          const slot = blockSlots[p]!;
          if (alive[slot] === 0) continue;
          const before = acc[slot]!;
          if (before === 0) scratch[touchedCount++] = slot;
          acc[slot] = before + wq * blockTfs[p]!;
        }
      }
      const recent = this.recent.get(term);
      if (recent) {
        for (let p = 0; p < recent.slots.length; p++) {
          const slot = recent.slots[p]!;
          if (alive[slot] === 0) continue;
          const before = acc[slot]!;
          if (before === 0) scratch[touchedCount++] = slot;
          acc[slot] = before + wq * recent.tfs[p]!;
        }
      }
    }
    const touched = scratch.slice(0, touchedCount);
    const qNorm = this.norms[query.slot]!;
    for (const slot of touched) {
      const norm = this.norms[slot]!;
      acc[slot] = qNorm > 0 && norm > 0 ? acc[slot]! / (qNorm * norm) : 0;
    }
    const { docs, slotIds } = this;
    return {
      get: (other) => {
        const doc = docs.get(other);
        return doc && doc.slot !== query.slot ? acc[doc.slot]! : 0;
      },
      top: (n, within) => {
        // Selection by a sorted buffer of at most n hits: n is small next to the touched papers.
        const best: LexicalHit[] = [];
        for (const slot of touched) {
          if (slot === query.slot) continue;
          const score = acc[slot]!;
          if (best.length === n && !(score > best[n - 1]!.score)) continue;
          const other = slotIds[slot]!;
          if (within && !within.has(other)) continue;
          let at = best.length === n ? n - 1 : best.length;
          while (at > 0 && (best[at - 1]!.score < score || (best[at - 1]!.score === score && best[at - 1]!.id > other))) {
            best[at] = best[at - 1]!;
            at--;
          }
          best[at] = { id: other, score };
          if (best.length > n) best.length = n;
        }
        return best;
      },
    };
  }

  /** `scores(id).top(...)`, every hit when no limit is given. */
  similarTo(id: string, options: { limit?: number; within?: ReadonlySet<string> } = {}): LexicalHit[] {
    return this.scores(id).top(options.limit ?? this.docs.size, options.within);
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

  private prepare(): void {
    const unpostedCount = this.unposted.reduce((sum, doc) => sum + (this.alive[doc.slot] ? doc.terms.length : 0), 0);
    const blockPostings = this.blockSlots.length;
    if (this.recentPostings + unpostedCount > REBUILD_SHARE * (blockPostings + this.recentPostings + unpostedCount) || this.deadSlots > REBUILD_SHARE * this.slotIds.length) {
      this.rebuild();
    } else {
      for (const doc of this.unposted) {
        if (!this.alive[doc.slot]) continue;
        for (let i = 0; i < doc.terms.length; i++) {
          let list = this.recent.get(doc.terms[i]!);
          if (!list) this.recent.set(doc.terms[i]!, (list = { slots: [], tfs: [] }));
          list.slots.push(doc.slot);
          list.tfs.push(doc.tfs[i]!);
        }
        this.recentPostings += doc.terms.length;
      }
    }
    this.unposted = [];
    if (!this.normsFresh) {
      // One log per term, not per posting.
      const termCount = this.terms.length;
      if (this.idfs.length < termCount) this.idfs = new Float64Array(this.df.length);
      for (let t = 0; t < termCount; t++) this.idfs[t] = this.idf(t);
      const idfs = this.idfs;
      for (const doc of this.docs.values()) {
        let sum = 0;
        for (let i = 0; i < doc.terms.length; i++) {
          const w = doc.tfs[i]! * idfs[doc.terms[i]!]!;
          sum += w * w;
        }
        this.norms[doc.slot] = Math.sqrt(sum);
      }
      this.normsFresh = true;
    }
  }

  /** One bulk block from every live paper, slots renumbered densely (counting sort by term). */
  private rebuild(): void {
    const live = [...this.docs.entries()];
    const slotIds: string[] = new Array<string>(live.length);
    const termCount = this.terms.length;
    const offsets = new Int32Array(termCount + 1);
    let total = 0;
    for (const [, doc] of live) {
      for (const term of doc.terms) offsets[term + 1]!++;
      total += doc.terms.length;
    }
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, termCount);
    const slots = new Int32Array(total);
    const tfs = new Float32Array(total);
    live.forEach(([id, doc], slot) => {
      doc.slot = slot;
      slotIds[slot] = id;
      for (let i = 0; i < doc.terms.length; i++) {
        const at = fill[doc.terms[i]!]!++;
        slots[at] = slot;
        tfs[at] = doc.tfs[i]!;
      }
    });
    this.offsets = offsets;
    this.blockSlots = slots;
    this.blockTfs = tfs;
    this.slotIds = slotIds;
    this.alive = new Uint8Array(Math.max(1024, live.length * 2)).fill(1, 0, live.length);
    this.norms = new Float32Array(this.alive.length);
    this.recent.clear();
    this.recentPostings = 0;
    this.deadSlots = 0;
    this.normsFresh = false;
  }

  private ensureSlots(count: number): void {
    if (count <= this.alive.length) return;
    const size = Math.max(count, this.alive.length * 2);
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    const norms = new Float32Array(size);
    norms.set(this.norms);
    this.norms = norms;
  }

  private termId(token: string): number {
    this.termIdMap ??= new Map(this.terms.map((term, id) => [term, id]));
    let id = this.termIdMap.get(token);
    if (id === undefined) {
      id = this.terms.length;
      this.termIdMap.set(token, id);
      this.terms.push(token);
      if (id >= this.df.length) {
        this.df = grownInt32(this.df);
        this.termStamp = grownInt32(this.termStamp);
        this.termCount = grownInt32(this.termCount);
      }
    }
    return id;
  }
}

function grownInt32(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
