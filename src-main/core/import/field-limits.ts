/**
 * Size limits per field, applied to every record before it is stored. A field over its limit is
 * cut at a word boundary (marked with "…") and the record is kept with a warning, so a runaway
 * value (a 1 MB "title" from a broken export) neither stores megabytes nor hides the rest of the
 * record. Control characters are removed from every field on the way (line breaks and tabs
 * survive where they mean something): a NUL escaped inside a JSON string must not reach a title.
 *
 * The limits are far above any real bibliographic value; the abstract's leaves room for records
 * that carry an introduction too (the embedder reads only the first tokens of it anyway).
 */
import type { RecordDraft } from './records.ts';

export const FIELD_LIMITS = {
  title: 1_000,
  abstract: 100_000,
  venue: 1_000,
  url: 4_096,
  recordKey: 1_000,
  author: 500,
  authors: 5_000,
} as const;

type TextField = 'title' | 'abstract' | 'venue' | 'url' | 'recordKey';

const TEXT_FIELDS: readonly TextField[] = ['title', 'abstract', 'venue', 'url', 'recordKey'];

const FIELD_NAMES: Record<TextField, string> = {
  title: 'title',
  abstract: 'abstract',
  venue: 'venue',
  url: 'URL',
  recordKey: 'record key',
};

/** C0 controls but tab, line feed and carriage return; DEL; and C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

export interface LimitedDraft {
  draft: RecordDraft;
  /** One sentence per field that was cut or cleaned, for a warning naming the record's line. */
  notes: string[];
}

/** Cuts `text` to at most `limit` characters, at the last space in its final tenth if there is one. */
export function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const hard = text.slice(0, limit - 1);
  const space = hard.lastIndexOf(' ');
  return `${(space >= limit * 0.9 ? hard.slice(0, space) : hard).trimEnd()}…`;
}

export function limitFields(input: RecordDraft): LimitedDraft {
  const draft: RecordDraft = { ...input, authors: [...input.authors] };
  const notes: string[] = [];
  const cleaned: string[] = [];

  for (const field of TEXT_FIELDS) {
    const value = draft[field];
    if (value === null) continue;
    let text = value;
    if (CONTROL.test(text)) {
      text = text.replace(CONTROLS, field === 'abstract' ? '' : ' ');
      cleaned.push(FIELD_NAMES[field]);
    }
    const limit = FIELD_LIMITS[field];
    if (text.length > limit) {
      notes.push(`its ${FIELD_NAMES[field]} is ${text.length.toLocaleString('en')} characters long, over the ${limit.toLocaleString('en')}-character limit; it was cut there`);
      text = cutAtWord(text, limit);
    }
    (draft as Record<TextField, string | null>)[field] = text;
  }

  let authorsCleaned = false;
  let authorsCut = 0;
  draft.authors = draft.authors.map((author) => {
    let name = author;
    if (CONTROL.test(name)) {
      name = name.replace(CONTROLS, ' ');
      authorsCleaned = true;
    }
    if (name.length > FIELD_LIMITS.author) {
      authorsCut++;
      name = cutAtWord(name, FIELD_LIMITS.author);
    }
    return name;
  });
  if (authorsCleaned) cleaned.push('authors');
  if (authorsCut > 0) notes.push(`${authorsCut} author name${authorsCut === 1 ? ' was' : 's were'} over ${FIELD_LIMITS.author} characters and cut there`);
  if (draft.authors.length > FIELD_LIMITS.authors) {
    notes.push(`it lists ${draft.authors.length.toLocaleString('en')} authors; the first ${FIELD_LIMITS.authors.toLocaleString('en')} were kept`);
    draft.authors = draft.authors.slice(0, FIELD_LIMITS.authors);
  }
  if (cleaned.length > 0) notes.push(`control characters were removed from its ${cleaned.join(', ')}`);
  return { draft, notes };
}
