/**
 * Which words of a paper a keyword query matched, as the paper spells them: what the UI highlights.
 * The full-text index stems words and drops stop words; this does the same in a simpler way (a few
 * English suffixes), so "embeddings" in a query finds "embedding" and "Embeddings" in a title.
 */

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'how', 'in', 'into', 'is', 'it', 'its', 'of', 'on', 'or', 'that',
  'the', 'their', 'this', 'to', 'we', 'what', 'when', 'which', 'with', 'without', 'via',
]);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;

/** A crude English stem: lower case, accents folded, common inflection suffixes removed. */
export function wordStem(word: string): string {
  let stem = word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/'s?$/, '');
  // Plurals first ("studies" -> "study", "boxes" -> "box", "sentences" -> "sentence"), then one
  // verb ending ("embedding", "embedded" -> "embedd").
  if (stem.length > 4 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (/(?:ss|x|z|ch|sh)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.length > 3 && stem.endsWith('s') && !/(?:ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (stem.length - suffix.length >= 4 && stem.endsWith(suffix)) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  return stem;
}

/** The stems of a query's content words. */
export function queryStems(query: string): Set<string> {
  const stems = new Set<string>();
  for (const match of query.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    stems.add(wordStem(word));
  }
  return stems;
}

/** The distinct words of `text` (first spelling seen) whose stem is one of the query's, in order of appearance. */
export function matchedWords(stems: ReadonlySet<string>, text: string): string[] {
  if (stems.size === 0) return [];
  const found = new Map<string, string>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const key = word.toLowerCase();
    if (found.has(key)) continue;
    if (stems.has(wordStem(word))) found.set(key, word);
  }
  return [...found.values()];
}
