/**
 * RIS files, record by record: each record runs from a "TY  - " line to its "ER  - " line. Tags are
 * collected here (continuation lines join the tag before them); citation.js maps them to CSL.
 */
import { risRecordToCsl, type RisTags } from './citation.ts';
import { cslToDraft } from './csl-json.ts';
import type { SourceLine } from './decode.ts';
import { problemItem, type DraftItem, type ParseContext } from './records.ts';
import { plainText } from './text-clean.ts';

const TAG_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;
/**
 * Free-text tags whose long values exporters wrap onto following lines without a tag. A tagless
 * line after any other tag joins it only when indented (how exporters mark a continuation);
 * otherwise it is not part of the record and is reported.
 */
const WRAPPING_TAGS = new Set(['AB', 'N2', 'N1', 'KW']);
/** Text with nothing to read in it. */
const NO_WORDS = /^[^\p{L}\p{N}]*$/u;
/** Tagless lines inside records named one by one before the rest are counted in one warning. */
const STRAY_LINES_NAMED = 20;
/** Tags that may hold an arXiv id or DOI that CSL mapping drops. */
const IDENTIFIER_TAGS = ['DO', 'UR', 'L1', 'L2', 'L3', 'L4', 'M1', 'M3', 'N1', 'AN', 'JO', 'JF', 'T2', 'C7', 'SN'];

interface OpenRecord {
  line: number;
  tags: RisTags;
  /** Every tag line in file order, for exports that give the record back as it was. */
  ordered: [string, string][];
  lastTag: string | null;
}

export async function* parseRis(lines: AsyncIterable<SourceLine>, context: ParseContext): AsyncGenerator<DraftItem> {
  let open: OpenRecord | null = null;
  let strayLines = 0;
  for await (const { text, line } of lines) {
    const tagLine = TAG_LINE.exec(text.trimEnd());
    if (!tagLine) {
      const continuation = text.trim();
      if (!continuation) continue;
      if (!open) {
        yield problemItem(context, 'warning', line, null, `line ${line} is outside any RIS record (records start with "TY  - "); ignored`);
        continue;
      }
      if (open.lastTag && continues(open.lastTag, text, continuation)) {
        appendToLast(open, continuation);
        continue;
      }
      strayLines++;
      if (strayLines <= STRAY_LINES_NAMED) {
        const shown = continuation.length > 40 ? `${continuation.slice(0, 37)}…` : continuation;
        yield problemItem(context, 'warning', line, recordName(open), `line ${line} ("${shown}") in the RIS record at line ${open.line} is not a "XX  - value" tag line; ignored`);
      }
      continue;
    }
    const tag = tagLine[1] ?? '';
    const value = (tagLine[2] ?? '').trim();
    if (tag === 'TY') {
      if (open) {
        yield problemItem(context, 'warning', open.line, recordName(open), `RIS record at line ${open.line} has no "ER  - " line before the next record at line ${line}; read it anyway`);
        yield* finishRecord(open, context);
      }
      open = { line, tags: { TY: value.toUpperCase() || 'GEN' }, ordered: [['TY', value]], lastTag: 'TY' };
      continue;
    }
    if (!open) {
      yield problemItem(context, 'warning', line, null, `"${tag}" at line ${line} is outside any RIS record (records start with "TY  - "); ignored`);
      continue;
    }
    if (tag === 'ER') {
      yield* finishRecord(open, context);
      open = null;
      continue;
    }
    if (value === '') {
      open.lastTag = null;
      continue;
    }
    const existing = open.tags[tag];
    open.tags[tag] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    open.ordered.push([tag, value]);
    open.lastTag = tag;
  }
  if (open) {
    yield problemItem(context, 'warning', open.line, recordName(open), `RIS record at line ${open.line} has no "ER  - " line at the end of the file; read it anyway`);
    yield* finishRecord(open, context);
  }
  if (strayLines > STRAY_LINES_NAMED) {
    const more = strayLines - STRAY_LINES_NAMED;
    yield problemItem(context, 'warning', null, null, `${more} more line${more === 1 ? '' : 's'} inside RIS records ${more === 1 ? 'was' : 'were'} not tag lines and ${more === 1 ? 'was' : 'were'} ignored`);
  }
}

/** Whether a tagless line continues the value of `tag` (see WRAPPING_TAGS). */
function continues(tag: string, line: string, trimmed: string): boolean {
  if (NO_WORDS.test(trimmed)) return false;
  return WRAPPING_TAGS.has(tag) || /^\s/.test(line);
}

function appendToLast(open: OpenRecord, text: string): void {
  const tag = open.lastTag;
  if (!tag) return;
  const existing = open.tags[tag];
  if (Array.isArray(existing)) existing[existing.length - 1] += ` ${text}`;
  else open.tags[tag] = existing === undefined ? text : `${existing} ${text}`;
  const last = open.ordered.at(-1);
  if (last && last[0] === tag) last[1] = `${last[1]} ${text}`;
}

function* finishRecord(open: OpenRecord, context: ParseContext): Generator<DraftItem> {
  let csl: Record<string, unknown>;
  try {
    csl = risRecordToCsl(open.tags);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    yield problemItem(context, 'error', open.line, recordName(open), `RIS record at line ${open.line} could not be read: ${detail}; skipped`);
    return;
  }
  const extraText = IDENTIFIER_TAGS.flatMap((tag) => values(open.tags[tag]));
  const draft = cslToDraft(csl, open.line, extraText);
  // Fall back to the raw tags where the CSL mapping left a field empty.
  if (!draft.title) draft.title = plainText(values(open.tags['TI'] ?? open.tags['T1'] ?? open.tags['CT'] ?? open.tags['BT'])[0] ?? '');
  if (!draft.abstract) draft.abstract = plainText(values(open.tags['AB'] ?? open.tags['N2'])[0] ?? '', { keepParagraphs: true });
  if (!draft.url) draft.url = values(open.tags['UR'])[0] ?? null;
  draft.recordKey = values(open.tags['ID'])[0] ?? null;
  draft.source = { format: 'ris', tags: open.ordered, csl };
  yield { kind: 'draft', draft };
}

function values(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function recordName(open: OpenRecord): string | null {
  return values(open.tags['ID'])[0] ?? values(open.tags['TI'] ?? open.tags['T1'])[0] ?? null;
}
