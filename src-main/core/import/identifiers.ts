/**
 * Paper identifiers: arXiv ids, DOIs and normalised titles. These decide which records are the
 * same paper (see dedup.ts), so they must be deterministic and forgiving about how people write them.
 */

/** arXiv's new-style id (0704.0001 onwards): yymm.nnnn or yymm.nnnnn, optional version. */
const NEW_STYLE = String.raw`(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?`;
/** Old-style id (before April 2007): archive[.SUBJECT-CLASS]/yymmnnn, optional version. */
const OLD_STYLE = String.raw`([a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?`;
const ID = `(?:${NEW_STYLE}|${OLD_STYLE})`;

/** The whole text is an id (perhaps with an "arXiv:" prefix). */
const BARE_ID = new RegExp(String.raw`^\s*(?:arxiv\s*:\s*)?${ID}\s*$`, 'i');
/** An id inside text, where the context makes clear it is arXiv's: a URL, "arXiv:" or arXiv's DOI prefix. */
const ID_IN_CONTEXT = new RegExp(
  String.raw`(?:arxiv\.org/(?:abs|pdf|html|format)/|arxiv\s*:\s*|10\.48550/arxiv\.)${ID}(?![\d])`,
  'i',
);

/**
 * A bare arXiv id without version ("2205.13147", "hep-th/9901001"), or null.
 * Accepts a bare id, "arXiv:2205.13147v2", arxiv.org abs/pdf URLs, arXiv DOIs, and text that
 * mentions one of those ("arXiv preprint arXiv:2205.13147"). A bare number inside other text is not
 * taken as an id, so abstracts and page numbers do not produce false matches.
 */
export function parseArxivId(text: string): string | null {
  if (!text) return null;
  const match = BARE_ID.exec(text) ?? ID_IN_CONTEXT.exec(text);
  if (!match) return null;
  const newStyle = match[1];
  if (newStyle) return newStyle;
  const oldStyle = match[2];
  if (!oldStyle) return null;
  // Archive names are lower-case; the subject class (math.GT) keeps its capitals.
  const [archive = '', number = ''] = oldStyle.split('/');
  const dot = archive.indexOf('.');
  const normalisedArchive = dot < 0 ? archive.toLowerCase() : archive.slice(0, dot).toLowerCase() + '.' + archive.slice(dot + 1).toUpperCase();
  return `${normalisedArchive}/${number}`;
}

const DOI_BODY = /10\.\d{4,9}\/\S+/i;
const DOI_TRAILING_PUNCTUATION = /^[.,;:'"!?)\]}>]$/;

/**
 * A lower-cased DOI without resolver prefix ("10.1145/3529372.3530912"), or null.
 * Strips https://doi.org/, dx.doi.org, "doi:" and "DOI " prefixes, URL escapes and trailing
 * punctuation (a DOI copied from the end of a sentence). Unbalanced closing brackets are dropped;
 * balanced ones, as in 10.1002/(sici)..., are kept.
 */
export function normaliseDoi(text: string): string | null {
  if (!text) return null;
  let candidate = text.trim();
  if (/%2f/i.test(candidate)) {
    try {
      candidate = decodeURIComponent(candidate);
    } catch {
      // A malformed escape: keep the text as written.
    }
  }
  const match = DOI_BODY.exec(candidate);
  if (!match) return null;
  let doi = match[0];
  for (;;) {
    const last = doi.at(-1) ?? '';
    if (!DOI_TRAILING_PUNCTUATION.test(last)) break;
    // Keep a closing bracket that closes one opened inside the DOI.
    if (last === ')' && count(doi, '(') >= count(doi, ')')) break;
    if (last === ']' && count(doi, '[') >= count(doi, ']')) break;
    doi = doi.slice(0, -1);
  }
  if (!/^10\.\d{4,9}\/.+/.test(doi)) return null;
  return doi.toLowerCase();
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/**
 * The comparison form of a title: NFKC, lower-case, LaTeX braces and simple commands removed,
 * accents removed, every run of punctuation or space folded to one space.
 * "{DECOR}:Decomposition" and "Decor: decomposition" give the same result.
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    // LaTeX accents ({\"u}, \'e, \v{c}) keep their letter; other commands (\emph) are dropped.
    .replace(/\\[`'^"~=.]\s*/g, '')
    .replace(/\\[vuHcdbkr]\s*\{(\p{L})\}/gu, '$1')
    .replace(/\\[a-zA-Z]+\s*/g, ' ')
    .replace(/[{}]/g, '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
