/**
 * Parsing of the local-library commands: import-pdfs, import-zotero, import-ids, resolve-pending,
 * duplicates, not-duplicate, merge. Like args.ts, no I/O: argv becomes one typed command or a UsageError (exit status 2).
 */
import type { CommonOptions } from './args.ts';
import { parseCommandArgs, type Options } from './command-args.ts';
import { UsageError, positiveInt } from './usage-error.ts';
import { PAPER_COMMAND_NAMES, PAPER_OPTIONS, PAPER_USAGE, parsePaperCommand, type PaperCliCommand } from './paper-args.ts';

export const LIBRARY_COMMAND_NAMES = ['import-pdfs', 'import-zotero', 'import-ids', 'resolve-pending', 'duplicates', 'not-duplicate', 'merge', ...PAPER_COMMAND_NAMES] as const;
export type LibraryCommandName = (typeof LIBRARY_COMMAND_NAMES)[number];

export type LibraryCliCommand =
  | { name: 'help'; topic: LibraryCommandName }
  | ({ name: 'import-pdfs'; folder: string } & CommonOptions)
  | ({ name: 'import-zotero'; dataDirOfZotero: string; full: boolean } & CommonOptions)
  /** file "-" reads the list from stdin. */
  | ({ name: 'import-ids'; file: string } & CommonOptions)
  | ({ name: 'resolve-pending'; limit: number | undefined } & CommonOptions)
  | ({ name: 'duplicates'; limit: number; minCosine: number | undefined } & CommonOptions)
  | ({ name: 'not-duplicate'; a: string; b: string; undo: boolean } & CommonOptions)
  | ({ name: 'merge'; keepId: string; dropId: string } & CommonOptions)
  | PaperCliCommand;


const COMMON: Options = {
  'data-dir': { type: 'string' },
  'model-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

const OPTIONS: Record<LibraryCommandName, Options> = {
  'import-pdfs': COMMON,
  'import-zotero': { ...COMMON, full: { type: 'boolean', default: false } },
  'import-ids': COMMON,
  'resolve-pending': { ...COMMON, limit: { type: 'string' } },
  'not-duplicate': { ...COMMON, undo: { type: 'boolean', default: false } },
  duplicates: { ...COMMON, limit: { type: 'string', default: '100' }, 'min-cosine': { type: 'string' } },
  merge: COMMON,
  delete: { ...COMMON, ...PAPER_OPTIONS.delete },
  edit: { ...COMMON, ...PAPER_OPTIONS.edit },
};

export const LIBRARY_USAGE: Record<LibraryCommandName, string> = {
  'import-pdfs': `Usage: facet import-pdfs <folder> [--data-dir DIR] [--json]
Imports every PDF under the folder (title, authors, abstract, arXiv id and DOI read from the first
pages; the file's path is kept). Resumable: Ctrl-C stops after the current batch is stored, and
running the command again continues where it stopped. Unreadable PDFs are listed with a reason.`,
  'import-zotero': `Usage: facet import-zotero <zotero-data-folder> [--full] [--data-dir DIR] [--json]
Reads zotero.sqlite in the Zotero data folder (e.g. ~/Zotero) without changing it, and imports its
items with their collections, tags and PDF paths. Later runs import only items added or changed
since the last one; --full reads every item again.`,
  'import-ids': `Usage: facet import-ids <file|-> [--data-dir DIR] [--json]
Finds arXiv ids, arxiv.org URLs and DOIs in the file ("-": stdin) and stores each as a stub marked
"metadata pending". Nothing is fetched unless network use is on (facet settings --allow-network on);
then the metadata comes from arXiv and Crossref, and stubs already stored are filled in place.`,
  'resolve-pending': `Usage: facet resolve-pending [--limit N] [--data-dir DIR] [--json]
Fetches metadata from arXiv and Crossref for the stored "metadata pending" stubs and fills each in
place (same paper id, reading state kept), then embeds it. Needs network use on
(facet settings --allow-network on). Ctrl-C stops after the batch in hand; ids that cannot be
fetched stay pending and are listed. --limit: at most N stubs this run.`,
  'not-duplicate': `Usage: facet not-duplicate <idA> <idB> [--undo] [--data-dir DIR] [--json]
Says the two papers are different works: "facet duplicates" never lists the pair again.
--undo takes that back.`,
  duplicates: `Usage: facet duplicates [--limit N] [--min-cosine X] [--data-dir DIR] [--json]
Papers that are probably the same paper twice (e.g. a preprint and its published version), best
first, with a score, the cosine of their overall embeddings, title similarity and why.
--limit: how many pairs (1-1000, default 100). --min-cosine: 0-1 (default 0.85).`,
  merge: `Usage: facet merge <keepId> <dropId> [--data-dir DIR] [--json]
Merges two papers of one work: <keepId> stays, filled in from <dropId> (DOI, arXiv id, abstract,
collections, tags), the reading states are merged onto it, and <dropId> is deleted.`,
  ...PAPER_USAGE,
};

export function isLibraryCommandName(name: string | undefined): name is LibraryCommandName {
  return (LIBRARY_COMMAND_NAMES as readonly string[]).includes(name ?? '');
}

export function parseLibraryCommand(argv: readonly string[]): LibraryCliCommand {
  const [name, ...rest] = argv;
  if (!isLibraryCommandName(name)) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  const { values, positionals, common, expectPositionals: expect } = parseCommandArgs(name, OPTIONS[name], rest);
  if (values.help) return { name: 'help', topic: name };
  switch (name) {
    case 'import-pdfs':
      expect(1, 'one folder');
      return { name, folder: positionals[0]!, ...common };
    case 'import-zotero':
      expect(1, "one Zotero data folder (the one holding zotero.sqlite)");
      return { name, dataDirOfZotero: positionals[0]!, full: values.full === true, ...common };
    case 'import-ids':
      expect(1, 'one file ("-" for stdin)');
      return { name, file: positionals[0]!, ...common };
    case 'resolve-pending': {
      expect(0, 'no arguments');
      const limit = values.limit as string | undefined;
      return { name, limit: limit === undefined ? undefined : positiveInt('limit', limit, 1_000_000), ...common };
    }
    case 'not-duplicate':
      expect(2, 'two paper ids');
      if (positionals[0] === positionals[1]) throw new UsageError('facet not-duplicate: the two ids are the same');
      return { name, a: positionals[0]!, b: positionals[1]!, undo: values.undo === true, ...common };
    case 'duplicates': {
      expect(0, 'no arguments');
      const text = values['min-cosine'] as string | undefined;
      let minCosine: number | undefined;
      if (text !== undefined) {
        minCosine = Number(text);
        if (text.trim() === '' || !Number.isFinite(minCosine) || minCosine < 0 || minCosine > 1) {
          throw new UsageError(`--min-cosine must be a number from 0 to 1, got ${JSON.stringify(text)}`);
        }
      }
      return { name, limit: positiveInt('limit', values.limit as string, 1000), minCosine, ...common };
    }
    case 'delete':
    case 'edit':
      return parsePaperCommand(name, values, positionals, common);
    case 'merge':
      expect(2, 'two paper ids: <keepId> <dropId>');
      if (positionals[0] === positionals[1]) throw new UsageError('facet merge: the two ids are the same');
      return { name, keepId: positionals[0]!, dropId: positionals[1]!, ...common };
  }
}
