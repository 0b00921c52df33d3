/**
 * Command-line parsing for `facet`: turns argv into one typed command, or a UsageError whose
 * message says what was wrong and how to ask for help. No I/O happens here.
 */
import { ASPECTS, SEARCH_MODES, type Aspect, type SearchMode } from '../../common/contract.ts';
import { parseCommandArgs, type Options } from './command-args.ts';
import { UsageError, positiveInt } from './usage-error.ts';
import { READING_OPTIONS, READING_USAGE, parseReadingCommand, type ReadingCommand, type ReadingCommandName } from './reading-args.ts';

export { UsageError } from './usage-error.ts';

export interface CommonOptions {
  /** Undefined: the default data folder. */
  dataDir: string | undefined;
  modelDir: string | undefined;
  json: boolean;
}

export type Command =
  | { name: 'help'; topic: CommandName | null }
  | ({ name: 'import'; files: string[] } & CommonOptions)
  | ({ name: 'search'; query: string; mode: SearchMode; k: number } & CommonOptions)
  /** `unlike`: cross-aspect neighbours (close under aspect, not under unlike); null: plain neighbours. */
  | ({ name: 'similar'; id: string; aspect: Aspect; unlike: Aspect | null; k: number } & CommonOptions)
  | ({ name: 'compare'; a: string; b: string } & CommonOptions)
  | ({ name: 'get'; id: string } & CommonOptions)
  | ({ name: 'similar-batch'; file: string } & CommonOptions)
  | ({ name: 'stats' } & CommonOptions)
  | ({ name: 'embed'; input: string; output: string; batchSize: number } & CommonOptions)
  | ReadingCommand;

export const COMMAND_NAMES = ['import', 'search', 'get', 'similar', 'compare', 'stats', 'embed', 'mark', 'list', 'for-you', 'not-relevant', 'export'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];


const COMMON: Options = {
  'data-dir': { type: 'string' },
  'model-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

const OPTIONS: Record<CommandName, Options> = {
  import: COMMON,
  search: { ...COMMON, mode: { type: 'string', default: 'hybrid' }, k: { type: 'string', default: '10' } },
  similar: { ...COMMON, aspect: { type: 'string' }, unlike: { type: 'string' }, k: { type: 'string', default: '10' }, batch: { type: 'string' } },
  compare: COMMON,
  get: COMMON,
  stats: COMMON,
  embed: { ...COMMON, in: { type: 'string' }, out: { type: 'string' }, 'batch-size': { type: 'string', default: '64' } },
  mark: { ...COMMON, ...READING_OPTIONS.mark },
  list: { ...COMMON, ...READING_OPTIONS.list },
  'for-you': { ...COMMON, ...READING_OPTIONS['for-you'] },
  'not-relevant': { ...COMMON, ...READING_OPTIONS['not-relevant'] },
  export: { ...COMMON, ...READING_OPTIONS.export },
};

export const USAGE: Record<CommandName | 'main', string> = {
  main: `Usage: facet <command> [options]

Commands:
  import <files|folders…>         import digest pages, BibTeX, RIS, CSL-JSON, JSON(L) files; PDF folders; id lists
  search "<query>"                search the library (--mode keyword|semantic|hybrid, --k N)
  get <id>                        one paper (an <id> may also be the key it came with: JSON id, BibTeX key, …)
  similar <id> --aspect A         nearest papers under one aspect (task|method|dataset|generic, --k N)
  similar <id> --aspect A --unlike B  close under A, not under B ("same method, other tasks")
  compare <idA> <idB>             two papers side by side: per aspect similarity, shared and own terms
  stats                           library counts and the model in use
  embed --in F.jsonl --out G.jsonl  embed {"id","title","abstract"} lines (no library needed)
  mark <id> --status S            reading state of a paper (--status, --rating, --tag, --untag, --note)
  list [--status read]            the reading list (--status, --tag, --min-rating, --sort)
  for-you [--aspect A] [--k N]    unread papers ranked for you, with why
  not-relevant <id> [--undo]      "not relevant" feedback for For you (--undo takes it back)
  export --format F [--out FILE]  BibTeX, CSL-JSON, RIS or Markdown of the reading list (--status, --tag, --ids)
  import-pdfs <folder>            import a folder of PDFs (resumable; Ctrl-C stops, re-run resumes)
  import-zotero <zotero-dir>      import a Zotero library read in place (--full: every item again)
  import-ids <file|->             arXiv ids / DOIs as "metadata pending" stubs
  resolve-pending                 fetch metadata for the pending stubs (needs network use on)
  duplicates [--limit N]          papers that are probably in the library twice
  not-duplicate <idA> <idB>       never list these two as duplicates again (--undo takes it back)
  merge <keepId> <dropId>         merge two papers of one work into <keepId>
  delete <id…>                    delete papers (prints an undo token: facet delete --undo TOKEN)
  edit <id> --title T …           fix a paper's title, authors, year, venue, ids, URL or abstract
  settings [--allow-network on|off]  show or change settings (network use is off by default)

Options for every command:
  --data-dir DIR   library folder (default: the Facet app's user-data folder)
  --model-dir DIR  model folder (default: the one under resources/models, or $FACET_MODEL_DIR)
  --json           machine-readable output on stdout
  -h, --help       help for a command

Progress and problems go to stderr. Exit status: 0 ok, 1 failed, 2 bad usage.`,
  import: `Usage: facet import <files|folders…> [--data-dir DIR] [--json]
Imports each file in order. Papers already in the library (same arXiv id, DOI or title) are counted
as duplicates, so importing a file again changes nothing. A folder is imported as a folder of PDFs
(as facet import-pdfs), and a file that lists arXiv ids / DOIs as identifier stubs (as facet
import-ids). --json prints each import summary.`,
  search: `Usage: facet search "<query>" [--mode keyword|semantic|hybrid] [--k N] [--data-dir DIR] [--json]
keyword: full text over title + abstract; semantic: the overall embedding; hybrid (default): both,
fused by rank. --k: how many results (1-200, default 10). --json: [{"id","title","score","rank",…}].`,
  similar: `Usage: facet similar <id> --aspect task|method|dataset|generic [--k N] [--data-dir DIR] [--json]
       facet similar <id> --aspect A --unlike B [--k N] [--data-dir DIR] [--json]
       facet similar --batch FILE.jsonl --json [--data-dir DIR]
Nearest papers to a stored paper under one aspect, best first, the paper itself excluded. The score
fuses the library's TF-IDF cosine with the aspect's embedding cosine, on one scale for every query.
--k: how many (1-1000, default 10). --json: [{"id","title","score","rank","sharedTerms","reason",…}].
--batch: one query a line, {"id": ID, "aspect": A, "k": N, "within": [ID, …]} (within optional: rank
only those papers); writes one line per query, in order: {"id","aspect","neighbours":[{"id","sourceKey","score","rank"}]}.
--unlike B: papers close under A and not close under B, e.g. --aspect method --unlike task ("same
method, other tasks"); each says the A terms shared and how the B terms differ (k up to 200).
--json: [{"id","title","score","rank","similarity","unlikeSimilarity","sharedTerms","reason","unlikeTerms","difference"}].`,
  get: `Usage: facet get <id|source key> [--data-dir DIR] [--json]
One stored paper. Every command that takes a paper id also takes the key the paper came with: a
JSON/JSONL record's "id", a BibTeX citation key, a CSL-JSON "id", a RIS ID (its "sourceKey").
--json: the paper as stored: {"id","sourceKey","title","authors","year","abstract","terms",…}.`,
  compare: `Usage: facet compare <idA> <idB> [--data-dir DIR] [--json]
Two stored papers side by side: for each aspect their similarity (the fused score of facet similar,
with its lexical and embedding cosines), the aspect terms both have and those only one has.
--json: {"a","b","aspects":[{"aspect","similarity","lexical","dense","terms":{"shared","onlyA","onlyB"},"related","sharedWords","reason"}]}.`,
  stats: `Usage: facet stats [--data-dir DIR] [--json]
Counts of papers, embedded papers and title-only papers, and the model in use.
--json: {"papers": N, "embedded": N, "pendingEmbedding": N, "titleOnly": N, "dataDir", "model"}.`,
  embed: `Usage: facet embed --in papers.jsonl --out vectors.jsonl [--batch-size N] [--model-dir DIR]
Reads lines {"id","title","abstract"} and writes, in the same order, lines
{"id","vectors":{"generic":[…],"task":[…],"method":[…],"dataset":[…]}}. Streams; needs no library.
Use "-" for stdin / stdout.`,
  ...READING_USAGE,
};

function isReadingCommandName(name: CommandName): name is ReadingCommandName {
  return Object.hasOwn(READING_OPTIONS, name);
}

function isCommandName(name: string | undefined): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name ?? '');
}

export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && isCommandName(rest[0]) ? rest[0] : null;
    return { name: 'help', topic };
  }
  if (!isCommandName(first)) {
    throw new UsageError(`unknown command ${JSON.stringify(first)}; commands: ${COMMAND_NAMES.join(', ')} (facet --help)`);
  }
  const { values, positionals, common, expectPositionals } = parseCommandArgs(first, OPTIONS[first], rest);
  if (values.help) return { name: 'help', topic: first };
  if (isReadingCommandName(first)) return parseReadingCommand(first, values, positionals, common, expectPositionals);

  switch (first) {
    case 'import':
      if (positionals.length === 0) throw new UsageError('facet import: name at least one file (facet import --help)');
      return { name: 'import', files: positionals, ...common };
    case 'search': {
      expectPositionals(1, 'one query (quote it)');
      const mode = values.mode as string;
      if (!(SEARCH_MODES as readonly string[]).includes(mode)) {
        throw new UsageError(`--mode must be one of ${SEARCH_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
      }
      const query = positionals[0]!.trim();
      if (query.length === 0) throw new UsageError('facet search: the query is empty');
      return { name: 'search', query, mode: mode as SearchMode, k: positiveInt('k', values.k as string, 200), ...common };
    }
    case 'similar': {
      if (values.batch !== undefined) {
        expectPositionals(0, 'no paper id besides --batch FILE');
        if (values.unlike !== undefined) throw new UsageError('facet similar --batch: --unlike is not available in batches');
        if (values.aspect !== undefined) throw new UsageError('facet similar --batch: each line names its own aspect; drop --aspect');
        return { name: 'similar-batch', file: values.batch as string, ...common };
      }
      expectPositionals(1, 'one paper id');
      const aspect = values.aspect as string | undefined;
      if (aspect === undefined) throw new UsageError(`facet similar: --aspect is required (${ASPECTS.join('|')})`);
      if (!(ASPECTS as readonly string[]).includes(aspect)) {
        throw new UsageError(`--aspect must be one of ${ASPECTS.join(', ')}, got ${JSON.stringify(aspect)}`);
      }
      const unlike = values.unlike as string | undefined;
      if (unlike !== undefined && !(ASPECTS as readonly string[]).includes(unlike)) {
        throw new UsageError(`--unlike must be one of ${ASPECTS.join(', ')}, got ${JSON.stringify(unlike)}`);
      }
      if (unlike === aspect) throw new UsageError(`facet similar: --unlike must differ from --aspect (both ${aspect})`);
      return {
        name: 'similar',
        id: positionals[0]!,
        aspect: aspect as Aspect,
        unlike: (unlike as Aspect | undefined) ?? null,
        k: positiveInt('k', values.k as string, unlike === undefined ? 1000 : 200),
        ...common,
      };
    }
    case 'get':
      expectPositionals(1, 'one paper id or source key');
      return { name: 'get', id: positionals[0]!, ...common };
    case 'compare':
      expectPositionals(2, 'two paper ids');
      return { name: 'compare', a: positionals[0]!, b: positionals[1]!, ...common };
    case 'stats':
      expectPositionals(0, 'no arguments');
      return { name: 'stats', ...common };
    case 'embed': {
      expectPositionals(0, 'no arguments besides --in and --out');
      const input = values.in as string | undefined;
      const output = values.out as string | undefined;
      if (!input || !output) throw new UsageError('facet embed: both --in and --out are required (use "-" for stdin/stdout)');
      return { name: 'embed', input, output, batchSize: positiveInt('batch-size', values['batch-size'] as string, 4096), ...common };
    }
  }
}
