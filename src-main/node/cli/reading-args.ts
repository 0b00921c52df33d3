/**
 * Parsing of the reading-list commands: mark, list, for-you, not-relevant, export. Like args.ts,
 * no I/O: argv becomes one typed command or a UsageError naming the flag and the allowed values.
 */
import type { ParseArgsConfig } from 'node:util';
import { ASPECTS, EXPORT_FORMATS, READING_SORTS, READING_STATUSES, type Aspect, type ExportFormat, type ReadingSort, type ReadingStatus } from '../../common/contract.ts';
import type { CommonOptions } from './args.ts';
import { UsageError, positiveInt } from './usage-error.ts';

export type ReadingCommandName = 'mark' | 'list' | 'for-you' | 'not-relevant' | 'export';

export interface MarkEdit {
  status?: ReadingStatus;
  /** Null clears the rating. */
  rating?: number | null;
  addTags: string[];
  removeTags: string[];
  note?: string;
  /** Read the note from this file (UTF-8) instead of --note. */
  noteFile?: string;
}

export type ReadingCommand =
  | ({ name: 'mark'; id: string; edit: MarkEdit } & CommonOptions)
  | ({ name: 'list'; status: ReadingStatus[] | undefined; tag: string | undefined; minRating: number | undefined; sort: ReadingSort; aspect: Aspect; limit: number } & CommonOptions)
  | ({ name: 'for-you'; aspect: Aspect; k: number; includeToRead: boolean } & CommonOptions)
  | ({ name: 'not-relevant'; id: string; undo: boolean } & CommonOptions)
  | ({ name: 'export'; format: ExportFormat; status: ReadingStatus[] | undefined; tag: string | undefined; ids: string[] | undefined; out: string | undefined; abstracts: boolean; withReadingState: boolean; includeDismissed: boolean } & CommonOptions);

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options of each command besides the common ones (args.ts adds --data-dir, --model-dir, --json, --help). */
export const READING_OPTIONS: Record<ReadingCommandName, Options> = {
  mark: {
    status: { type: 'string' },
    rating: { type: 'string' },
    tag: { type: 'string', multiple: true },
    untag: { type: 'string', multiple: true },
    note: { type: 'string' },
    'note-file': { type: 'string' },
  },
  list: {
    status: { type: 'string' },
    tag: { type: 'string' },
    'min-rating': { type: 'string' },
    sort: { type: 'string', default: 'updated' },
    aspect: { type: 'string', default: 'generic' },
    limit: { type: 'string', default: '100' },
  },
  'for-you': { aspect: { type: 'string', default: 'generic' }, k: { type: 'string', default: '10' }, 'include-to-read': { type: 'boolean', default: false } },
  'not-relevant': { undo: { type: 'boolean', default: false } },
  export: {
    format: { type: 'string' },
    status: { type: 'string' },
    tag: { type: 'string' },
    ids: { type: 'string' },
    out: { type: 'string' },
    'no-abstracts': { type: 'boolean', default: false },
    'with-reading-state': { type: 'boolean', default: false },
    'include-dismissed': { type: 'boolean', default: false },
  },
};

export const READING_USAGE: Record<ReadingCommandName, string> = {
  mark: `Usage: facet mark <id> [--status none|to-read|reading|read|dismissed] [--rating 1-5|none]
                 [--tag T]… [--untag T]… [--note TEXT | --note-file FILE] [--data-dir DIR] [--json]
Edits a paper's reading state; give at least one option. --tag adds a tag and --untag removes one
(both may repeat); --note replaces the note (Markdown welcome; --note "" clears it).
--json: {"previous", "current", "undo"}.`,
  list: `Usage: facet list [--status S[,S…]] [--tag T] [--min-rating N] [--sort updated|added|rating|relevance]
                 [--aspect A] [--limit N] [--data-dir DIR] [--json]
The reading list: papers with a status, tags, a note or a rating (with --status, exactly those
statuses). --sort relevance orders by the For-you score under --aspect. --limit: 1-1000 (100).
--json: {"total", "items": [{"id","title","status","rating","tags","note","updatedAt",…}]}.`,
  'for-you': `Usage: facet for-you [--aspect generic|task|method|dataset] [--k N] [--include-to-read] [--data-dir DIR] [--json]
Unread papers ranked for you from what you read, rated and dismissed, each with why: the nearest
papers you liked and the aspect terms shared with them. --k: 1-200 (10).
--json: {"aspect","method","positives","negatives","candidates","items":[{"id","title","score","rank","reason",…}]}.`,
  'not-relevant': `Usage: facet not-relevant <id> [--undo] [--data-dir DIR] [--json]
Marks a paper "not relevant": For you ranks it and papers like it lower from now on. --undo takes
the mark back. --json: {"previous", "current", "undo"}.`,
  export: `Usage: facet export --format bibtex|csl-json|ris|markdown [--status S[,S…]] [--tag T] [--ids ID[,ID…]]
                   [--out FILE] [--no-abstracts] [--with-reading-state] [--include-dismissed]
                   [--data-dir DIR] [--json]
Exports the reading list (filtered by --status / --tag), or the papers named by --ids. A paper
imported from BibTeX, CSL-JSON or RIS goes out in that format as it came in (citation key, entry
type, every field); others get a citation key made once from author, year and title.
--with-reading-state adds tags (keywords) and status, rating and note in Facet's own fields
(facet-status, facet-rating, facet-note), which bibliography styles do not print. Dismissed papers
are left out unless --include-dismissed (or --status dismissed). Writes FILE (atomically) or
prints to stdout. BibTeX, CSL-JSON and RIS import back into Facet.
--json (with --out): {"format","count","path","bytes"}.`,
};

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function statuses(value: string | undefined): ReadingStatus[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (list.length === 0) throw new UsageError(`--status needs at least one of ${READING_STATUSES.join(', ')}`);
  return [...new Set(list.map((status) => oneOf('status', status, READING_STATUSES)))];
}

function rating(value: string): number | null {
  if (value === 'none') return null;
  if (!/^[1-5]$/.test(value)) throw new UsageError(`--rating must be 1, 2, 3, 4, 5 or none, got ${JSON.stringify(value)}`);
  return Number(value);
}

export function parseReadingCommand(
  name: ReadingCommandName,
  values: Record<string, string | boolean | string[] | undefined>,
  positionals: readonly string[],
  common: CommonOptions,
  expectPositionals: (count: number, what: string) => void,
): ReadingCommand {
  const text = (flag: string) => values[flag] as string | undefined;
  const texts = (flag: string) => (values[flag] as string[] | undefined) ?? [];
  switch (name) {
    case 'mark': {
      expectPositionals(1, 'one paper id');
      if (text('note') !== undefined && text('note-file') !== undefined) throw new UsageError('facet mark: give --note or --note-file, not both');
      const edit: MarkEdit = { addTags: texts('tag'), removeTags: texts('untag') };
      if (text('status') !== undefined) edit.status = oneOf('status', text('status')!, READING_STATUSES);
      if (text('rating') !== undefined) edit.rating = rating(text('rating')!);
      if (text('note') !== undefined) edit.note = text('note');
      if (text('note-file') !== undefined) edit.noteFile = text('note-file');
      const empty = edit.status === undefined && edit.rating === undefined && edit.note === undefined && edit.noteFile === undefined && edit.addTags.length === 0 && edit.removeTags.length === 0;
      if (empty) throw new UsageError('facet mark: nothing to change; give --status, --rating, --tag, --untag, --note or --note-file (facet mark --help)');
      return { name, id: positionals[0]!, edit, ...common };
    }
    case 'list': {
      expectPositionals(0, 'no arguments');
      const minRating = text('min-rating');
      return {
        name,
        status: statuses(text('status')),
        tag: text('tag'),
        minRating: minRating === undefined ? undefined : positiveInt('min-rating', minRating, 5),
        sort: oneOf('sort', text('sort')!, READING_SORTS),
        aspect: oneOf('aspect', text('aspect')!, ASPECTS),
        limit: positiveInt('limit', text('limit'), 1000),
        ...common,
      };
    }
    case 'for-you':
      expectPositionals(0, 'no arguments');
      return { name, aspect: oneOf('aspect', text('aspect')!, ASPECTS), k: positiveInt('k', text('k'), 200), includeToRead: values['include-to-read'] === true, ...common };
    case 'not-relevant':
      expectPositionals(1, 'one paper id');
      return { name, id: positionals[0]!, undo: values.undo === true, ...common };
    case 'export': {
      expectPositionals(0, 'no arguments');
      const format = text('format');
      if (format === undefined) throw new UsageError(`facet export: --format is required (${EXPORT_FORMATS.join('|')})`);
      const ids = text('ids')?.split(',').map((id) => id.trim()).filter((id) => id !== '');
      if (ids !== undefined && ids.length === 0) throw new UsageError('facet export: --ids names no paper');
      if (ids !== undefined && (text('status') !== undefined || text('tag') !== undefined)) {
        throw new UsageError('facet export: --ids exports exactly those papers; it cannot be combined with --status or --tag');
      }
      return {
        name,
        format: oneOf('format', format, EXPORT_FORMATS),
        status: statuses(text('status')),
        tag: text('tag'),
        ids,
        out: text('out'),
        abstracts: values['no-abstracts'] !== true,
        withReadingState: values['with-reading-state'] === true,
        includeDismissed: values['include-dismissed'] === true,
        ...common,
      };
    }
  }
}
