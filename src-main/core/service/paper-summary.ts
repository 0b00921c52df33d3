/** The list-row view of a stored paper (what every result carrying papers holds). */
import type { PaperSummary } from '../../common/contract.ts';

/** Copies only the summary fields (a full Paper carries many more). */
export function summaryOf(paper: PaperSummary): PaperSummary {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors,
    year: paper.year,
    date: paper.date,
    venue: paper.venue,
    arxivId: paper.arxivId,
    doi: paper.doi,
    url: paper.url,
    titleOnly: paper.titleOnly,
    importedAt: paper.importedAt,
    sourceKey: paper.sourceKey ?? null,
  };
}
