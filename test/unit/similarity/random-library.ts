/**
 * Seeded texts over a vocabulary with a Zipf-like spread of word frequencies (a few words in most
 * papers, most words in few), the shape of a real library's term statistics.
 */
export function randomLibrary(papers: number, seed: number, vocabulary = 3_000): Map<string, string> {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const words = Array.from({ length: vocabulary }, (_, i) => `w${i.toString(36)}`);
  const docs = new Map<string, string>();
  for (let p = 0; p < papers; p++) {
    const length = 20 + Math.floor(random() * 80);
    // Rank ~ vocabulary ** u: the chance of a word falls with its rank roughly as 1 / rank.
    const text = Array.from({ length }, () => words[Math.min(vocabulary - 1, Math.floor(vocabulary ** random()) - 1)]).join(' ');
    docs.set(`p${p}`, text);
  }
  return docs;
}
