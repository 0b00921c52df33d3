/**
 * Generated citation keys, for papers whose source gave none (digest pages, PDFs, identifier
 * lists): first author's family name, year, first significant title word, lower-case ASCII
 * ("chen2020simple"), then "a", "b", … when the library already uses it. The store gives a paper
 * its key once, when it is first stored, and never changes it, so a \cite written today still
 * resolves after later imports.
 */

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'and', 'in', 'to', 'with', 'towards', 'toward', 'from', 'by', 'via', 'is', 'are', 'do', 'does', 'what', 'how', 'when', 'why']);

function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

/** The family name of "Jane Smith" or "Smith, Jane": the part before a comma, else the last word. */
function familyName(author: string): string {
  const trimmed = author.trim();
  if (trimmed.includes(',')) return trimmed.split(',')[0]!.trim().split(/\s+/).at(-1) ?? '';
  return trimmed.split(/\s+/).at(-1) ?? '';
}

export interface KeyedPaper {
  id: string;
  title: string;
  authors: readonly string[];
  year: number | null;
}

/** "smith2022contrastive"; "paper" + the id's letters when there is nothing else to go on. */
export function baseCitationKey(paper: KeyedPaper): string {
  const author = asciiWord(familyName(paper.authors[0] ?? ''));
  const titleWord = paper.title.split(/[\s:;,.!?/—–-]+/).map(asciiWord).find((word) => word.length > 0 && !STOP_WORDS.has(word)) ?? '';
  const key = `${author}${paper.year ?? ''}${titleWord}`;
  return key.length > 0 ? key : `paper${asciiWord(paper.id).slice(0, 16)}`;
}

/** `base`, else base + a…z, then aa, ab, …: the first one not in `used`. */
export function disambiguatedKey(base: string, used: ReadonlySet<string>): string {
  if (!used.has(base)) return base;
  for (let n = 0; ; n++) {
    const key = `${base}${suffix(n)}`;
    if (!used.has(key)) return key;
  }
}

function suffix(n: number): string {
  let text = '';
  let rest = n;
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return text;
}
