/**
 * Duplicate papers in a library.
 *
 * Exact duplicates share an arXiv id (any version), a DOI, or normalised title + first author's
 * family name + year. Near-duplicate candidates, typically a preprint and its published version
 * (one has the arXiv id, the other the DOI, the title changed a little), are found with the generic
 * embedding plus title similarity. To scale to 100k papers, pairs are only compared inside blocks:
 * papers that share one of their rarest title words, or fall in the same random-hyperplane bucket
 * of their vectors (which catches a re-worded title). No all-pairs pass.
 */
import { normaliseDoi, normaliseTitle, parseArxivId } from '../import/index.ts';
import { seededRandom } from '../util/seeded-random.ts';
import { dot } from '../util/vectors.ts';

export interface DuplicatePaper {
  id: string;
  title: string;
  authors: readonly string[];
  year: number | null;
  arxivId: string | null;
  doi: string | null;
}

export interface DuplicateCandidate {
  /** Paper ids, a before b in input order. */
  a: string;
  b: string;
  /** (cosine + titleSimilarity) / 2, in [-0.5, 1]. */
  score: number;
  cosine: number;
  /** Dice coefficient of the normalised titles' word sets, in [0, 1]. */
  titleSimilarity: number;
  /** A sentence for people, e.g. "likely preprint (arXiv 2205.13147) and published version (doi 10.1145/…)". */
  reason: string;
}

export interface CandidateOptions {
  /** Cosine of generic vectors needed (default DEFAULT_MIN_COSINE, measured: see docs/LIBRARY.md). */
  minCosine?: number;
  /** Title similarity needed (default DEFAULT_MIN_TITLE_SIMILARITY). */
  minTitleSimilarity?: number;
  /** Title-word blocks larger than this are too common to block on (default 400). */
  maxBlockSize?: number;
  /** Rarest title words per paper used as blocking keys (default 3). */
  wordsPerPaper?: number;
  /** Random-hyperplane LSH: bands x bits per band (default 6 x 14; 0 bands turns it off). */
  lshBands?: number;
  lshBits?: number;
  /** Told how many pairs the blocks produced (all pairs would be n(n-1)/2). */
  onStats?: (stats: { papers: number; pairsCompared: number }) => void;
}

/** Measured on the aspect model (docs/LIBRARY.md, "Near-duplicate threshold"). */
export const DEFAULT_MIN_COSINE = 0.85;
export const DEFAULT_MIN_TITLE_SIMILARITY = 0.5;

const STOPWORDS = new Set(
  'a an and are as at be by for from in into is it its of on or over than that the their this to towards toward under using via with without we our new based'.split(' '),
);

/** The family name of the first author, lower-cased ("Ostendorff" from "Malte Ostendorff" or "Ostendorff, Malte"). */
export function firstAuthorKey(authors: readonly string[]): string {
  const first = authors[0]?.trim() ?? '';
  if (!first) return '';
  const family = first.includes(',') ? first.split(',')[0]! : (first.split(/\s+/).at(-1) ?? '');
  return normaliseTitle(family);
}

/** Keys that make two papers the same paper: arXiv id, DOI, and title + first author + year. */
export function exactDuplicateKeys(paper: Pick<DuplicatePaper, 'title' | 'authors' | 'year' | 'arxivId' | 'doi'>): string[] {
  const keys: string[] = [];
  const arxivId = paper.arxivId ? parseArxivId(paper.arxivId) : null;
  if (arxivId) keys.push(`arxiv:${arxivId}`);
  const doi = paper.doi ? normaliseDoi(paper.doi) : null;
  if (doi) keys.push(`doi:${doi}`);
  const title = normaliseTitle(paper.title);
  const author = firstAuthorKey(paper.authors);
  if (title && author && paper.year !== null) keys.push(`tay:${title}|${author}|${paper.year}`);
  return keys;
}

/** Groups of ids (two or more, input order) that share an exact duplicate key, transitively. */
export function groupExactDuplicates(papers: Iterable<DuplicatePaper>): string[][] {
  const ids: string[] = [];
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const firstWithKey = new Map<string, number>();
  for (const paper of papers) {
    const index = ids.length;
    ids.push(paper.id);
    parent.push(index);
    for (const key of exactDuplicateKeys(paper)) {
      const other = firstWithKey.get(key);
      if (other === undefined) firstWithKey.set(key, index);
      else parent[find(index)] = find(other);
    }
  }
  const groups = new Map<number, string[]>();
  ids.forEach((id, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(id);
    else groups.set(root, [id]);
  });
  return [...groups.values()].filter((group) => group.length > 1);
}

function titleWords(title: string): string[] {
  return [...new Set(normaliseTitle(title).split(' ').filter((word) => word !== ''))];
}

/** Dice coefficient of two word sets. */
export function titleSimilarity(a: string, b: string): number {
  return diceOf(new Set(titleWords(a)), new Set(titleWords(b)));
}

function diceOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Near-duplicate candidates, best first. `vectors[i]` is the generic vector of `papers[i]` (or a
 * map by paper id); papers without a vector are compared by title only and never proposed.
 * Pairs that are certainly different papers (two different arXiv ids, or two different DOIs) are
 * not proposed; exact duplicates are (with reason "same …"), so one pass can feed the merge UI.
 */
export function findDuplicateCandidates(
  papers: readonly DuplicatePaper[],
  vectors: readonly (Float32Array | null | undefined)[] | ReadonlyMap<string, Float32Array>,
  options: CandidateOptions = {},
): DuplicateCandidate[] {
  const minCosine = options.minCosine ?? DEFAULT_MIN_COSINE;
  const minTitle = options.minTitleSimilarity ?? DEFAULT_MIN_TITLE_SIMILARITY;
  const maxBlock = options.maxBlockSize ?? 400;
  const wordsPerPaper = options.wordsPerPaper ?? 3;
  const vectorOf = (i: number): Float32Array | null =>
    (vectors instanceof Map ? (vectors as ReadonlyMap<string, Float32Array>).get(papers[i]!.id) : (vectors as readonly (Float32Array | null | undefined)[])[i]) ?? null;

  const pairs = new Set<number>();
  const n = papers.length;
  const addBlock = (members: readonly number[]) => {
    if (members.length < 2 || members.length > maxBlock) return;
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) pairs.add(members[x]! * n + members[y]!);
  };

  // Blocks by rare title words: document frequency first, then each paper's rarest words.
  const words = papers.map((paper) => titleWords(paper.title).filter((word) => word.length >= 3 && !STOPWORDS.has(word)));
  const frequency = new Map<string, number>();
  for (const list of words) for (const word of list) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const byWord = new Map<string, number[]>();
  words.forEach((list, i) => {
    const rarest = [...list].sort((x, y) => frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : 1)).slice(0, wordsPerPaper);
    for (const word of rarest) {
      const block = byWord.get(word);
      if (block) block.push(i);
      else byWord.set(word, [i]);
    }
  });
  for (const block of byWord.values()) addBlock(block);

  // Blocks by vector direction: papers whose vectors agree on all bits of a band share a bucket.
  const bands = options.lshBands ?? 6;
  const bits = options.lshBits ?? 14;
  const firstVector = papers.map((_, i) => vectorOf(i)).find((v) => v);
  if (bands > 0 && firstVector) {
    const dims = firstVector.length;
    const next = seededRandom(0x5eed);
    const planes = Array.from({ length: bands * bits }, () => Float32Array.from({ length: dims }, () => next() * 2 - 1));
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const vector = vectorOf(i);
      if (!vector || vector.length !== dims) continue;
      for (let band = 0; band < bands; band++) {
        let code = 0;
        for (let bit = 0; bit < bits; bit++) {
          const plane = planes[band * bits + bit]!;
          let dot = 0;
          for (let d = 0; d < dims; d++) dot += plane[d]! * vector[d]!;
          if (dot >= 0) code |= 1 << bit;
        }
        const key = `${band}:${code}`;
        const bucket = buckets.get(key);
        if (bucket) bucket.push(i);
        else buckets.set(key, [i]);
      }
    }
    for (const bucket of buckets.values()) addBlock(bucket);
  }

  options.onStats?.({ papers: n, pairsCompared: pairs.size });

  // Everything a pair needs, computed once per paper rather than once per pair.
  const arxivIds = papers.map((p) => (p.arxivId ? parseArxivId(p.arxivId) : null));
  const dois = papers.map((p) => (p.doi ? normaliseDoi(p.doi) : null));
  const wordSets = papers.map((p) => new Set(titleWords(p.title)));
  const norms = papers.map((_, i) => {
    const v = vectorOf(i);
    return v ? Math.sqrt(dot(v, v)) : 0;
  });
  const candidates: DuplicateCandidate[] = [];
  for (const pair of pairs) {
    const i = Math.floor(pair / n);
    const j = pair % n;
    const arxivA = arxivIds[i]!;
    const arxivB = arxivIds[j]!;
    const doiA = dois[i]!;
    const doiB = dois[j]!;
    if ((arxivA && arxivB && arxivA !== arxivB) || (doiA && doiB && doiA !== doiB)) continue;
    const vectorA = vectorOf(i);
    const vectorB = vectorOf(j);
    if (!vectorA || !vectorB || norms[i] === 0 || norms[j] === 0 || vectorA.length !== vectorB.length) continue;
    const cos = dot(vectorA, vectorB) / (norms[i]! * norms[j]!);
    if (cos < minCosine) continue;
    const similarity = diceOf(wordSets[i]!, wordSets[j]!);
    if (similarity < minTitle) continue;
    const a = papers[i]!;
    const b = papers[j]!;
    candidates.push({ a: a.id, b: b.id, score: (cos + similarity) / 2, cosine: cos, titleSimilarity: similarity, reason: reasonFor(arxivA, arxivB, doiA, doiB, a, b) });
  }
  return candidates.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}

function reasonFor(arxivA: string | null, arxivB: string | null, doiA: string | null, doiB: string | null, a: DuplicatePaper, b: DuplicatePaper): string {
  if (arxivA && arxivA === arxivB) return `same arXiv id ${arxivA}`;
  if (doiA && doiA === doiB) return `same DOI ${doiA}`;
  const preprint = arxivA && !doiA && doiB && !arxivB ? [arxivA, doiB] : arxivB && !doiB && doiA && !arxivA ? [arxivB, doiA] : null;
  if (preprint) return `likely preprint (arXiv ${preprint[0]}) and published version (doi ${preprint[1]})`;
  if (normaliseTitle(a.title) === normaliseTitle(b.title)) return 'same title, similar abstract';
  return 'similar title and abstract';
}
