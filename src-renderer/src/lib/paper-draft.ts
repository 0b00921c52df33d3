/** The edit form of a paper's details: its fields as text, and the patch of what changed. */
import type { Paper, PaperPatch } from '../../../src-main/common/contract.ts';

/** The edit form's fields, as text. */
export interface PaperDraft {
  title: string;
  authors: string;
  year: string;
  venue: string;
  arxivId: string;
  doi: string;
  url: string;
  abstract: string;
}

export function draftOf(paper: Paper): PaperDraft {
  return {
    title: paper.title,
    authors: paper.authors.join('\n'),
    year: paper.year === null ? '' : String(paper.year),
    venue: paper.venue ?? '',
    arxivId: paper.arxivId ?? '',
    doi: paper.doi ?? '',
    url: paper.url ?? '',
    abstract: paper.abstract,
  };
}

/** Only the fields that changed; empty text clears a field. Throws on a year that is not a year. */
export function patchOf(paper: Paper, draft: PaperDraft): PaperPatch {
  const before = draftOf(paper);
  const patch: Record<string, unknown> = {};
  if (draft.title.trim() !== before.title.trim()) patch.title = draft.title;
  if (draft.authors.trim() !== before.authors.trim()) patch.authors = draft.authors.split(/\n|;/).map((name) => name.trim()).filter(Boolean);
  if (draft.year.trim() !== before.year) {
    const year = draft.year.trim();
    if (year !== '' && !/^\d{4}$/.test(year)) throw new Error('the year must have four digits');
    patch.year = year === '' ? null : Number(year);
  }
  for (const field of ['venue', 'arxivId', 'doi', 'url'] as const) {
    if (draft[field].trim() !== before[field]) patch[field] = draft[field].trim() === '' ? null : draft[field].trim();
  }
  if (draft.abstract.trim() !== before.abstract.trim()) patch.abstract = draft.abstract;
  return patch;
}
