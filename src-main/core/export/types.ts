/** What the exporters take: papers in the contract's shape, each with its reading state if any. */
import { EXPORT_FORMATS } from '../../common/contract.ts';
import type { ExportFormat, Paper } from '../../common/contract.ts';
import type { SourceRecord } from '../import/source-record.ts';
import type { ReadingState } from '../reading/types.ts';

export { EXPORT_FORMATS };
export type { ExportFormat };

/** The paper fields an export uses: a PaperSummary, with the abstract when the caller has it. */
export type ExportPaper = Pick<Paper, 'id' | 'title' | 'authors' | 'year' | 'date' | 'venue' | 'arxivId' | 'doi' | 'url'> & {
  abstract?: string;
  /** The stored citation key; one is derived from author, year and title when absent. */
  citeKey?: string | null;
  /** The record as its source wrote it: exported field for field in the same format. */
  source?: SourceRecord | null;
};

export interface ExportItem {
  paper: ExportPaper;
  reading?: ReadingState | null;
}

export interface ExportOptions {
  /** Heading of the Markdown document (default "Reading list"). */
  title?: string;
  /** Include abstracts when present (default true for BibTeX and CSL-JSON, false for Markdown). */
  includeAbstract?: boolean;
  /** Export time, shown in the Markdown header (default now). */
  now?: Date;
  /**
   * Write the reading state too (default false), in fields bibliography styles do not print: tags
   * in keywords, status / rating / note / "not relevant" in Facet's own fields (facet-status, …).
   * Markdown, a document for people, always shows it.
   */
  withReadingState?: boolean;
}

/** Facet's own field names for the reading state (BibTeX fields, CSL custom keys, RIS notes). */
export const READING_FIELDS = {
  status: 'facet-status',
  rating: 'facet-rating',
  note: 'facet-note',
  notRelevant: 'facet-not-relevant',
} as const;

/** The reading state as Facet-field pairs (only fields with something to say), in a fixed order. */
export function readingFieldValues(reading: ReadingState | null | undefined): [name: string, value: string][] {
  if (!reading) return [];
  const fields: [string, string][] = [];
  if (reading.status !== 'none') fields.push([READING_FIELDS.status, reading.status]);
  if (reading.rating !== null) fields.push([READING_FIELDS.rating, String(reading.rating)]);
  if (reading.notRelevant) fields.push([READING_FIELDS.notRelevant, 'true']);
  if (reading.note) fields.push([READING_FIELDS.note, reading.note]);
  return fields;
}

/** The arXiv abstract page of an id. */
export function arxivUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

/** File extension (without dot) for each format. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  bibtex: 'bib',
  'csl-json': 'json',
  ris: 'ris',
  markdown: 'md',
};

/** The link a person follows for a paper: its URL, else arXiv's page, else the DOI resolver. */
export function paperLink(paper: ExportPaper): string | null {
  if (paper.url) return paper.url;
  if (paper.arxivId) return arxivUrl(paper.arxivId);
  if (paper.doi) return `https://doi.org/${paper.doi}`;
  return null;
}

/** "read · 4/5" style summary of a reading state, or null when there is nothing to say. */
export function statusLine(reading: ReadingState | null | undefined): string | null {
  if (!reading) return null;
  const parts: string[] = [];
  if (reading.status !== 'none') parts.push(`status: ${reading.status}`);
  if (reading.rating !== null) parts.push(`rating: ${reading.rating}/5`);
  if (reading.notRelevant) parts.push('marked not relevant');
  return parts.length > 0 ? parts.join('; ') : null;
}
