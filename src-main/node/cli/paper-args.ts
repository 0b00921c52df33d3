/**
 * Parsing of the library-management commands: delete (with --undo TOKEN) and edit. Like args.ts,
 * no I/O: argv becomes one typed command or a UsageError (exit status 2).
 */
import type { PaperPatch } from '../../common/contract.ts';
import { paperPatchSchema } from '../../common/contract.ts';
import type { CommonOptions } from './args.ts';
import type { Options } from './command-args.ts';
import { UsageError } from './usage-error.ts';

export const PAPER_COMMAND_NAMES = ['delete', 'edit'] as const;
export type PaperCommandName = (typeof PAPER_COMMAND_NAMES)[number];

export type PaperCliCommand =
  | ({ name: 'delete'; ids: string[]; undo: string | undefined } & CommonOptions)
  | ({ name: 'edit'; id: string; patch: PaperPatch } & CommonOptions);

export const PAPER_OPTIONS: Record<PaperCommandName, Options> = {
  delete: { undo: { type: 'string' } },
  edit: {
    title: { type: 'string' },
    author: { type: 'string', multiple: true },
    year: { type: 'string' },
    venue: { type: 'string' },
    arxiv: { type: 'string' },
    doi: { type: 'string' },
    url: { type: 'string' },
    abstract: { type: 'string' },
  },
};

export const PAPER_USAGE: Record<PaperCommandName, string> = {
  delete: `Usage: facet delete <id…> [--data-dir DIR] [--json]
       facet delete --undo TOKEN [--data-dir DIR] [--json]
Deletes the papers (every id is checked first; nothing is deleted if one is unknown). Their records
and reading state are kept for 7 days: the command prints an undo token, and
"facet delete --undo TOKEN" brings them back with the same ids, citation keys and reading state.
--json: {"deleted","undoToken","readingKept"} (with --undo: {"restored","alreadyPresent"}).`,
  edit: `Usage: facet edit <id> [--title T] [--author NAME]… [--year Y|none] [--venue V|none]
                 [--arxiv ID|none] [--doi DOI|none] [--url URL|none] [--abstract TEXT] [--data-dir DIR] [--json]
Fixes a paper's metadata. --author replaces the author list (give it once per author, in order).
"none" clears a field. The paper keeps its id, citation key and reading state, and is tagged and
embedded again; exports show the edit. --json: the paper as stored.`,
};

export function parsePaperCommand(
  name: PaperCommandName,
  values: Record<string, unknown>,
  positionals: string[],
  common: CommonOptions,
): PaperCliCommand {
  if (name === 'delete') {
    const undo = values.undo as string | undefined;
    if (undo !== undefined) {
      if (positionals.length > 0) throw new UsageError('facet delete --undo TOKEN takes no paper ids');
      return { name, ids: [], undo, ...common };
    }
    if (positionals.length === 0) throw new UsageError('facet delete: name at least one paper id (facet delete --help)');
    return { name, ids: positionals, undo: undefined, ...common };
  }
  if (positionals.length !== 1) throw new UsageError('facet edit: takes one paper id');
  const text = (flag: string) => values[flag] as string | undefined;
  const clearable = (flag: string) => {
    const value = text(flag);
    return value === undefined ? undefined : value.trim().toLowerCase() === 'none' ? null : value;
  };
  const raw: Record<string, unknown> = {};
  if (text('title') !== undefined) raw.title = text('title');
  if (values.author !== undefined) raw.authors = values.author;
  const year = clearable('year');
  if (year !== undefined) {
    if (year !== null && !/^\d{4}$/.test(year.trim())) throw new UsageError(`--year must be a four-digit year or "none", got ${JSON.stringify(year)}`);
    raw.year = year === null ? null : Number(year);
  }
  for (const [flag, field] of [['venue', 'venue'], ['arxiv', 'arxivId'], ['doi', 'doi'], ['url', 'url']] as const) {
    const value = clearable(flag);
    if (value !== undefined) raw[field] = value;
  }
  if (text('abstract') !== undefined) raw.abstract = text('abstract');
  const parsed = paperPatchSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`facet edit: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'edit'}: ${issue.message}`).join('; ')}`);
  return { name, id: positionals[0]!, patch: parsed.data, ...common };
}
