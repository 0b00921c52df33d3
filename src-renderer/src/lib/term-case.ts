/**
 * Aspect terms come from name lists of mixed origin: some lower case ("imagenet-1k"), some in
 * title case ("Semantic Textual Similarity"). Shown side by side they read as different kinds of
 * thing, so the display form lowers plain capitalised words and keeps words whose capitals carry
 * meaning: acronyms and names with inner capitals or digits (BERT, ImageNet, SimCLR, GPT-4, MS COCO).
 */
export function displayTerm(term: string): string {
  return term
    .split(/(\s+)/)
    .map((word) => (/^[A-Z][a-z]+(?:[-'][A-Za-z][a-z]*)*$/.test(word) ? word.toLowerCase() : word))
    .join('');
}

/** Display forms without repeats (two spellings that only differed in case show once). */
export function displayTerms(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const term of terms) {
    const shown = displayTerm(term);
    const key = shown.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(shown);
  }
  return out;
}
