/**
 * The papers part of the contract: listing, opening, searching and finding neighbours of papers,
 * and managing them (deleting with undo, editing a paper's metadata). contract.ts spreads these
 * request schemas into its own, so transports see one contract.
 */
import { z } from 'zod';
import type { LibraryPaperFields } from './contract-library.ts';
import { aspectSchema, paperIdSchema } from './contract-fields.ts';
import { LIST_SORTS, SEARCH_MODES, type TermAspectOf, type TermAspect } from './vocabulary.ts';

export const paperQuerySchemas = {
  /** A page of the library, newest import first by default. */
  'papers.list': z.object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    sort: z.enum(LIST_SORTS).default('imported'),
  }),
  /** One paper with its digest and aspect terms. Fails with NOT_FOUND for unknown ids. */
  'papers.get': z.object({ id: paperIdSchema }),
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
    id: paperIdSchema,
    aspect: aspectSchema,
    k: z.number().int().min(1).max(1000).default(10),
    within: z.array(paperIdSchema).max(100_000).optional(),
  }),
} as const;

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

/** Terms per term-carrying aspect of an aspect list (every aspect but the generic). */
export type AspectTermsOf<A extends string> = Record<TermAspectOf<A>, string[]>;

/** A paper's terms under each of the model's term-carrying aspects. */
export type AspectTerms = AspectTermsOf<TermAspect>;

/** No terms yet under each term-carrying aspect of `termAspects`. */
export function emptyAspectTerms<const A extends string>(termAspects: readonly A[]): AspectTermsOf<A> {
  return Object.fromEntries(termAspects.map((aspect) => [aspect, []])) as unknown as AspectTermsOf<A>;
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

const nullableText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .transform((text) => (text === '' ? null : text))
    .nullable();

/** A metadata edit: any subset of the fields; null (or an empty string) clears a field. */
export const paperPatchSchema = z
  .object({
    title: z
      .string()
      .max(2000)
      .transform((text) => text.replace(/\s+/g, ' ').trim())
      .pipe(z.string().min(1, 'a paper needs a title'))
      .optional(),
    authors: z
      .array(z.string().max(500).transform((name) => name.replace(/\s+/g, ' ').trim()))
      .max(5000)
      .transform((names) => names.filter((name) => name !== ''))
      .optional(),
    year: z.number().int().min(1000).max(2200).nullable().optional(),
    venue: nullableText(2000).optional(),
    /** Bare arXiv id ("2205.13147") or an arXiv URL / "arXiv:" form; null clears it. */
    arxivId: nullableText(200).optional(),
    /** DOI, bare or as a doi.org URL; null clears it. */
    doi: nullableText(500).optional(),
    url: nullableText(4096).optional(),
    abstract: z.string().max(1_000_000).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'the edit changes nothing');
export type PaperPatch = z.output<typeof paperPatchSchema>;

export const paperEditSchemas = {
  /**
   * Deletes papers (all ids are checked first: unknown ones fail with NOT_FOUND and nothing is
   * deleted). Their records and reading state are kept aside so papers.restore with the result's
   * `undoToken` puts them back; kept for DELETED_KEPT_DAYS days. Emits library.onDidChange.
   */
  'papers.delete': z.object({ ids: z.array(paperIdSchema).min(1).max(10_000) }),
  /** Undoes a papers.delete: the papers come back with the same ids, place, citation keys and reading state. */
  'papers.restore': z.object({ undoToken: z.string().min(1).max(100) }),
  /**
   * Edits a paper's title, authors, year, venue, identifiers, URL or abstract. The paper keeps its
   * id, citation key and reading state, is tagged and embedded again, and exports show the edit
   * (a BibTeX / CSL / RIS source record is edited too). An arXiv id or DOI that another stored
   * paper has fails with BAD_REQUEST (merge the two instead).
   */
  'papers.update': z.object({ id: paperIdSchema, patch: paperPatchSchema }),
} as const;

/** How long deleted papers stay restorable. */
export const DELETED_KEPT_DAYS = 7;

export interface PapersDeleteResult {
  /** The ids deleted, in the order asked (each once). */
  deleted: string[];
  /** Pass to papers.restore to undo. */
  undoToken: string;
  /** Papers whose reading state was kept aside with them. */
  readingKept: number;
}

export interface PapersRestoreResult {
  restored: string[];
  /** Ids left out because a paper with that id was stored again meanwhile (e.g. re-imported). */
  alreadyPresent: string[];
}

export const paperRequestSchemas = { ...paperQuerySchemas, ...paperEditSchemas } as const;

export interface PaperRequestResults {
  'papers.list': PaperPage;
  'papers.get': Paper;
  'papers.search': SearchHit[];
  'papers.similar': Neighbour[];
  'papers.delete': PapersDeleteResult;
  'papers.restore': PapersRestoreResult;
  'papers.update': Paper;
}
