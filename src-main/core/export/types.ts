/** What the exporters take: papers in the contract's shape, each with its reading state if any. */
import { EXPORT_FORMATS } from '../../common/contract.ts';
import type { ExportFormat, Paper } from '../../common/contract.ts';
import type { ReadingState } from '../reading/types.ts';

export { EXPORT_FORMATS };
export type { ExportFormat };

/** The paper fields an export uses: a PaperSummary, with the abstract when the caller has it. */
export type ExportPaper = Pick<Paper, 'id' | 'title' | 'authors' | 'year' | 'date' | 'venue' | 'arxivId' | 'doi' | 'url'> & {
  abstract?: string;
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
}

/** File extension (without dot) for each format. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  bibtex: 'bib',
  'csl-json': 'json',
  markdown: 'md',
};

/** The link a person follows for a paper: its URL, else arXiv's page, else the DOI resolver. */
export function paperLink(paper: ExportPaper): string | null {
  if (paper.url) return paper.url;
  if (paper.arxivId) return `https://arxiv.org/abs/${paper.arxivId}`;
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
