/**
 * Word terms for the lexical baselines (TF-IDF, BM25): lower-cased runs of letters and digits,
 * at least two characters, minus a short English stop-word list. No stemming. This is deliberately
 * independent of Facet's model tokenizer, so the baselines do not inherit its choices.
 */

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers him his how however i if in into is it its itself just may me more most my no ' +
    'nor not of off on once only or other our ours out over own same she should so some such than that the ' +
    'their theirs them then there these they this those through thus to too under until up upon us very was ' +
    'we were what when where which while who whom why will with within without would you your yours'
  ).split(' '),
);

export function terms(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOP_WORDS.has(raw)) continue;
    out.push(raw);
  }
  return out;
}

/** A pool's documents as term-id bags, with document frequencies. */
export interface TermIndex {
  /** Per document: distinct term ids and their counts, same order. */
  docs: { ids: Int32Array; counts: Float32Array; length: number }[];
  /** Documents containing each term id. */
  docFreq: Int32Array;
  /** Term id -> documents (ascending) and the term's count in each. */
  postings: { docs: Int32Array; counts: Float32Array }[];
  vocabularySize: number;
}

export function buildTermIndex(texts: readonly string[]): TermIndex {
  const vocabulary = new Map<string, number>();
  const docs = texts.map((text) => {
    const counts = new Map<number, number>();
    const words = terms(text);
    for (const word of words) {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(word, id);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return {
      ids: Int32Array.from(counts.keys()),
      counts: Float32Array.from(counts.values()),
      length: words.length,
    };
  });
  const docFreq = new Int32Array(vocabulary.size);
  for (const doc of docs) for (const id of doc.ids) docFreq[id] = (docFreq[id] as number) + 1;
  const postings = Array.from(docFreq, (df) => ({ docs: new Int32Array(df), counts: new Float32Array(df) }));
  const fill = new Int32Array(vocabulary.size);
  docs.forEach((doc, docIndex) => {
    doc.ids.forEach((id, j) => {
      const list = postings[id] as { docs: Int32Array; counts: Float32Array };
      const at = fill[id] as number;
      list.docs[at] = docIndex;
      list.counts[at] = doc.counts[j] as number;
      fill[id] = at + 1;
    });
  });
  return { docs, docFreq, postings, vocabularySize: vocabulary.size };
}
