/**
 * JSON array and JSONL files of records: CSL-JSON items (as Zotero exports them) and plain objects
 * ({title, abstract, authors?, year?, doi?, arxivId?/arxiv_id?, url?, venue?, date?}). Each element
 * is mapped by its own fields, so a file may mix both kinds.
 */
import type { SourceLine } from './decode.ts';
import { cslToDraft, looksLikeCsl } from './csl-json.ts';
import { scanJsonValues } from './json-scan.ts';
import { describeJsonValue } from './json-shape.ts';
import { emptyDraft, problemItem, type DraftItem, type ParseContext, type RecordDraft } from './records.ts';
import { normaliseDoi, parseArxivId } from './identifiers.ts';
import { plainText } from './text-clean.ts';

/** A JSON array (or concatenated objects), element by element. */
export async function* parseJsonArray(lines: AsyncIterable<SourceLine>, context: ParseContext): AsyncGenerator<DraftItem> {
  for await (const scanned of scanJsonValues(lines)) {
    if (scanned.kind === 'error') {
      yield problemItem(context, 'error', scanned.line, null, scanned.message);
      continue;
    }
    yield* parseElement(scanned.text, scanned.line, context);
  }
}

/** One JSON value per line; blank lines are skipped. */
export async function* parseJsonLines(lines: AsyncIterable<SourceLine>, context: ParseContext): AsyncGenerator<DraftItem> {
  for await (const { text, line } of lines) {
    if (text.trim() === '') continue;
    yield* parseElement(text, line, context);
  }
}

function* parseElement(text: string, line: number, context: ParseContext): Generator<DraftItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    yield problemItem(context, 'error', line, null, `invalid JSON at line ${line}: ${detail}; record skipped`);
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    yield problemItem(context, 'error', line, null, `the JSON value at line ${line} is ${describeJsonValue(value)}, not a record object ({"title": "…", …}); skipped`);
    return;
  }
  const object = value as Record<string, unknown>;
  const csl = looksLikeCsl(object);
  const draft = csl ? cslToDraft(object, line) : plainToDraft(object, line);
  if (csl) draft.source = { format: 'csl-json', item: object };
  yield { kind: 'draft', draft };
}

/** Maps a plain record object; unknown fields are ignored. */
export function plainToDraft(object: Record<string, unknown>, line: number): RecordDraft {
  const draft = emptyDraft(line);
  draft.title = plainText(stringField(object, 'title'));
  draft.abstract = plainText(stringField(object, 'abstract', 'summary'), { keepParagraphs: true });
  draft.authors = authorList(object['authors'] ?? object['author']);
  draft.venue = stringField(object, 'venue', 'journal', 'booktitle') || null;
  draft.url = stringField(object, 'url', 'link') || null;
  draft.recordKey = stringField(object, 'id', 'key', 'paper_id') || null;

  const date = stringField(object, 'date', 'published', 'publishedAt');
  const isoDay = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (isoDay) draft.date = `${isoDay[1]}-${isoDay[2]}-${isoDay[3]}`;
  const year = Number(stringField(object, 'year')) || Number(/^\d{4}/.exec(date)?.[0]);
  draft.year = Number.isInteger(year) && year > 0 ? year : null;

  const arxivText = stringField(object, 'arxivId', 'arxiv_id', 'arxiv', 'eprint');
  draft.arxivId = (arxivText ? parseArxivId(arxivText) : null) ?? (draft.url ? parseArxivId(draft.url) : null);
  draft.doi = normaliseDoi(stringField(object, 'doi', 'DOI')) ?? (draft.url ? normaliseDoi(draft.url) : null);
  return draft;
}

/** The first of these fields that holds a string or number, as trimmed text; '' if none. */
export function stringField(object: Record<string, unknown>, ...names: string[]): string {
  for (const name of names) {
    const value = object[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return '';
}

/** Authors given as strings, {name}, {family, given} or {literal} objects, or one "A and B" string. */
function authorList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+and\s+|;\s*/).map((name) => name.trim()).filter(Boolean);
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const author of value) {
    if (typeof author === 'string') names.push(author);
    else if (author && typeof author === 'object') {
      const fields = author as Record<string, unknown>;
      const name = stringField(fields, 'name', 'literal') || [stringField(fields, 'given'), stringField(fields, 'family')].filter(Boolean).join(' ');
      if (name) names.push(name);
    }
  }
  return names.map((name) => plainText(name)).filter(Boolean);
}
