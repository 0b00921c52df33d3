/**
 * What a paper is placed by on a Task, Method or Dataset map: its aspect vector joined with a
 * small hashed, IDF-weighted bag of the aspect terms the tagger found in it.
 *
 * Why the terms: in the committed model the method vectors are the task vectors (its model card
 * says the method discriminant was worse on every dev set), and the aspect vectors of different
 * aspects are close for most papers; the aspects differ most in what the neighbour ranking adds
 * on top of the vectors. The tagged terms are what a reader sees in a region's name, so a map that
 * also places papers by them groups "same method" papers on the Method map and "same task" papers
 * on the Task map. The Overall map uses the generic vector alone.
 */
import type { Aspect, AspectTerms } from '../../common/contract.ts';

/** Hashed term dimensions: enough that a few thousand distinct terms rarely collide in a neighbourhood. */
export const TERM_DIMS = 128;
/** Share of the squared length given to the terms (the vector has the rest) for papers that have terms. */
export const TERM_WEIGHT = 0.5;
/** Changes whenever the recipe below changes, so cached maps made another way are laid out again. */
export const FEATURES_VERSION = `vector+terms:${TERM_DIMS}:${TERM_WEIGHT}`;

export function layoutTerms(aspect: Aspect, terms: AspectTerms): readonly string[] {
  return aspect === 'generic' ? [...terms.task, ...terms.method, ...terms.dataset] : terms[aspect];
}

/** Inverse document frequency, log(1 + N / df), of each term over the given papers (a term counts once per paper). */
export function termIdf(termLists: readonly (readonly string[])[]): Map<string, number> {
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) for (const term of new Set(terms.map(normalise))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const count = termLists.length;
  return new Map([...documentFrequency].map(([term, df]) => [term, Math.log(1 + count / df)]));
}

function normalise(term: string): string {
  return term.normalize('NFC').trim().toLowerCase();
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/**
 * The layout vector of one paper: [sqrt(1 - w) * vector, sqrt(w) * terms] with unit length, where
 * `terms` is the unit-length hashed IDF bag; a paper without terms keeps its vector alone.
 */
export function layoutVector(vector: Float32Array, terms: readonly string[], idf: ReadonlyMap<string, number>): Float32Array {
  const out = new Float32Array(vector.length + TERM_DIMS);
  const bag = out.subarray(vector.length);
  for (const term of new Set(terms.map(normalise))) {
    if (term === '') continue;
    const h = hash(term);
    bag[h % TERM_DIMS] = bag[h % TERM_DIMS]! + ((h >>> 31) === 1 ? -1 : 1) * (idf.get(term) ?? 1);
  }
  let bagNorm = 0;
  for (const value of bag) bagNorm += value * value;
  bagNorm = Math.sqrt(bagNorm);
  let vectorNorm = 0;
  for (const value of vector) vectorNorm += value * value;
  vectorNorm = Math.sqrt(vectorNorm) || 1;
  const vectorScale = (bagNorm > 0 ? Math.sqrt(1 - TERM_WEIGHT) : 1) / vectorNorm;
  for (let d = 0; d < vector.length; d++) out[d] = vector[d]! * vectorScale;
  const bagScale = bagNorm > 0 ? Math.sqrt(TERM_WEIGHT) / bagNorm : 0;
  for (let d = 0; d < TERM_DIMS; d++) bag[d] = bag[d]! * bagScale;
  return out;
}
