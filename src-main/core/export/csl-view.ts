/**
 * Every export item seen as one CSL item: the source's own (CSL-JSON as read, or citation.js's
 * reading of a BibTeX / RIS record), else one built from the paper's fields. The RIS writer and the
 * CSL-JSON writer start from it, and the BibTeX writer for papers that did not come from BibTeX.
 */
import { cslTypeOfRis } from './entry-types.ts';
import { arxivUrl, type ExportPaper } from './types.ts';

export type CslItem = Record<string, unknown>;

export type CslName = { family: string; given?: string } | { literal: string };

/** "Jane Smith" -> {given: "Jane", family: "Smith"}; one word -> {literal}. */
export function cslName(name: string): CslName {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { literal: name.trim() };
  const family = words.pop()!;
  return { family, given: words.join(' ') };
}

/** The item's CSL view (a copy: callers may change it). */
export function cslView(paper: ExportPaper): CslItem {
  const source = paper.source;
  if (source?.format === 'csl-json') return structuredClone(source.item);
  if (source && source.csl) {
    const item = structuredClone(source.csl);
    if (source.format === 'ris' && typeof item['type'] !== 'string') item['type'] = cslTypeOfRis(source.tags[0]?.[1] ?? 'GEN');
    return item;
  }
  return cslFromPaper(paper);
}

/** A CSL item from Facet's own fields: a journal article with a venue, an arXiv preprint, else a document. */
export function cslFromPaper(paper: ExportPaper): CslItem {
  const item: CslItem = { type: paper.venue ? 'article-journal' : paper.arxivId ? 'article' : 'document', title: paper.title };
  if (paper.authors.length > 0) item['author'] = paper.authors.map(cslName);
  const date = paper.date ? paper.date.split('-').map(Number) : paper.year !== null ? [paper.year] : null;
  if (date) item['issued'] = { 'date-parts': [date] };
  if (paper.venue) item['container-title'] = paper.venue;
  if (paper.doi) item['DOI'] = paper.doi;
  if (paper.arxivId) {
    item['number'] = `arXiv:${paper.arxivId}`;
    if (!paper.venue) item['publisher'] = 'arXiv';
  }
  const url = paper.url ?? (paper.arxivId ? arxivUrl(paper.arxivId) : null);
  if (url) item['URL'] = url;
  if (paper.abstract) item['abstract'] = paper.abstract;
  return item;
}

/** [year, month?, day?] of a CSL date field. */
export function cslDateParts(value: unknown): number[] | null {
  if (!value || typeof value !== 'object') return null;
  const parts = (value as { 'date-parts'?: unknown })['date-parts'];
  if (!Array.isArray(parts) || !Array.isArray(parts[0])) return null;
  const numbers = (parts[0] as unknown[]).map(Number).filter((n) => Number.isInteger(n));
  return numbers.length > 0 ? numbers : null;
}

export function cslText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

/** "Smith, Jane" style names of a CSL name list. */
export function cslNameList(value: unknown): { family: string; given: string; literal: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((name) => {
    if (!name || typeof name !== 'object') return [];
    const fields = name as Record<string, unknown>;
    const family = [cslText(fields['non-dropping-particle']), cslText(fields['family'])].filter(Boolean).join(' ');
    return [{ family, given: cslText(fields['given']), literal: cslText(fields['literal']) }];
  });
}
