/**
 * The journal's line format and its merge rule, without I/O.
 *
 * Every field of a paper's reading state is a last-write-wins register stamped with
 * (at, by, seq): `at` is a monotonic millisecond clock (never behind anything its writer has seen),
 * `by` the writer's id and `seq` the writer's edit counter. The greater stamp wins, compared in
 * that order, so replaying the same lines in any order gives the same state.
 *
 * Two kinds of line, one JSON object each:
 *   {"v":1,"t":"edit","id":"<paper>","at":1732400000000,"by":"<writer>","seq":7,"set":{"status":"read"}}
 *   {"v":1,"t":"entry","id":"<paper>","created":1732400000000,"fields":{"status":{"value":"read","at":…,"by":…,"seq":…}}}
 * Edits are appended as they happen; compaction rewrites the journal as one entry line per paper.
 *
 * Every journal file starts with a header line naming its generation, a random id given to each
 * file when it is created (by compaction, or by the first append to a missing journal):
 *   {"v":1,"t":"journal","generation":"5f0c9a…"}
 * A reader that finds another generation than the one it read knows the file was rewritten, even
 * when the new file got the old one's inode number and about its length (see store.ts).
 */
import { z } from 'zod';
import { READING_FIELDS, DEFAULT_READING_VALUES } from './types.ts';
import type { ReadingField, ReadingPatch, ReadingState, ReadingValues } from './types.ts';
import { paperIdSchema, readingPatchSchema } from './schema.ts';

export const JOURNAL_VERSION = 1;

export interface Stamp {
  at: number;
  by: string;
  seq: number;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.by !== b.by) return a.by < b.by ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

export type FieldRegisters = { [F in ReadingField]?: { value: ReadingValues[F]; stamp: Stamp } };

/** Everything the journal knows about one paper. */
export interface PaperRecord {
  paperId: string;
  /** Stamp time of the first edit. */
  created: number;
  fields: FieldRegisters;
}

export interface EditLine {
  v: 1;
  t: 'edit';
  id: string;
  at: number;
  by: string;
  seq: number;
  set: ReadingPatch;
}

export interface EntryLine {
  v: 1;
  t: 'entry';
  id: string;
  created: number;
  fields: FieldRegisters;
}

export type JournalLine = EditLine | EntryLine;

const stampShape = {
  at: z.number().int().nonnegative(),
  by: z.string().min(1).max(200),
  seq: z.number().int().nonnegative(),
};
const stampSchema = z.object(stampShape);

const editLineSchema = z.object({
  v: z.literal(JOURNAL_VERSION),
  t: z.literal('edit'),
  id: paperIdSchema,
  ...stampShape,
  set: readingPatchSchema,
});

const fieldSchemas = readingPatchSchema.shape;
const entryLineSchema = z.object({
  v: z.literal(JOURNAL_VERSION),
  t: z.literal('entry'),
  id: paperIdSchema,
  created: z.number().int().nonnegative(),
  fields: z
    .object({
      status: z.object({ value: fieldSchemas.status.unwrap(), stamp: stampSchema }).optional(),
      tags: z.object({ value: fieldSchemas.tags.unwrap(), stamp: stampSchema }).optional(),
      note: z.object({ value: fieldSchemas.note.unwrap(), stamp: stampSchema }).optional(),
      rating: z.object({ value: fieldSchemas.rating.unwrap(), stamp: stampSchema }).optional(),
      notRelevant: z.object({ value: fieldSchemas.notRelevant.unwrap(), stamp: stampSchema }).optional(),
    })
    .strict(),
});

/** One journal line as an object, or an Error whose message says what is wrong with it. */
export function decodeLine(text: string): JournalLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  const kind = typeof raw === 'object' && raw !== null ? (raw as { t?: unknown }).t : undefined;
  const schema = kind === 'entry' ? entryLineSchema : editLineSchema;
  const result = schema.safeParse(raw);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ');
    throw new Error(`not a reading journal line (${detail})`);
  }
  return stripUndefined(result.data);
}

function stripUndefined(line: JournalLine): JournalLine {
  const target = line.t === 'edit' ? line.set : line.fields;
  for (const key of Object.keys(target)) {
    if ((target as Record<string, unknown>)[key] === undefined) delete (target as Record<string, unknown>)[key];
  }
  return line;
}

export interface HeaderLine {
  v: 1;
  t: 'journal';
  generation: string;
}

const headerLineSchema = z.object({
  v: z.literal(JOURNAL_VERSION),
  t: z.literal('journal'),
  generation: z.string().regex(/^[0-9a-f]{8,64}$/),
});

/** The header line for a new journal file of this generation (with its newline). */
export function encodeHeader(generation: string): string {
  const header: HeaderLine = { v: JOURNAL_VERSION, t: 'journal', generation };
  return JSON.stringify(header) + '\n';
}

/** The generation a header line names, or null when the text is not a header line. */
export function decodeHeader(text: string): string | null {
  if (!text.includes('"journal"')) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const result = headerLineSchema.safeParse(raw);
  return result.success ? result.data.generation : null;
}

export function encodeLine(line: JournalLine): string {
  return JSON.stringify(line) + '\n';
}

/**
 * Merges one line into the records. Returns true when anything visible changed.
 * A field takes the line's value only when the line's stamp is greater than the field's.
 */
export function applyLine(records: Map<string, PaperRecord>, line: JournalLine): boolean {
  let record = records.get(line.id);
  const created = line.t === 'edit' ? line.at : line.created;
  let changed = false;
  if (!record) {
    record = { paperId: line.id, created, fields: {} };
    records.set(line.id, record);
    changed = true;
  } else if (created < record.created) {
    record.created = created;
  }
  for (const field of READING_FIELDS) {
    let incoming: { value: unknown; stamp: Stamp } | undefined;
    if (line.t === 'edit') {
      if (!Object.hasOwn(line.set, field)) continue;
      incoming = { value: line.set[field], stamp: { at: line.at, by: line.by, seq: line.seq } };
    } else {
      incoming = line.fields[field];
      if (!incoming) continue;
    }
    const current = record.fields[field];
    if (current && compareStamps(incoming.stamp, current.stamp) <= 0) continue;
    (record.fields as Record<string, unknown>)[field] = { value: incoming.value, stamp: incoming.stamp };
    changed = true;
  }
  return changed;
}

export function entryLineFor(record: PaperRecord): EntryLine {
  return { v: JOURNAL_VERSION, t: 'entry', id: record.paperId, created: record.created, fields: record.fields };
}

/** The greatest stamp time anywhere in the record. */
export function latestStampTime(record: PaperRecord): number {
  let latest = record.created;
  for (const field of READING_FIELDS) {
    const register = record.fields[field];
    if (register && register.stamp.at > latest) latest = register.stamp.at;
  }
  return latest;
}

export function toReadingState(record: PaperRecord): ReadingState {
  const values: ReadingValues = {
    status: record.fields.status?.value ?? DEFAULT_READING_VALUES.status,
    tags: [...(record.fields.tags?.value ?? DEFAULT_READING_VALUES.tags)],
    note: record.fields.note?.value ?? DEFAULT_READING_VALUES.note,
    rating: record.fields.rating?.value ?? DEFAULT_READING_VALUES.rating,
    notRelevant: record.fields.notRelevant?.value ?? DEFAULT_READING_VALUES.notRelevant,
  };
  const changedAt: ReadingState['changedAt'] = {};
  for (const field of READING_FIELDS) {
    const register = record.fields[field];
    if (register) changedAt[field] = new Date(register.stamp.at).toISOString();
  }
  return {
    paperId: record.paperId,
    ...values,
    createdAt: new Date(record.created).toISOString(),
    updatedAt: new Date(latestStampTime(record)).toISOString(),
    changedAt,
  };
}
