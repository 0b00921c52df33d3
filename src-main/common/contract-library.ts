/**
 * The library part of the contract: its counts and model (library.stats, model.info), and local
 * libraries: importing PDF folders, Zotero libraries and identifier lists, filling pending stubs from the network, listing near-duplicates (minus the
 * pairs a person said are not duplicates) and merging them. contract.ts spreads these request
 * schemas into its own and names the results and the event there, so transports see one contract.
 */
import { z } from 'zod';

import { importIdSchema as importId, paperIdSchema as paperId } from './contract-fields.ts';
import type { Aspect } from './vocabulary.ts';

/** The library's counts and the model that embeds it. */
export const libraryInfoSchemas = {
  'library.stats': z.object({}).default({}),
  'model.info': z.object({}).default({}),
} as const;

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

/** A local library to import: a PDF folder, a Zotero data folder, or a list of arXiv ids / DOIs. */
export const librarySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pdf-folder'), path: z.string().min(1).max(4096) }),
  /** `full`: yield every item again instead of only those changed since the last import. */
  z.object({ kind: z.literal('zotero'), dataDir: z.string().min(1).max(4096), full: z.boolean().default(false) }),
  z.object({ kind: z.literal('identifiers'), name: z.string().min(1).max(512), text: z.string().max(64 * 1024 * 1024) }),
  z.object({ kind: z.literal('identifiers-file'), path: z.string().min(1).max(4096) }),
]);
export type LibrarySourceArg = z.output<typeof librarySourceSchema>;

export const libraryRequestSchemas = {
  /**
   * Imports one local library source, resuming from its checkpoint (PDF folders) or sync state
   * (Zotero: only items changed since the last import). Progress: library.onDidProgress.
   * `importId` lets the caller cancel before the result arrives; one is made up when absent.
   */
  'library.import': z.object({ source: librarySourceSchema, importId: importId.optional() }),
  /** Stops a running library import (all of them when no id is given); what was stored stays, and the next import of the source resumes. */
  'library.cancel': z.object({ importId: importId.optional() }).default({}),
  /** Near-duplicate candidates among the embedded papers, best first. */
  'library.duplicates': z.object({
    limit: z.number().int().min(1).max(1000).default(100),
    minCosine: z.number().min(0).max(1).optional(),
  }),
  /**
   * Merges two papers: the record is the richer one filled in from the other, reading state is
   * carried over, and one paper is deleted. keep "richer" (default) keeps the richer paper's id;
   * "a" keeps `a`'s id whichever is richer (the person chose).
   */
  'library.merge': z.object({ a: paperId, b: paperId, keep: z.enum(['richer', 'a']).default('richer') }),
  /**
   * Fetches metadata for stored identifier stubs (pending: true) from arXiv and Crossref and fills
   * each stub in place: same paper id, so its reading state stays; then it is tagged, embedded and
   * indexed. Needs settings.allowNetwork (BAD_REQUEST while it is off). Progress:
   * library.onDidProgress under `importId`; library.cancel stops it, keeping what was filled.
   */
  'library.resolvePending': z.object({ importId: importId.optional(), limit: z.number().int().min(1).max(1_000_000).optional() }).default({}),
  /**
   * Looks up stored papers that have no arXiv id and no DOI (and are not stubs) on arXiv by title
   * and fills each strict same-paper match in place: the arXiv id always; DOI, authors, year,
   * date, venue and url only where the paper has none; title, abstract and reading state stay.
   * Needs settings.allowNetwork (BAD_REQUEST while it is off). Progress and cancel as resolvePending.
   */
  'library.matchTitles': z.object({ importId: importId.optional(), limit: z.number().int().min(1).max(1_000_000).optional() }).default({}),
  /**
   * "These two are not duplicates": library.duplicates never offers the pair again. `undo: true`
   * takes the decision back. Kept in the data folder; unknown ids fail with NOT_FOUND (undo accepts them).
   */
  'library.notDuplicate': z.object({ a: paperId, b: paperId, undo: z.boolean().default(false) }),
} as const;

/** What a paper knows beyond its digest when it came from a local library (Paper extends this). */
export interface LibraryPaperFields {
  /** Absolute path of the paper's PDF on this machine, when imported from a folder or Zotero. */
  filePath?: string | null;
  /** Zotero collection paths, e.g. "Thesis / Related work". */
  collections?: string[];
  /** Zotero tags (kept with the paper; the person's own reading tags are separate). */
  tags?: string[];
  /** True for an identifier stub whose metadata is not fetched yet: not embedded, not searchable by content. */
  pending?: boolean;
}

export interface LibraryImportSummary {
  importId: string;
  kind: LibrarySourceArg['kind'];
  source: string;
  /** Records read in this run, new or not. */
  parsed: number;
  added: number;
  duplicates: number;
  /** Passed over because the checkpoint or sync state had them done in an earlier run. */
  skipped: number;
  /**
   * Stored papers rewritten in place: Zotero items changed since the last import (same Zotero key),
   * and, with network use on, stored identifier stubs filled in with fetched metadata.
   */
  updated: number;
  /** Stored papers merged with a stub this run filled, the fetched record showing them to be one paper (see ResolvePendingSummary.merged). */
  merged: number;
  /** Stubs stored with metadata pending. */
  pending: number;
  /** Zotero items gone since the last sync: reported, not deleted from Facet. */
  removed: number;
  embedded: number;
  titleOnly: number;
  problems: {
    source: string;
    line: number | null;
    record: string | null;
    severity: 'error' | 'warning';
    message: string;
  }[];
  /** True when library.cancel (or the caller's signal) stopped it; what was stored stays. */
  cancelled: boolean;
  durationMs: number;
}

export interface DuplicatePaperSummary {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  arxivId: string | null;
  doi: string | null;
  venue: string | null;
  filePath: string | null;
}

export interface DuplicatePair {
  a: DuplicatePaperSummary;
  b: DuplicatePaperSummary;
  /** (cosine + titleSimilarity) / 2. */
  score: number;
  cosine: number;
  titleSimilarity: number;
  reason: string;
}

export interface LibraryMergeResult {
  keptId: string;
  retiredId: string;
  /** Whether a reading state was carried over to the kept paper. */
  readingMoved: boolean;
}

export interface ResolvePendingSummary {
  importId: string;
  /** Stubs that were pending when the run started (up to `limit`). */
  stubs: number;
  /** Stubs filled in place with fetched metadata (and embedded). */
  filled: number;
  /**
   * Stored papers merged into a filled stub (or it into them) because the fetched record showed
   * they are the same paper: same arXiv id, DOI, or title + first author + year.
   */
  merged: number;
  /** Stubs still pending: the service does not know the id, or fetching failed (see problems). */
  stillPending: number;
  embedded: number;
  /** One per identifier not filled, naming it (record: "arxiv:…" / "doi:…"). */
  problems: LibraryImportSummary['problems'];
  cancelled: boolean;
  durationMs: number;
}

export interface TitleMatchSummary {
  importId: string;
  /** Papers without an arXiv id or DOI looked up in this run (up to `limit`). */
  candidates: number;
  /** Papers filled in place from their arXiv record. */
  matched: number;
  /** Papers arXiv had no same-titled record for, or whose title is too short to match on. */
  unmatched: number;
  /** One per paper not filled for a reason worth reading (record: the paper id), naming its title. */
  problems: LibraryImportSummary['problems'];
  cancelled: boolean;
  durationMs: number;
}

export interface NotDuplicateResult {
  a: string;
  b: string;
  /** Whether the pair is now on the "not a duplicate" list. */
  notDuplicate: boolean;
  /** False when the list already said so. */
  changed: boolean;
}

export interface LibraryRequestResults {
  'library.stats': LibraryStats;
  'model.info': ModelInfo;
  'library.import': LibraryImportSummary;
  'library.cancel': { cancelled: number };
  'library.duplicates': DuplicatePair[];
  'library.merge': LibraryMergeResult;
  'library.resolvePending': ResolvePendingSummary;
  'library.matchTitles': TitleMatchSummary;
  'library.notDuplicate': NotDuplicateResult;
}

export interface LibraryEventPayloads {
  'library.onDidChange': { papers: number };
  'library.onDidProgress': {
    importId: string;
    source: string;
    /** Units handled so far (files, items, identifiers), skipped ones included. */
    done: number;
    total: number | null;
    skipped: number;
    /** New papers stored so far in this run. */
    added: number;
    ratePerSecond: number;
    etaSeconds: number | null;
  };
  /**
   * A write (import, merge, stub filling, index upkeep) is waiting because another process is
   * writing the same library; sent when the wait starts and about every 5 s while it lasts.
   */
  'library.onDidWaitForWriter': {
    /** The writing process, when its lock file could be read. */
    holderPid: number | null;
    holderHost: string | null;
    purpose: string | null;
    waitedMs: number;
    /** "the library is being updated by process N (import, since …); waiting for it to finish…" */
    message: string;
  };
}
