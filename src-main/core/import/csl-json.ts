/**
 * CSL-JSON items (Zotero's "CSL JSON" export, citation.js output): field mapping to a record draft.
 * Also used for BibTeX and RIS entries, which citation.js turns into CSL items.
 */
import { normaliseDoi, parseArxivId } from './identifiers.ts';
import { emptyDraft, type RecordDraft } from './records.ts';
import { plainText } from './text-clean.ts';

const CSL_ONLY_FIELDS = ['issued', 'container-title', 'DOI', 'URL', 'citation-key', 'published-print', 'published-online', 'collection-title'];

/** True when an object uses CSL field names rather than the plain {title, abstract, authors} shape. */
export function looksLikeCsl(object: Record<string, unknown>): boolean {
  if (CSL_ONLY_FIELDS.some((field) => field in object)) return true;
  const authors = object['author'];
  return Array.isArray(authors) && authors.some((author) => author && typeof author === 'object' && ('family' in author || 'literal' in author));
}

/** Maps one CSL item. `extraText` holds raw source fields that may mention an arXiv id or DOI. */
export function cslToDraft(item: Record<string, unknown>, line: number | null, extraText: string[] = []): RecordDraft {
  const draft = emptyDraft(line);
  draft.title = plainText(text(item['title']));
  draft.abstract = plainText(text(item['abstract']), { keepParagraphs: true });
  draft.authors = cslNames(item['author']);
  draft.venue = plainText(text(item['container-title'])) || plainText(text(item['event-title'])) || null;
  draft.url = text(item['URL']) || null;
  draft.recordKey = text(item['citation-key']) || text(item['id']) || null;

  const dateParts = firstDateParts(item['issued']) ?? firstDateParts(item['published-online']) ?? firstDateParts(item['published-print']);
  if (dateParts) {
    const [year, month, day] = dateParts;
    draft.year = year ?? null;
    if (year && month && day) draft.date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  const candidates = [text(item['DOI']), text(item['URL']), text(item['number']), text(item['note']), text(item['container-title']), text(item['archive_location']), ...extraText];
  draft.doi = normaliseDoi(text(item['DOI'])) ?? firstOf(candidates.filter((value) => /doi/i.test(value)), normaliseDoi);
  draft.arxivId = firstOf(candidates, parseArxivId) ?? (text(item['publisher']).toLowerCase() === 'arxiv' ? parseArxivId(text(item['number'])) : null);
  return draft;
}

function firstOf(values: string[], parse: (value: string) => string | null): string | null {
  for (const value of values) {
    const parsed = value ? parse(value) : null;
    if (parsed) return parsed;
  }
  return null;
}

/** A CSL text field: a string, a number, or (some exporters) a list of strings. */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
  return '';
}

function cslNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const person of value) {
    if (typeof person === 'string') {
      names.push(plainText(person));
      continue;
    }
    if (!person || typeof person !== 'object') continue;
    const fields = person as Record<string, unknown>;
    const literal = text(fields['literal']);
    const parts = [text(fields['given']), text(fields['non-dropping-particle']), text(fields['family'])].filter(Boolean);
    const name = plainText(literal || parts.join(' '));
    if (name) names.push(name);
  }
  return names;
}

/** [year, month?, day?] from a CSL date ({'date-parts': [[2021, 3, 4]]}, or {raw: '2021-03-04'}). */
function firstDateParts(value: unknown): [number | undefined, number | undefined, number | undefined] | null {
  if (!value || typeof value !== 'object') return null;
  const date = value as Record<string, unknown>;
  const parts = date['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [year, month, day] = (parts[0] as unknown[]).map((part) => (typeof part === 'number' ? part : Number(part)));
    if (year && Number.isInteger(year)) return [year, valid(month, 12), valid(day, 31)];
  }
  const raw = text(date['raw']) || text(date['literal']);
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(raw);
  if (match) return [Number(match[1]), valid(Number(match[2]), 12), valid(Number(match[3]), 31)];
  return null;
}

function valid(value: number | undefined, max: number): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
}
