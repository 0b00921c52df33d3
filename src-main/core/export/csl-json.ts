/**
 * CSL-JSON export (what Zotero and citation.js read). arXiv papers are written the way Zotero
 * writes preprints: publisher "arXiv" and number "arXiv:<id>". The reading state goes into
 * keyword (tags), note (status and rating), annote (the person's note) and, complete, into
 * custom.facet so a later Facet import could restore it.
 */
import type { ExportItem, ExportOptions } from './types.ts';
import { statusLine } from './types.ts';

type CslName = { family: string; given?: string } | { literal: string };

/** "Jane Smith" -> {given: "Jane", family: "Smith"}; one word -> {literal}. */
export function cslName(name: string): CslName {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { literal: name.trim() };
  const family = words.pop()!;
  return { family, given: words.join(' ') };
}

export function toCslItems(items: readonly ExportItem[], options: ExportOptions = {}): Record<string, unknown>[] {
  const includeAbstract = options.includeAbstract ?? true;
  return items.map(({ paper, reading }) => {
    const item: Record<string, unknown> = { id: paper.id, type: paper.venue ? 'article-journal' : 'article', title: paper.title };
    if (paper.authors.length > 0) item['author'] = paper.authors.map(cslName);
    const date = paper.date ? paper.date.split('-').map(Number) : paper.year !== null ? [paper.year] : null;
    if (date) item['issued'] = { 'date-parts': [date] };
    if (paper.venue) item['container-title'] = paper.venue;
    if (paper.doi) item['DOI'] = paper.doi;
    if (paper.arxivId) {
      item['number'] = `arXiv:${paper.arxivId}`;
      if (!paper.venue) item['publisher'] = 'arXiv';
    }
    if (paper.url) item['URL'] = paper.url;
    if (includeAbstract && paper.abstract) item['abstract'] = paper.abstract;
    if (reading) {
      if (reading.tags.length > 0) item['keyword'] = reading.tags.join(', ');
      const status = statusLine(reading);
      if (status) item['note'] = status;
      if (reading.note) item['annote'] = reading.note;
      item['custom'] = {
        facet: {
          status: reading.status,
          tags: reading.tags,
          rating: reading.rating,
          notRelevant: reading.notRelevant,
          note: reading.note,
          updatedAt: reading.updatedAt,
        },
      };
    }
    return item;
  });
}

export function toCslJson(items: readonly ExportItem[], options: ExportOptions = {}): string {
  return JSON.stringify(toCslItems(items, options), null, 2) + '\n';
}
