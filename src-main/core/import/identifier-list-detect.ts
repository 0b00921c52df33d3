/**
 * Tells a list of paper identifiers (arXiv ids, arXiv URLs, DOIs, one or a few per line, maybe with
 * a short label such as "see" or "1.") from a digest page, so that `facet import ids.txt` stores
 * identifier stubs instead of one paper titled "see https://arxiv.org/abs/…".
 */

/** What may stand beside the identifiers on a line of a list: a label, numbering, punctuation. */
const MAX_RESIDUE_CHARS = 40;
const MAX_LINES_LOOKED_AT = 200;

const IDENTIFIER_TEXT = [
  /(?:https?:\/\/(?:dx\.)?doi\.org\/|doi\s*:\s*)?10\.\d{4,9}\/[^\s"<>]+/gi,
  /(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/\S+/gi,
  /arxiv\s*:\s*\S+/gi,
  /\b\d{4}\.\d{4,5}(?:v\d+)?\b/g,
  /\b[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?\b/g,
];

/** True when every non-blank, non-comment line of `head` names a paper by identifier and little else. */
export function looksLikeIdentifierList(head: string): boolean {
  const all = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The head may end inside a line: judge whole lines only.
  if (all.length > 1 && !/\n$/.test(head)) all.pop();
  const lines = all
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('%'))
    .slice(0, MAX_LINES_LOOKED_AT);
  if (lines.length === 0) return false;
  return lines.every((line) => {
    if (!IDENTIFIER_TEXT.some((pattern) => new RegExp(pattern.source, pattern.flags).test(line))) return false;
    let residue = line;
    for (const pattern of IDENTIFIER_TEXT) residue = residue.replace(pattern, ' ');
    return residue.replace(/[\s,;|•·*()[\]<>"'.:–—-]+/g, ' ').trim().length <= MAX_RESIDUE_CHARS;
  });
}
