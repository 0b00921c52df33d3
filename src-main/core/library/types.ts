/**
 * Records and stream items of the local-library importers (PDF folders, Zotero, identifier lists).
 * A LibraryRecord is a ParsedRecord plus what a library knows beyond the digest: where the PDF lies,
 * the collections and tags it was filed under, and whether its metadata is still to be fetched.
 * Only the digest (title + abstract) is embedded; the extra fields travel with the paper.
 */
import type { ImportProblem } from '../../common/contract.ts';
import type { ParsedRecord } from '../types.ts';

export interface LibraryRecord extends ParsedRecord {
  /** Absolute path of the paper's PDF on this machine, for opening it in the OS viewer. */
  filePath?: string;
  /** Collection (folder) names, parents first joined with " / ", e.g. "Thesis / Related work". */
  collections?: string[];
  tags?: string[];
  /** True for a stub made from a bare identifier whose metadata has not been fetched yet. */
  pending?: boolean;
  /** The citation key the library gives the item (Zotero's Citation Key field, or Better BibTeX's pinned key). */
  citationKey?: string;
}

/** What the library importers stream: records and problems, interleaved, in the order found. */
export type LibraryItem =
  | { kind: 'record'; record: LibraryRecord }
  | { kind: 'problem'; problem: ImportProblem };

/** A snapshot of a long run, for progress events and a status line. */
export interface LibraryProgress {
  /** Units handled so far in this run (files, items, identifiers), skipped ones included. */
  done: number;
  /** Units in all, when known (null while a walk is still finding them). */
  total: number | null;
  /** Units skipped because a checkpoint or sync state said they were already done. */
  skipped: number;
  /** Units worked (not skipped) per second over the run so far; 0 before the first one. */
  ratePerSecond: number;
  /** Seconds left at the current rate; null while the total or the rate is unknown. */
  etaSeconds: number | null;
  elapsedMs: number;
}

export type ProgressListener = (progress: LibraryProgress) => void;

export function problemOf(source: string, severity: ImportProblem['severity'], message: string, record: string | null = null): ImportProblem {
  return { source, line: null, record, severity, message };
}

/** An empty record to fill in; every ParsedRecord field present. */
export function emptyLibraryRecord(): LibraryRecord {
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
    sourceLine: null,
    recordKey: null,
  };
}
