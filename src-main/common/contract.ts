/**
 * The one contract between Facet's core and every front end.
 *
 * - `requestSchemas` names every request and validates its arguments at each transport boundary
 *   (Electron IPC and the local HTTP/WebSocket bridge). Argument types are inferred from it.
 * - `RequestResults` names what each request resolves to.
 * - `EventPayloads` names every event the core pushes; event names follow `onDid…`.
 *
 * The core implements `FacetApi` once; the preload exposes an object that `satisfies FacetApi`;
 * the renderer's single client module is typed from it. The renderer imports this module with
 * `import type` only, so zod never reaches the renderer bundle.
 */
import { z } from 'zod';

export const ASPECTS = ['generic', 'task', 'method', 'dataset'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Labels shown to people; "generic" is the overall embedding. */
export const ASPECT_LABELS: Record<Aspect, string> = {
  generic: 'Overall',
  task: 'Task',
  method: 'Method',
  dataset: 'Dataset',
};

export const SEARCH_MODES = ['keyword', 'semantic', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const LIST_SORTS = ['imported', 'title', 'year'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

const paperId = z.string().min(1).max(200);

/** One thing to import: a file on the machine running the core, or pasted/dropped text. */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
  z.object({
    kind: z.literal('text'),
    /** A display name used in problem reports, e.g. "pasted text" or a dropped file's name. */
    name: z.string().min(1).max(512),
    /** Capped at 64 MiB so a runaway paste fails at the boundary with a clear message. */
    text: z.string().max(64 * 1024 * 1024),
  }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const requestSchemas = {
  /** A page of the library, newest import first by default. */
  'papers.list': z.object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    sort: z.enum(LIST_SORTS).default('imported'),
  }),
  /** One paper with its digest and aspect terms. Fails with NOT_FOUND for unknown ids. */
  'papers.get': z.object({ id: paperId }),
  /** Keyword (full text), semantic (generic vector) or hybrid (both, fused by rank). */
  'papers.search': z.object({
    query: z.string().min(1).max(2000),
    mode: z.enum(SEARCH_MODES).default('hybrid'),
    limit: z.number().int().min(1).max(200).default(20),
  }),
  /** Nearest neighbours of a stored paper under one aspect, best first, the paper itself excluded. */
  'papers.similar': z.object({
    id: paperId,
    aspect: z.enum(ASPECTS),
    k: z.number().int().min(1).max(100).default(10),
  }),
  /** Imports sources in order; resolves with the summary once all are stored. */
  'import.run': z.object({ sources: z.array(importSourceSchema).min(1).max(10_000) }),
  'library.stats': z.object({}).default({}),
  'model.info': z.object({}).default({}),
} as const;

export type RequestName = keyof typeof requestSchemas;
export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];
/** Arguments as callers may write them (defaults optional). */
export type RequestArgs<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
/** Arguments after validation, with defaults filled in: what the core receives. */
export type ParsedArgs<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export interface PaperSummary {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  /** ISO date (yyyy-mm-dd) when the source gave a full date. */
  date: string | null;
  venue: string | null;
  arxivId: string | null;
  doi: string | null;
  url: string | null;
  /** True when the source had no abstract: the paper is searchable by title only. */
  titleOnly: boolean;
  importedAt: string;
}

export interface AspectTerms {
  task: string[];
  method: string[];
  dataset: string[];
}

export interface Paper extends PaperSummary {
  abstract: string;
  sourceFile: string | null;
  /** 1-based line where the record starts in its source, when known. */
  sourceLine: number | null;
  /** Aspect mentions found in the digest by the tagger. */
  terms: AspectTerms;
  /** False until the embedder has written this paper's vectors. */
  embedded: boolean;
}

export interface PaperPage {
  total: number;
  offset: number;
  items: PaperSummary[];
}

export interface SearchHit {
  paper: PaperSummary;
  score: number;
  rank: number;
}

export interface Neighbour {
  paper: PaperSummary;
  /** Cosine similarity in [-1, 1]. */
  score: number;
  /** 1-based. */
  rank: number;
  /** Aspect terms the two papers share under the requested aspect (empty for generic). */
  sharedTerms: string[];
  /** A sentence a person can read, e.g. "shared method: contrastive learning, InfoNCE". */
  reason: string;
}

export interface ImportProblem {
  /** The file path or source name. */
  source: string;
  /** 1-based line in the source, when known. */
  line: number | null;
  /** The record's key, id or title, when known. */
  record: string | null;
  severity: 'error' | 'warning';
  message: string;
}

export interface ImportSummary {
  importId: string;
  sources: string[];
  /** Records parsed, whether new or not. */
  parsed: number;
  added: number;
  duplicates: number;
  /** New papers stored without an abstract. */
  titleOnly: number;
  embedded: number;
  problems: ImportProblem[];
  durationMs: number;
}

export interface LibraryStats {
  papers: number;
  embedded: number;
  pendingEmbedding: number;
  titleOnly: number;
  dataDir: string;
  model: ModelInfo;
}

export interface ModelInfo {
  id: string;
  name: string;
  dims: number;
  aspects: Aspect[];
  /** True for a stand-in model; the UI and README label it "provisional". */
  provisional: boolean;
  description: string;
}

export interface RequestResults {
  'papers.list': PaperPage;
  'papers.get': Paper;
  'papers.search': SearchHit[];
  'papers.similar': Neighbour[];
  'import.run': ImportSummary;
  'library.stats': LibraryStats;
  'model.info': ModelInfo;
}

export type ImportPhase = 'read' | 'parse' | 'store' | 'embed' | 'index' | 'done';

export interface EventPayloads {
  'import.onDidProgress': {
    importId: string;
    source: string;
    phase: ImportPhase;
    done: number;
    /** Null while the total is unknown (streaming parse). */
    total: number | null;
  };
  'import.onDidFinish': ImportSummary;
  'embed.onDidProgress': { done: number; total: number };
  'library.onDidChange': { papers: number };
}

export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'import.onDidProgress',
  'import.onDidFinish',
  'embed.onDidProgress',
  'library.onDidChange',
];

/** What the core implements and every transport exposes, one function per request. */
export type FacetApi = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<RequestResults[N]>;
};

export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;
export type Unsubscribe = () => void;

/** The event side of the contract: subscribe to one named event. */
export interface FacetEvents {
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
}

export const ERROR_CODES = ['BAD_REQUEST', 'NOT_FOUND', 'IMPORT_FAILED', 'MODEL', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serialisable error every transport carries back to the caller. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

export class FacetError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FacetError';
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): FacetError {
    return new FacetError(wire.code, wire.message);
  }

  /** Any thrown value as a wire error; unknown errors keep their message but become INTERNAL. */
  static toWire(error: unknown): WireError {
    if (error instanceof FacetError) return error.toWire();
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'INTERNAL', message };
  }
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

/**
 * Validates one request at a transport boundary. Unknown names and bad arguments become a
 * BAD_REQUEST FacetError whose message names the request and the offending field.
 */
export function parseRequest<N extends RequestName>(name: N, args: unknown): ParsedArgs<N>;
export function parseRequest(name: unknown, args: unknown): ParsedArgs<RequestName>;
export function parseRequest(name: unknown, args: unknown): ParsedArgs<RequestName> {
  if (!isRequestName(name)) {
    throw new FacetError('BAD_REQUEST', `unknown request ${JSON.stringify(name)}`);
  }
  const result = requestSchemas[name].safeParse(args ?? {});
  if (!result.success) {
    const detail = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`)
      .join('; ');
    throw new FacetError('BAD_REQUEST', `${name}: ${detail}`);
  }
  return result.data as ParsedArgs<RequestName>;
}
