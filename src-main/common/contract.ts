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
import { LIBRARY_EVENT_NAMES, libraryRequestSchemas, type LibraryEventPayloads, type LibraryPaperFields, type LibraryRequestResults } from './contract-library.ts';
import { aspectRequestSchemas, type AspectRequestResults } from './contract-aspects.ts';
import { MAP_EVENT_NAMES, mapRequestSchemas, type MapEventPayloads, type MapRequestResults } from './contract-map.ts';
import { SETTINGS_EVENT_NAMES, settingsRequestSchemas, type SettingsEventPayloads, type SettingsRequestResults } from './contract-settings.ts';
import { paperRequestSchemas, type PaperRequestResults } from './contract-papers.ts';

export * from './contract-library.ts';
export * from './contract-settings.ts';
export * from './contract-aspects.ts';
export * from './contract-papers.ts';
export * from './contract-map.ts';

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

/** Where a paper is on the person's reading list; "none" = not on it. */
export const READING_STATUSES = ['none', 'to-read', 'reading', 'read', 'dismissed'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

export const EXPORT_FORMATS = ['bibtex', 'csl-json', 'ris', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How a reading list page is ordered: last change, stars, or the For-you score under `aspect`. */
export const READING_SORTS = ['updated', 'added', 'rating', 'relevance'] as const;
export type ReadingSort = (typeof READING_SORTS)[number];

const readingStatus = z.enum(READING_STATUSES);
const readingTag = z
  .string()
  .transform((tag) => tag.normalize('NFC').trim())
  .pipe(z.string().min(1, 'a tag may not be empty').max(200));

/** An edit of one paper's reading state: any subset of the fields. Notes may be Markdown, any Unicode, up to 8 M UTF-16 units. */
export const readingPatchSchema = z
  .object({
    status: readingStatus.optional(),
    tags: z
      .array(readingTag)
      .max(200)
      .transform((tags) => [...new Set(tags)])
      .optional(),
    note: z.string().max(8 * 1024 * 1024).optional(),
    /** 1-5 stars; null clears the rating. */
    rating: z.number().int().min(1).max(5).nullable().optional(),
    /** "Not relevant" feedback from For you / the digest. */
    notRelevant: z.boolean().optional(),
  })
  .strict();
export type ReadingPatch = z.output<typeof readingPatchSchema>;

const readingFilter = {
  status: z.array(readingStatus).max(READING_STATUSES.length).optional(),
  tag: z.string().max(200).optional(),
  minRating: z.number().int().min(1).max(5).optional(),
};

/** Which papers an export covers. */
export const exportSelectionSchema = z.discriminatedUnion('kind', [
  /** Papers on the reading list, filtered like reading.list. */
  z.object({ kind: z.literal('reading'), ...readingFilter }),
  /** Any set of papers, e.g. the current view. */
  z.object({ kind: z.literal('ids'), ids: z.array(paperId).min(1).max(100_000) }),
]);
export type ExportSelection = z.infer<typeof exportSelectionSchema>;

/** Pasted, dropped or uploaded text: the bytes travel with the request. */
export const textImportSourceSchema = z.object({
  kind: z.literal('text'),
  /** A display name used in problem reports, e.g. "pasted text" or a dropped file's name. */
  name: z.string().min(1).max(512),
  /** Capped at 64 MiB so a runaway paste fails at the boundary with a clear message. */
  text: z.string().max(64 * 1024 * 1024),
});

/**
 * One thing to import: a file on the machine running the core, or pasted/dropped text. Paths are
 * for the CLI and the core's own callers only; the renderer's requests (contract-renderer.ts)
 * name files by grant instead.
 */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
  textImportSourceSchema,
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
  /**
   * Papers that match the query, each saying how (SearchHit.match): keyword (full-text hits),
   * semantic (generic-vector cosine at least a calibrated threshold) or hybrid (the union of both,
   * fused by rank). A query that matches nothing gives no results in every mode.
   */
  'papers.search': z.object({
    query: z.string().min(1).max(2000),
    mode: z.enum(SEARCH_MODES).default('hybrid'),
    limit: z.number().int().min(1).max(200).default(20),
  }),
  /**
   * Nearest neighbours of a stored paper under one aspect, best first, the paper itself excluded.
   * `within` ranks only those papers (ids that are not stored are ignored).
   */
  'papers.similar': z.object({
    id: paperId,
    aspect: z.enum(ASPECTS),
    k: z.number().int().min(1).max(1000).default(10),
    within: z.array(paperId).max(100_000).optional(),
  }),
  /** Imports sources in order; resolves with the summary once all are stored. */
  'import.run': z.object({ sources: z.array(importSourceSchema).min(1).max(10_000) }),
  'library.stats': z.object({}).default({}),
  'model.info': z.object({}).default({}),
  /** Edits one paper's reading state; unknown paper ids fail with NOT_FOUND. Emits reading.onDidChange. */
  'reading.set': z.object({ id: paperId, patch: readingPatchSchema }),
  /** The same edit for several papers (bulk actions); all ids are checked before anything is written. */
  'reading.setMany': z.object({ ids: z.array(paperId).min(1).max(10_000), patch: readingPatchSchema }),
  /** One paper's reading state; null when it was never edited. */
  'reading.get': z.object({ id: paperId }),
  /** Papers with a reading state (status other than none, or tags, note, rating), filtered and sorted. */
  'reading.list': z.object({
    ...readingFilter,
    /** Also list papers whose only state is "not relevant" or status none (default: left out). */
    includeNone: z.boolean().default(false),
    sort: z.enum(READING_SORTS).default('updated'),
    /** The aspect whose For-you score orders the list when sort is "relevance". */
    aspect: z.enum(ASPECTS).default('generic'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  }),
  /** Every tag in use with how many papers carry it, most used first. */
  'reading.tags': z.object({}).default({}),
  /** Unread papers ranked for the person under one aspect, each with why. */
  'recommend.forYou': z.object({
    aspect: z.enum(ASPECTS).default('generic'),
    k: z.number().int().min(1).max(200).default(20),
    includeToRead: z.boolean().default(false),
  }),
  /** "Not relevant" on a recommended paper (notRelevant: false takes it back). The result's `undo` restores the previous state. */
  'recommend.notRelevant': z.object({ id: paperId, notRelevant: z.boolean().default(true) }),
  /** Ranks given papers (a digest just imported, e.g. ImportSummary.paperIds) for the person and marks the top ones. */
  'recommend.digest': z.object({
    ids: z.array(paperId).min(1).max(10_000),
    aspect: z.enum(ASPECTS).default('generic'),
    top: z.number().int().min(0).max(100).default(5),
  }),
  /**
   * Exports papers as BibTeX, CSL-JSON, RIS or Markdown; writes `path` on the core's machine when
   * given, else returns the text. A paper imported from BibTeX, CSL-JSON or RIS goes out in the same
   * format as it came in (key, entry type and every field); others get a stable generated key.
   * Dismissed papers are left out unless `includeDismissed` (or the selection asks for the status).
   */
  'export.run': z.object({
    format: z.enum(EXPORT_FORMATS),
    selection: exportSelectionSchema,
    path: z.string().min(1).max(4096).optional(),
    includeAbstract: z.boolean().optional(),
    /** Also write tags (keywords) and status, rating and note (Facet's own fields, which styles do not print). */
    withReadingState: z.boolean().default(false),
    includeDismissed: z.boolean().default(false),
  }),
  ...libraryRequestSchemas,
  ...settingsRequestSchemas,
  ...aspectRequestSchemas,
  ...paperRequestSchemas,
  ...mapRequestSchemas,
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
  /** The key the record came with (a JSON/JSONL record's id, BibTeX key, CSL-JSON id, RIS ID); papers.get also finds a paper by it. */
  sourceKey?: string | null;
}

export interface AspectTerms {
  task: string[];
  method: string[];
  dataset: string[];
}

export interface Paper extends PaperSummary, LibraryPaperFields {
  abstract: string;
  /** The key exports cite it by: the source's own (BibTeX key, CSL citation-key, RIS ID), else one generated once; null for a stub whose metadata is pending. */
  citeKey?: string | null;
  sourceFile: string | null;
  /** 1-based line where the record starts in its source, when known. */
  sourceLine: number | null;
  /** Aspect mentions found in the digest by the tagger. */
  terms: AspectTerms;
  /** False until the embedder has written this paper's vectors. */
  embedded: boolean;
  /** Where to open it; set by papers.get and papers.update. */
  links?: PaperLinks;
}

/** Addresses to open a paper at (opened in the system browser, only when clicked). */
export interface PaperLinks {
  /** The arXiv abstract page, when the arXiv id is known. */
  arxiv: string | null;
  /** The DOI resolver's address, when the DOI is known. */
  doi: string | null;
  /** The source's own http(s) URL. */
  url: string | null;
  /** Search pages for the title: for papers without an id ("Find on arXiv / Semantic Scholar"). */
  findOnArxiv: string;
  findOnSemanticScholar: string;
  /** http(s) URLs written in the abstract (code, project pages), in order. */
  inAbstract: string[];
}

export interface PaperPage {
  total: number;
  offset: number;
  items: PaperSummary[];
}

/** Why a search result matched. */
export interface SearchMatch {
  /** A full-text hit. */
  keyword: boolean;
  /** The paper's words the query matched, as the paper spells them (for highlighting); empty unless keyword. */
  words: string[];
  /** The query's vector is close enough to the paper's (cosine at least the calibrated threshold). */
  semantic: boolean;
  /** That cosine, when semantic. */
  similarity: number | null;
}

export interface SearchHit {
  paper: PaperSummary;
  /** Orders the results only (BM25, cosine or fused rank score): not for showing to people, use `reason`. */
  score: number;
  rank: number;
  match: SearchMatch;
  /** A phrase a person can read: "matches “contrastive”, “loss”", "semantic match", or both joined by " · ". */
  reason: string;
}

export interface Neighbour {
  paper: PaperSummary;
  /**
   * Similarity on one scale for every query: the lexical cosine times the model's lexical weight for
   * the aspect plus the dense cosine times the rest; about 0 for unrelated papers, 1 for identical text.
   */
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

/** One source's row in an import summary. */
export interface ImportSourceSummary {
  source: string;
  parsed: number;
  added: number;
  duplicates: number;
  titleOnly: number;
  /** Problems naming this source (errors and warnings). */
  problems: number;
}

export interface ImportSummary {
  importId: string;
  sources: string[];
  /** One row per source, in order. Always set by the core; optional only so that older producers of summaries stay valid. */
  perSource?: ImportSourceSummary[];
  /** Records parsed, whether new or not. */
  parsed: number;
  added: number;
  duplicates: number;
  /** New papers stored without an abstract. */
  titleOnly: number;
  embedded: number;
  problems: ImportProblem[];
  durationMs: number;
  /**
   * Ids of the records read, new and duplicate, in source order (without repeats): what
   * recommend.digest takes after importing a digest page. Always set by the core; optional only
   * so that older producers of summaries stay valid.
   */
  paperIds?: string[];
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
  /**
   * Per aspect, the weight of the lexical (TF-IDF) cosine in a neighbour's score, the dense cosine
   * having 1 minus it; chosen on dev splits when the model was built. Absent: dense only.
   */
  lexicalWeight?: Record<Aspect, number>;
}

export type ReadingField = 'status' | 'tags' | 'note' | 'rating' | 'notRelevant';

export interface ReadingState {
  paperId: string;
  status: ReadingStatus;
  tags: string[];
  /** Plain text or Markdown; empty when there is none. */
  note: string;
  /** 1-5, or null when unrated. */
  rating: number | null;
  notRelevant: boolean;
  /** ISO time of the first edit. */
  createdAt: string;
  /** ISO time of the latest edit. */
  updatedAt: string;
  /** ISO time each field last changed; absent for fields never edited. */
  changedAt: Partial<Record<ReadingField, string>>;
}

export interface ReadingEdit {
  previous: ReadingState | null;
  current: ReadingState;
  /** reading.set with this patch restores exactly the fields the edit touched. */
  undo: ReadingPatch;
}

export interface ReadingListItem {
  reading: ReadingState;
  /** Null when the paper is no longer in the library. */
  paper: PaperSummary | null;
  /** For-you score under the requested aspect when sorted by relevance (null when it has no vector or nothing is liked). */
  score: number | null;
}

export interface ReadingPage {
  total: number;
  offset: number;
  items: ReadingListItem[];
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface LikedNeighbour {
  paper: PaperSummary;
  /** Cosine similarity under the aspect. */
  similarity: number;
}

export type RankMethodUsed = 'classifier' | 'centroid' | 'none';

export interface Recommendation {
  paper: PaperSummary;
  score: number;
  /** 1-based. */
  rank: number;
  /** The nearest liked papers, nearest first. */
  liked: LikedNeighbour[];
  /** Aspect terms shared with those papers (empty for generic). */
  sharedTerms: string[];
  /** A sentence a person can read, naming liked papers by title. */
  reason: string;
  /** The same in plain words, without scores: "Because you liked “A” and “B” (both about …)". */
  explanation: string;
}

export interface ForYou {
  aspect: Aspect;
  /** "none" when nothing is liked yet: items is then empty. */
  method: RankMethodUsed;
  positives: number;
  negatives: number;
  /** Papers considered before the cut to k. */
  candidates: number;
  items: Recommendation[];
}

export interface DigestItem {
  paper: PaperSummary;
  /** Null for a paper without vectors yet, or when nothing is liked yet. */
  score: number | null;
  rank: number;
  /** One of the top papers for the person (never one already on the reading list). */
  top: boolean;
  liked: LikedNeighbour[];
  sharedTerms: string[];
  reason: string | null;
  /** Plain words, without scores (see Recommendation.explanation); null when reason is. */
  explanation: string | null;
  /** The paper's reading state, when it has one. */
  reading: ReadingState | null;
}

export interface DigestRanking {
  aspect: Aspect;
  method: RankMethodUsed;
  items: DigestItem[];
}

export interface ExportResult {
  format: ExportFormat;
  count: number;
  /** The file written, when a path was given. */
  path: string | null;
  /** The exported text when no path was given. */
  text: string | null;
  bytes: number;
  /** A file name to offer for a download, e.g. "facet-reading-list.bib". */
  fileName: string;
}

export interface RequestResults extends LibraryRequestResults, SettingsRequestResults, AspectRequestResults, PaperRequestResults, MapRequestResults {
  'papers.list': PaperPage;
  'papers.get': Paper;
  'papers.search': SearchHit[];
  'papers.similar': Neighbour[];
  'import.run': ImportSummary;
  'library.stats': LibraryStats;
  'model.info': ModelInfo;
  'reading.set': ReadingEdit;
  'reading.setMany': ReadingEdit[];
  'reading.get': ReadingState | null;
  'reading.list': ReadingPage;
  'reading.tags': TagCount[];
  'recommend.forYou': ForYou;
  'recommend.notRelevant': ReadingEdit;
  'recommend.digest': DigestRanking;
  'export.run': ExportResult;
}

export type ImportPhase = 'read' | 'parse' | 'store' | 'embed' | 'index' | 'done';

export interface EventPayloads extends LibraryEventPayloads, SettingsEventPayloads, MapEventPayloads {
  'import.onDidProgress': {
    importId: string;
    source: string;
    phase: ImportPhase;
    /**
     * Records of `source` through this phase so far: parse = records read, embed = new records
     * embedded, store = new records stored; index/done = new papers of the whole import.
     */
    done: number;
    /** Null while the total is unknown (streaming parse, index build). embed/store: new records found in the source so far. */
    total: number | null;
    /** This source's counts so far (parse, embed, store). */
    counts?: { parsed: number; duplicates: number; embedded: number; added: number };
  };
  'import.onDidFinish': ImportSummary;
  'embed.onDidProgress': { done: number; total: number };
  'library.onDidChange': { papers: number };
  /** A paper's reading state changed: here, in another window, or in another process (external: true). */
  'reading.onDidChange': { paperId: string; current: ReadingState; external: boolean };
}

export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'import.onDidProgress',
  'import.onDidFinish',
  'embed.onDidProgress',
  'library.onDidChange',
  'reading.onDidChange',
  ...LIBRARY_EVENT_NAMES,
  ...SETTINGS_EVENT_NAMES,
  ...MAP_EVENT_NAMES,
];

/**
 * What the core implements, one function per request, with plain paths where a request names files
 * (the CLI's view). The renderer sees RendererApi (contract-renderer.ts) instead, which has grants.
 */
export type FacetApi = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<RequestResults[N]>;
};

export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;
export type Unsubscribe = () => void;

/** The event side of the contract: subscribe to one named event. */
export interface FacetEvents {
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
}

/** BUSY: another process is writing the library and did not finish within the wait (try again later). */
export const ERROR_CODES = ['BAD_REQUEST', 'NOT_FOUND', 'IMPORT_FAILED', 'MODEL', 'BUSY', 'INTERNAL'] as const;
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
    /** `cause`: the underlying error, kept for logs; only `message` travels to the caller. */
    options?: ErrorOptions,
  ) {
    super(message, options);
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
