/**
 * Title, authors, abstract and identifiers from the text lines of a paper's first pages.
 *
 * Heuristics (typeset papers: arXiv, ACL, IEEE, ACM, Springer layouts):
 * - title: the run of consecutive page-1 lines set in the largest font (stamps, running heads and
 *   very short lines excluded); the PDF's Title info field when no line qualifies;
 * - authors: the lines between the title and the abstract, minus affiliations, e-mails and marks;
 * - abstract: the text after an "Abstract" heading up to the first section heading ("1 Introduction",
 *   "Keywords", "Index Terms", "CCS Concepts"), hyphenation at line ends undone;
 * - arXiv id: arXiv's margin stamp or an "arXiv:" mention; DOI: a "doi" mention or a doi.org link.
 */
import { normaliseDoi, parseArxivId } from '../import/index.ts';
import type { PdfLine, PdfText } from './pdf-text.ts';
import { emptyLibraryRecord, type LibraryRecord } from './types.ts';

export interface PdfMetadata {
  record: LibraryRecord;
  /** Things a person should know (no abstract found, title from the file name, …). */
  warnings: string[];
}

const MAX_ABSTRACT_CHARS = 6000;
const MAX_TITLE_CHARS = 400;

/** "Abstract" alone on its line or followed by punctuation ("Abstract—We …", "Abstract. We …"), not "Abstract Syntax …". */
const ABSTRACT_HEADING = /^\s*(?:a\s?b\s?s\s?t\s?r\s?a\s?c\s?t|summary)\s*(?:$|[.:—–-]\s*)/i;
const SECTION_HEADING =
  /^\s*(?:(?:1|I|1\.)\s*\.?\s+introduction\b|introduction\s*$|keywords?\b|key\s*words\b|index terms\b|ccs concepts\b|acm reference format\b|(?:1|I)\.?\s+(?:background|motivation|overview)\b)/i;
/** arXiv's margin stamp and other lines that are never a title. */
const NOT_TITLE =
  /^(?:arxiv:|preprint|under review|published as|accepted|proceedings of|in proceedings|copyright|©|\d+$|page \d|vol\.|journal of|ieee transactions|workshop|draft)/i;
const AFFILIATION =
  /\b(?:universit|institut|department|dept\.|laborator|school|college|faculty|centre|center|inc\.|ltd|gmbh|corporation|research|google|microsoft|meta|amazon|deepmind|openai|academy|hospital|street|road|avenue|\d{5})/i;
const YEAR_CONTEXT = /\b(?:proceedings|conference|published|accepted|journal|workshop|copyright|©|symposium|transactions|iclr|neurips|nips|icml|acl|emnlp|naacl|cvpr|iccv|eccv|aaai|ijcai|kdd|sigir|www|jcdl)\b/i;

export function metadataFromPdfText(pdf: PdfText, fileName: string): PdfMetadata {
  const record = emptyLibraryRecord();
  const warnings: string[] = [];
  const firstPage = pdf.lines.filter((line) => line.page === 1);

  const title = findTitle(firstPage);
  const abstractAt = pdf.lines.findIndex((line) => ABSTRACT_HEADING.test(line.text) && line.text.length < 400);
  if (title) {
    record.title = title.text;
  } else if (pdf.infoTitle && looksLikeTitle(pdf.infoTitle)) {
    record.title = pdf.infoTitle;
    warnings.push('no title found on page 1: used the PDF\'s Title field');
  } else {
    record.title = fileName.replace(/\.pdf$/i, '').replace(/[_]+/g, ' ').trim();
    warnings.push('no title found on page 1: used the file name');
  }
  record.title = record.title.slice(0, MAX_TITLE_CHARS);

  if (abstractAt >= 0) {
    record.abstract = collectAbstract(pdf.lines, abstractAt);
  }
  if (!record.abstract) warnings.push('no "Abstract" section found: imported title-only');

  if (title) {
    const authorEnd = abstractAt >= 0 && pdf.lines[abstractAt]!.page === 1 ? firstPage.indexOf(pdf.lines[abstractAt]!) : Math.min(firstPage.length, title.end + 8);
    record.authors = findAuthors(firstPage.slice(title.end, authorEnd > title.end ? authorEnd : title.end + 8));
  }
  if (record.authors.length === 0 && pdf.infoAuthor) record.authors = splitNames(pdf.infoAuthor);

  const allText = pdf.lines.map((line) => line.text);
  record.arxivId = findArxivId(allText);
  record.doi = findDoi(allText, firstPage.map((line) => line.text));
  record.year = findYear(record.arxivId, firstPage.slice(0, abstractAt >= 0 ? Math.max(abstractAt, 1) : 15));
  if (record.arxivId) record.url = `https://arxiv.org/abs/${record.arxivId}`;
  else if (record.doi) record.url = `https://doi.org/${record.doi}`;
  return { record, warnings };
}

function looksLikeTitle(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 8 && /\p{L}{3}/u.test(trimmed) && !/^(?:microsoft word|untitled|document\d*|\S+\.(?:docx?|tex|dvi|pdf))/i.test(trimmed);
}

function findTitle(lines: readonly PdfLine[]): { text: string; end: number } | null {
  const candidates = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line, index }) => index < 40 && isTitleCandidate(line.text));
  if (candidates.length === 0) return null;
  const largest = Math.max(...candidates.map(({ line }) => line.size));
  const start = candidates.find(({ line }) => line.size >= largest - 0.5);
  if (!start) return null;
  const parts = [start.line.text];
  let end = start.index + 1;
  // A title wraps onto following lines of the same size (at most four).
  while (end < lines.length && parts.length < 5) {
    const next = lines[end]!;
    if (Math.abs(next.size - start.line.size) > 0.5 || !isTitleCandidate(next.text)) break;
    parts.push(next.text);
    end++;
  }
  const text = joinWrapped(parts);
  return looksLikeTitle(text) ? { text, end } : null;
}

function isTitleCandidate(text: string): boolean {
  return text.length >= 3 && /\p{L}{2}/u.test(text) && !NOT_TITLE.test(text) && !ABSTRACT_HEADING.test(text) && !/@/.test(text);
}

/** Joins wrapped lines, undoing a hyphen that broke a word at a line end. */
function joinWrapped(parts: readonly string[]): string {
  let text = '';
  for (const part of parts) {
    if (!text) text = part;
    else if (/\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(part)) text = text.slice(0, -1) + part;
    else text += ' ' + part;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function collectAbstract(lines: readonly PdfLine[], headingAt: number): string {
  const heading = lines[headingAt]!;
  const parts: string[] = [];
  const rest = heading.text.replace(ABSTRACT_HEADING, '').trim();
  if (rest) parts.push(rest);
  let length = rest.length;
  for (let i = headingAt + 1; i < lines.length && length < MAX_ABSTRACT_CHARS; i++) {
    const line = lines[i]!;
    if (SECTION_HEADING.test(line.text)) break;
    // A much larger font is a new heading; a page change after some text ends the abstract too.
    if (line.size > heading.size * 1.3 && parts.length > 0) break;
    if (line.page !== heading.page && length > 200) break;
    parts.push(line.text);
    length += line.text.length + 1;
  }
  return joinWrapped(parts).slice(0, MAX_ABSTRACT_CHARS);
}

function findAuthors(lines: readonly PdfLine[]): string[] {
  const names: string[] = [];
  for (const line of lines) {
    if (/@|https?:|www\./i.test(line.text) || AFFILIATION.test(line.text)) continue;
    for (const name of splitNames(line.text)) if (!names.includes(name)) names.push(name);
    if (names.length >= 30) break;
  }
  return names;
}

/** Splits an author line on commas, "and", "&" and middle dots; keeps parts that look like names. */
export function splitNames(text: string): string[] {
  return text
    .replace(/[*†‡§¶∗♠♣♥♦⋆]+|\d+(?:,\d+)*/g, ' ')
    .split(/\s*(?:,|;|·|•|\band\b|&)\s*/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => looksLikeName(part));
}

function looksLikeName(part: string): boolean {
  const words = part.split(' ');
  if (words.length < 2 || words.length > 5) return false;
  return words.every((word) => /^(?:\p{Lu}[\p{L}'’.-]*|van|von|der|de|la|di|da|del|le|bin|al-\p{L}+)$/u.test(word));
}

function findArxivId(texts: readonly string[]): string | null {
  for (const text of texts) {
    const id = parseArxivId(text);
    if (id) return id;
  }
  return null;
}

const DOI_MENTION = /(?:\bdoi\s*:?\s*|doi\.org\/)(10\.\d{4,9}\/\S+)/i;
const BARE_DOI = /\b10\.\d{4,9}\/[^\s"<>]+/;

function findDoi(allTexts: readonly string[], firstPageTexts: readonly string[]): string | null {
  for (const text of allTexts) {
    const mention = DOI_MENTION.exec(text);
    const doi = mention?.[1] ? normaliseDoi(mention[1]) : null;
    if (doi) return doi;
  }
  // A bare DOI counts on page 1 only (later pages may cite other papers' DOIs).
  for (const text of firstPageTexts) {
    const bare = BARE_DOI.exec(text);
    const doi = bare ? normaliseDoi(bare[0]) : null;
    if (doi && !doi.startsWith('10.48550/')) return doi;
  }
  return null;
}

function findYear(arxivId: string | null, headLines: readonly PdfLine[]): number | null {
  const newStyle = arxivId ? /^(\d{2})(\d{2})\./.exec(arxivId) : null;
  if (newStyle) return 2000 + Number(newStyle[1]);
  const oldStyle = arxivId ? /\/(\d{2})\d{5}$/.exec(arxivId) : null;
  if (oldStyle) {
    const yy = Number(oldStyle[1]);
    return yy >= 91 ? 1900 + yy : 2000 + yy;
  }
  const now = new Date().getUTCFullYear();
  for (const line of headLines) {
    if (!YEAR_CONTEXT.test(line.text)) continue;
    const match = /\b(19[5-9]\d|20\d\d)\b/.exec(line.text);
    if (match && Number(match[1]) <= now + 1) return Number(match[1]);
  }
  return null;
}
