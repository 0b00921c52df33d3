/**
 * What format parsers hand on (drafts and problems), and the checks every record passes before it
 * leaves readSource: a title is required, a missing abstract is flagged, duplicate keys are reported.
 */
import type { ImportProblem } from '../../common/contract.ts';
import type { ImportItem, ParsedRecord } from '../types.ts';
import { dedupKeys } from './dedup.ts';
import { limitFields } from './field-limits.ts';

/** A record as a format parser found it; the title may still be empty. */
export type RecordDraft = ParsedRecord;

export type DraftItem = { kind: 'draft'; draft: RecordDraft } | { kind: 'problem'; problem: ImportProblem };

/** What a format parser knows about the source it reads. */
export interface ParseContext {
  /** The file path or text name that problems name. */
  source: string;
  /** "Today", for dates printed without a year. */
  now: Date;
}

export function emptyDraft(sourceLine: number | null): RecordDraft {
  return {
    title: '',
    abstract: '',
    authors: [],
    year: null,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    sourceLine,
    recordKey: null,
  };
}

export function problemItem(
  context: ParseContext,
  severity: ImportProblem['severity'],
  line: number | null,
  record: string | null,
  message: string,
): DraftItem & { kind: 'problem' } {
  return { kind: 'problem', problem: { source: context.source, line, record, severity, message } };
}

/** A short label for a record in problem reports: its key, else its title (shortened). */
export function recordLabel(draft: Pick<RecordDraft, 'recordKey' | 'title'>): string | null {
  if (draft.recordKey) return draft.recordKey;
  const title = draft.title.trim();
  if (!title) return null;
  return title.length > 80 ? `${title.slice(0, 77)}...` : title;
}

/**
 * Validates drafts and turns them into import items, in order. Holds one entry per record key and
 * per strongest dedup key seen in this source (small next to the records themselves).
 */
export class RecordFinaliser {
  private readonly lineByKey = new Map<string, number | null>();
  private readonly lineByDedupKey = new Map<string, number | null>();
  records = 0;

  constructor(private readonly context: ParseContext) {}

  *finalise(item: DraftItem): Generator<ImportItem> {
    if (item.kind === 'problem') {
      yield item;
      return;
    }
    const limited = limitFields(item.draft);
    const draft = tidy(limited.draft);
    const line = draft.sourceLine;
    if (!draft.title) {
      const where = line === null ? '' : ` at line ${line}`;
      yield problemItem(this.context, 'error', line, draft.recordKey, `record${where} has no title: skipped`);
      return;
    }
    const label = recordLabel(draft);
    if (limited.notes.length > 0) {
      const where = line === null ? 'record' : `record at line ${line}`;
      yield problemItem(this.context, 'warning', line, label, `${where}: ${limited.notes.join('; ')}; the record was imported`);
    }
    if (!draft.abstract) yield problemItem(this.context, 'warning', line, label, 'no abstract: imported title-only');

    const duplicateKeyLine = draft.recordKey === null ? undefined : this.lineByKey.get(draft.recordKey);
    if (draft.recordKey !== null && duplicateKeyLine !== undefined) {
      yield problemItem(
        this.context,
        'warning',
        line,
        label,
        `duplicate key "${draft.recordKey}" at ${lineName(duplicateKeyLine)} and ${lineName(line)}; both records were read`,
      );
    } else {
      const [strongest] = dedupKeys(draft);
      const sameLine = strongest === undefined ? undefined : this.lineByDedupKey.get(strongest);
      if (strongest !== undefined && sameLine !== undefined) {
        yield problemItem(
          this.context,
          'warning',
          line,
          label,
          `same paper (${strongest}) at ${lineName(sameLine)} and ${lineName(line)}; both records were read`,
        );
      } else if (strongest !== undefined) {
        this.lineByDedupKey.set(strongest, line);
      }
    }
    if (draft.recordKey !== null && duplicateKeyLine === undefined) this.lineByKey.set(draft.recordKey, line);

    this.records++;
    yield { kind: 'record', record: draft };
  }
}

function lineName(line: number | null): string {
  return line === null ? 'an unknown line' : `line ${line}`;
}

const MIN_YEAR = 1000;
const MAX_YEAR = 2200;

/** Collapses white space in single-line fields and drops impossible values. */
function tidy(draft: RecordDraft): RecordDraft {
  const oneLine = (text: string | null) => {
    const tidied = text?.replace(/\s+/g, ' ').trim();
    return tidied ? tidied : null;
  };
  const year = draft.year !== null && Number.isInteger(draft.year) && draft.year >= MIN_YEAR && draft.year <= MAX_YEAR ? draft.year : null;
  return {
    ...draft,
    title: oneLine(draft.title) ?? '',
    abstract: draft.abstract.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim(),
    authors: draft.authors.map((author) => author.replace(/\s+/g, ' ').trim()).filter((author) => author !== ''),
    year,
    date: draft.date && /^\d{4}-\d{2}-\d{2}$/.test(draft.date) ? draft.date : null,
    venue: oneLine(draft.venue),
    url: oneLine(draft.url),
    recordKey: oneLine(draft.recordKey),
  };
}
