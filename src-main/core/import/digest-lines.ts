/**
 * What one line of a pasted digest page is: page chrome (navigation, banners), an entry's metadata
 * line (author count, separator dot, date), or content (a title or abstract).
 */

export type DigestLine =
  | { kind: 'blank' }
  /** `date` is a full date printed inside a chrome line ("Daily Papers — Feb 14, 2025"). */
  | { kind: 'chrome'; date: PrintedDate | null }
  | { kind: 'meta'; date: PrintedDate | null; entry?: EntryMeta }
  | { kind: 'content'; text: string };

/** What an entry's own metadata line says about it besides a date: its authors, arXiv id, link. */
export interface EntryMeta {
  authors?: string[];
  arxivId?: string;
  url?: string;
}

/** A date as a page prints it; the year is missing for "Feb 11". */
export interface PrintedDate {
  year: number | null;
  month: number;
  day: number;
}

/** Exact page texts (lower-cased) of listing sites such as Hugging Face Papers. */
const CHROME_TEXTS = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'daily papers',
  'trending papers',
  'upvote',
  'load more',
  'view all',
  'see all',
  'show more',
  'previous',
  'next',
  'hugging face',
  'models',
  'datasets',
  'spaces',
  'posts',
  'docs',
  'enterprise',
  'pricing',
  'log in',
  'login',
  'sign up',
  'papers',
  'collections',
  'search',
  'company',
  'tos',
  'privacy',
  'about',
  'jobs',
  'website',
  'system theme',
  'copy link',
]);

const CHROME_PATTERNS: RegExp[] = [
  /^by\s*ak\b.*\bresearch community$/i,
  /^submitted by\b/i,
  /^(?:daily|weekly|monthly|trending) papers\b.{0,40}$/i,
  /^(?:previous|next) (?:day|week|month|page)$/i,
  /^page \d+(?: of \d+)?$/i,
  /^(?:©|\(c\)|copyright\b)/i,
];

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAME = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
/** A small counter (upvotes, comments) may follow a date: "Feb 11  3", "Feb 11 · 12". */
const COUNTER = String.raw`(?:\s*[·•|]?\s*\d{1,6})?`;
const PREFIX = String.raw`(?:(?:published|submitted)(?: on)?\s+)?`;
const MONTH_DAY_YEAR = new RegExp(String.raw`^${PREFIX}${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?${COUNTER}$`, 'i');
const DAY_MONTH_YEAR = new RegExp(String.raw`^${PREFIX}(\d{1,2})\s+${MONTH_NAME}(?:,?\s+(\d{4}))?${COUNTER}$`, 'i');
const ISO_DATE = new RegExp(String.raw`^${PREFIX}(\d{4})-(\d{2})-(\d{2})${COUNTER}$`, 'i');

const AUTHOR_COUNT = /^[•·*-]?\s*\d{1,5}\s+authors?$/i;
/** "Authors: Jane Smith, Li Wei and Ann Lee" (arXiv listings, mailing lists). */
const AUTHORS_LINE = /^(?:authors?|by)\s*:\s*(\S.{0,2000})$/i;
const ARXIV_ID = String.raw`(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?`;
/** "arXiv:2205.13147 [pdf, other]" on its own line, or an arXiv abstract / PDF address alone. */
const ARXIV_LINE = new RegExp(String.raw`^(?:arxiv\s*:\s*${ARXIV_ID}(?:\s*\[[^\]]*\])?|(https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/${ARXIV_ID}(?:\.pdf)?))$`, 'i');
const SEPARATOR = /^[·•|–—-]$/;
const COUNTER_ONLY = /^\d{1,6}$/;

export function classifyDigestLine(raw: string): DigestLine {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'blank' };
  if (CHROME_TEXTS.has(text.toLowerCase()) || CHROME_PATTERNS.some((pattern) => pattern.test(text))) {
    return { kind: 'chrome', date: findFullDate(text) };
  }
  if (AUTHOR_COUNT.test(text) || SEPARATOR.test(text) || COUNTER_ONLY.test(text)) return { kind: 'meta', date: null };
  const authors = AUTHORS_LINE.exec(text);
  if (authors) return { kind: 'meta', date: null, entry: { authors: splitAuthors(authors[1]!) } };
  const arxiv = ARXIV_LINE.exec(text);
  if (arxiv) {
    const id = arxiv[1] ?? arxiv[3]!;
    return { kind: 'meta', date: null, entry: { arxivId: id, url: `https://arxiv.org/abs/${id}` } };
  }
  const date = parsePrintedDate(text);
  if (date) return { kind: 'meta', date };
  const combined = parseMetaRun(text);
  if (combined) return combined;
  return { kind: 'content', text: stripMarkup(text) };
}

/**
 * Several metadata items on one line, split by "·" or "•" ("• 5 authors · Apr 1 · 12"), as a
 * page's inline elements give when its HTML is turned into text. Null unless every piece is one.
 */
function parseMetaRun(text: string): DigestLine | null {
  if (!/[·•|]/.test(text)) return null;
  const pieces = text.split(/\s*[·•|]\s*/).filter((piece) => piece !== '');
  if (pieces.length === 0) return null;
  let date: PrintedDate | null = null;
  for (const piece of pieces) {
    if (AUTHOR_COUNT.test(piece) || COUNTER_ONLY.test(piece)) continue;
    const pieceDate = parsePrintedDate(piece);
    if (!pieceDate) return null;
    date ??= pieceDate;
  }
  return { kind: 'meta', date };
}

/** A standalone date line ("Dec 16, 2021", "Feb 11", "Feb 11 · 12", "2021-12-16"), else null. */
export function parsePrintedDate(text: string): PrintedDate | null {
  let match = MONTH_DAY_YEAR.exec(text);
  if (match) return checked(match[3], monthNumber(match[1]), match[2]);
  match = DAY_MONTH_YEAR.exec(text);
  if (match) return checked(match[3], monthNumber(match[2]), match[1]);
  match = ISO_DATE.exec(text);
  if (match) return checked(match[1], Number(match[2]), match[3]);
  return null;
}

const FULL_DATE_INSIDE = new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{1,2}),?\s+(\d{4})\b`, 'i');

/** A "Feb 14, 2025" date anywhere in the text, else null. */
function findFullDate(text: string): PrintedDate | null {
  const match = FULL_DATE_INSIDE.exec(text);
  return match ? checked(match[3], monthNumber(match[1]), match[2]) : null;
}

function monthNumber(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase().slice(0, 3)] ?? 0;
}

function checked(year: string | undefined, month: number, day: string | undefined): PrintedDate | null {
  const dayNumber = Number(day);
  if (month < 1 || month > 12 || !(dayNumber >= 1 && dayNumber <= 31)) return null;
  return { year: year === undefined ? null : Number(year), month, day: dayNumber };
}

/** "A, B and C" / "A; B" / "A, B, C": the names in order. */
function splitAuthors(text: string): string[] {
  return text
    .replace(/\s+et al\.?$/i, '')
    .split(/\s*(?:;|,|\band\b|&)\s*/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Markdown headings and emphasis around a pasted title or abstract. */
function stripMarkup(text: string): string {
  return text
    .replace(/^#{1,6}\s+/, '')
    .replace(/^\*\*(.+)\*\*$/, '$1')
    .replace(/^__(.+)__$/, '$1')
    .trim();
}

/** yyyy-mm-dd, or null when the day does not exist in that month. */
export function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
