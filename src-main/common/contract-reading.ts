/**
 * The reading part of the contract: a person's reading state per paper (status, tags, note,
 * rating, "not relevant"), the For-you recommendations and digest ranking built on it, and
 * exporting papers. contract.ts spreads these request schemas into its own, so transports see
 * one contract.
 */
import { z } from 'zod';
import type { PaperSummary } from './contract-papers.ts';
import { aspectSchema, paperIdSchema } from './contract-fields.ts';
import { EXPORT_FORMATS, READING_SORTS, READING_STATUSES, type Aspect, type ExportFormat, type ReadingStatus } from './vocabulary.ts';

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
  z.object({ kind: z.literal('ids'), ids: z.array(paperIdSchema).min(1).max(100_000) }),
]);
export type ExportSelection = z.infer<typeof exportSelectionSchema>;

export const readingRequestSchemas = {
  /** Edits one paper's reading state; unknown paper ids fail with NOT_FOUND. Emits reading.onDidChange. */
  'reading.set': z.object({ id: paperIdSchema, patch: readingPatchSchema }),
  /** The same edit for several papers (bulk actions); all ids are checked before anything is written. */
  'reading.setMany': z.object({ ids: z.array(paperIdSchema).min(1).max(10_000), patch: readingPatchSchema }),
  /** One paper's reading state; null when it was never edited. */
  'reading.get': z.object({ id: paperIdSchema }),
  /** Papers with a reading state (status other than none, or tags, note, rating), filtered and sorted. */
  'reading.list': z.object({
    ...readingFilter,
    /** Also list papers whose only state is "not relevant" or status none (default: left out). */
    includeNone: z.boolean().default(false),
    sort: z.enum(READING_SORTS).default('updated'),
    /** The aspect whose For-you score orders the list when sort is "relevance". */
    aspect: aspectSchema.default('generic'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  }),
  /** Every tag in use with how many papers carry it, most used first. */
  'reading.tags': z.object({}).default({}),
  /** Unread papers ranked for the person under one aspect, each with why. */
  'recommend.forYou': z.object({
    aspect: aspectSchema.default('generic'),
    k: z.number().int().min(1).max(200).default(20),
    includeToRead: z.boolean().default(false),
  }),
  /** "Not relevant" on a recommended paper (notRelevant: false takes it back). The result's `undo` restores the previous state. */
  'recommend.notRelevant': z.object({ id: paperIdSchema, notRelevant: z.boolean().default(true) }),
  /** Ranks given papers (a digest just imported, e.g. ImportSummary.paperIds) for the person and marks the top ones. */
  'recommend.digest': z.object({
    ids: z.array(paperIdSchema).min(1).max(10_000),
    aspect: aspectSchema.default('generic'),
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
    withReadingState: z.boolean().optional(),
    /** Also export dismissed and "not relevant" papers. */
    includeDismissed: z.boolean().optional(),
  }),
} as const;

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

export interface ReadingRequestResults {
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

export interface ReadingEventPayloads {
  /** A paper's reading state changed: here, in another window, or in another process (external: true). */
  'reading.onDidChange': { paperId: string; current: ReadingState; external: boolean };
}
