/**
 * Digest pages: pasted or saved listing pages (Hugging Face "Daily Papers" and similar).
 *
 * Two layouts are read:
 * - plain: page chrome, then repeated title line, blank line, abstract paragraph;
 * - listing: the same, but an abstract may be cut short ("…") and an entry may be followed by
 *   metadata lines ("• 7 authors", "·", "Dec 16, 2021", "Feb 11 · 12").
 * Chrome lines are recognised by their text; titles and abstracts are told apart by shape (an
 * abstract is long or made of sentences; a title is short and does not end with a full stop).
 */
import type { SourceLine } from './decode.ts';
import { classifyDigestLine, isoDate, type EntryMeta, type PrintedDate } from './digest-lines.ts';
import { emptyDraft, problemItem, type DraftItem, type ParseContext } from './records.ts';

type Unit =
  | { kind: 'content'; text: string; line: number }
  | { kind: 'meta'; date: PrintedDate | null; entry?: EntryMeta; line: number }
  | { kind: 'chrome'; date: PrintedDate | null; line: number };

interface Entry {
  title: string;
  line: number;
  abstract: string[];
  date: PrintedDate | null;
  meta: EntryMeta;
  /** Metadata lines close an entry: the next content starts a new one. */
  closed: boolean;
}

/** A line this long is an abstract, never a title. */
const LONG_LINE = 200;
/** Hard-wrapped text (Markdown, e-mail) keeps lines shorter than this; a longer line means the
 *  paragraph's lines are separate units (a title and its abstract pasted without a blank line). */
const UNWRAPPED_LINE = 120;
/** At most this many title-only lines before the first real entry are taken as page headings. */
const MAX_HEADING_LINES = 4;

export async function* parseDigest(lines: AsyncIterable<SourceLine>, context: ParseContext): AsyncGenerator<DraftItem> {
  let pageYear: number | null = null;
  /**
   * A date line before the first entry ("Mar 14" under a daily page's banner): the date of the
   * entries that print none, as long as no entry before them printed its own (a listing whose
   * entries carry dates leaves an undated one undated rather than guess).
   */
  let pageDate: PrintedDate | null = null;
  let entryDated = false;
  let entry: Entry | null = null;
  const units = peekable(digestUnits(lines));
  // Title-shaped lines before the first real entry (one with an abstract or metadata lines) are
  // page headings ("Reading list"), unless the page turns out to list titles only, or more lines
  // come first than a page heading has.
  const leading: Entry[] = [];
  let seenRealEntry = false;
  function* emit(done: Entry): Generator<DraftItem> {
    if (done.date) entryDated = true;
    const headingDate = entryDated ? null : pageDate;
    if (!seenRealEntry) {
      if (done.abstract.length === 0 && !done.closed && leading.length < MAX_HEADING_LINES) {
        leading.push(done);
        return;
      }
      seenRealEntry = true;
      if (leading.length >= MAX_HEADING_LINES) {
        for (const titleOnly of leading.splice(0)) yield* finishEntry(titleOnly, pageYear, headingDate, context);
      }
      for (const heading of leading) {
        yield problemItem(context, 'warning', heading.line, shortTitle(heading.title), `ignored "${shortTitle(heading.title)}" at line ${heading.line}: a line without an abstract before the first paper is taken as a page heading`);
      }
      leading.length = 0;
    }
    yield* finishEntry(done, pageYear, headingDate, context);
  }

  for (let unit = await units.next(); unit; unit = await units.next()) {
    if (unit.kind === 'chrome') {
      if (unit.date?.year != null && pageYear === null) pageYear = unit.date.year;
      if (unit.date && !entry) pageDate ??= unit.date;
      continue;
    }
    if (unit.kind === 'meta') {
      if (entry) {
        if (unit.date && !entry.date) entry.date = unit.date;
        if (unit.entry) entry.meta = { ...unit.entry, ...entry.meta };
        entry.closed = true;
      } else if (unit.date) {
        pageDate ??= unit.date;
        if (unit.date.year != null && pageYear === null) pageYear = unit.date.year; // a full date in the page header dates the page
      }
      continue;
    }
    if (!entry || entry.closed) {
      if (entry) yield* emit(entry);
      entry = startEntry(unit);
      continue;
    }
    if (entry.abstract.length === 0) {
      // A short, title-shaped paragraph right after a title is still its abstract when the
      // entry's metadata lines follow (a listing's cut-short abstract).
      const next = await units.peek();
      if (looksLikeAbstract(unit.text) || next?.kind === 'meta') {
        entry.abstract.push(unit.text);
      } else {
        yield* emit(entry);
        entry = startEntry(unit);
      }
      continue;
    }
    if (looksLikeProse(unit.text)) {
      entry.abstract.push(unit.text); // a second abstract paragraph
    } else {
      yield* emit(entry);
      entry = startEntry(unit);
    }
  }
  if (entry) yield* emit(entry);
  if (!seenRealEntry) for (const titleOnly of leading) yield* finishEntry(titleOnly, pageYear, entryDated ? null : pageDate, context);
}

function startEntry(unit: { text: string; line: number }): Entry {
  return { title: unit.text, line: unit.line, abstract: [], date: null, meta: {}, closed: false };
}

function* finishEntry(entry: Entry, pageYear: number | null, pageDate: PrintedDate | null, context: ParseContext): Generator<DraftItem> {
  const abstract = entry.abstract.join('\n\n');
  if (!abstract && entry.title.split(/\s+/).length < 2) {
    yield problemItem(context, 'warning', entry.line, entry.title, `ignored "${entry.title}" at line ${entry.line}: a lone word without an abstract does not look like a paper`);
    return;
  }
  const draft = emptyDraft(entry.line);
  draft.title = entry.title;
  draft.abstract = abstract;
  if (entry.meta.authors) draft.authors = entry.meta.authors;
  if (entry.meta.arxivId) draft.arxivId = entry.meta.arxivId;
  if (entry.meta.url) draft.url = entry.meta.url;
  const printed = entry.date ?? pageDate;
  if (printed) {
    const year = printed.year ?? pageYear ?? yearBefore(context.now, printed);
    draft.year = year;
    draft.date = isoDate(year, printed.month, printed.day);
  }
  if (/(?:…|\.\.\.)$/.test(abstract)) {
    yield problemItem(context, 'warning', entry.line, shortTitle(entry.title), 'abstract looks truncated (it ends with an ellipsis); stored as it is');
  }
  yield { kind: 'draft', draft };
}

/** The year of the latest occurrence of this month and day that is not after `now`. */
function yearBefore(now: Date, date: PrintedDate): number {
  const year = now.getUTCFullYear();
  const thisYear = Date.UTC(year, date.month - 1, date.day);
  return thisYear > now.getTime() + 24 * 3600 * 1000 ? year - 1 : year;
}

function shortTitle(title: string): string {
  return title.length > 80 ? `${title.slice(0, 77)}...` : title;
}

/**
 * True for text shaped like an abstract rather than a title: long, ending in a full stop or an
 * ellipsis after several words, or holding a sentence break in a long text. Titles in real
 * listings are under ~180 characters, rarely end with a full stop, and may contain "?" or ":".
 */
export function looksLikeAbstract(text: string): boolean {
  const words = text.split(/\s+/).length;
  if (text.length >= LONG_LINE) return true;
  if (/(?:…|\.\.\.)$/.test(text) && words >= 5) return true;
  if (/[^.]\.$/.test(text) && (words >= 6 || hasSentenceBreak(text))) return true;
  return text.length >= 150 && hasSentenceBreak(text);
}

/** Abbreviations that end with "." inside titles and sentences ("vs. In-Weights", "et al. Show"). */
const ABBREVIATIONS = new Set(['etc', 'fig', 'figs', 'eqs', 'vol', 'approx', 'resp', 'incl', 'dept', 'univ', 'prof', 'nos']);

/** A full stop after a word of three or more letters (not an abbreviation), then a capital. */
function hasSentenceBreak(text: string): boolean {
  for (const match of text.matchAll(/([\p{L}\d)]+)\.\s+\p{Lu}/gu)) {
    const word = match[1] ?? '';
    if (word.length >= 3 && !ABBREVIATIONS.has(word.toLowerCase())) return true;
  }
  return false;
}

/**
 * True for sentences rather than a heading: used after an abstract, where a very long title must
 * still start a new entry and a second abstract paragraph must not. Only "." counts as a sentence
 * end, because titles often hold or end with "?" ("BERT or FastText? A Comparative ...").
 */
export function looksLikeProse(text: string): boolean {
  const words = text.split(/\s+/).length;
  if (/[.…]$/.test(text) && words >= 8) return true;
  return words >= 12 && hasSentenceBreak(text);
}

/**
 * Groups lines into units. Content lines separated by blank lines form paragraphs; a paragraph
 * with a line longer than hard-wrapped text has is unwrapped text (one unit per line), otherwise it is hard-wrapped text
 * (its lines joined). Chrome and metadata lines end a paragraph.
 */
async function* digestUnits(lines: AsyncIterable<SourceLine>): AsyncGenerator<Unit> {
  let paragraph: { text: string; line: number }[] = [];
  function* flush(): Generator<Unit> {
    if (paragraph.length === 0) return;
    const first = paragraph[0];
    if (paragraph.length === 1 || paragraph.some((part) => part.text.length > UNWRAPPED_LINE)) {
      for (const part of paragraph) yield { kind: 'content', text: part.text, line: part.line };
    } else if (first) {
      yield { kind: 'content', text: paragraph.map((part) => part.text).join(' '), line: first.line };
    }
    paragraph = [];
  }
  for await (const { text, line } of lines) {
    const classified = classifyDigestLine(text);
    if (classified.kind === 'content') {
      paragraph.push({ text: classified.text, line });
      continue;
    }
    yield* flush();
    if (classified.kind === 'meta') yield { kind: 'meta', date: classified.date, ...(classified.entry ? { entry: classified.entry } : {}), line };
    else if (classified.kind === 'chrome') yield { kind: 'chrome', date: classified.date, line };
  }
  yield* flush();
}

/** An async iterator with one item of lookahead. */
function peekable<T>(source: AsyncIterator<T>): { next(): Promise<T | null>; peek(): Promise<T | null> } {
  let buffered: { value: T | null } | null = null;
  const pull = async (): Promise<T | null> => {
    const result = await source.next();
    return result.done ? null : result.value;
  };
  return {
    async next() {
      if (buffered) {
        const { value } = buffered;
        buffered = null;
        return value;
      }
      return pull();
    },
    async peek() {
      buffered ??= { value: await pull() };
      return buffered.value;
    },
  };
}
