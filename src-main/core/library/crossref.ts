/**
 * Crossref's REST API (api.crossref.org/works/<doi>, JSON) to a record. Abstracts come as JATS XML
 * ("<jats:p>…</jats:p>"); tags are dropped and entities decoded.
 */
import { normaliseDoi } from '../import/index.ts';
import { decodeXml } from './arxiv-atom.ts';
import { emptyLibraryRecord, type LibraryRecord } from './types.ts';

interface CrossrefWork {
  DOI?: string;
  title?: string[];
  abstract?: string;
  author?: { given?: string; family?: string; name?: string }[];
  issued?: { 'date-parts'?: (number | null)[][] };
  published?: { 'date-parts'?: (number | null)[][] };
  'container-title'?: string[];
  URL?: string;
}

/** The record in a /works/<doi> response, or throws naming what is missing. */
export function parseCrossrefWork(body: unknown, requestedDoi: string): LibraryRecord {
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message !== 'object' || message === null) throw new Error(`Crossref answer for ${requestedDoi} has no "message" object`);
  const work = message as CrossrefWork;
  const record = emptyLibraryRecord();
  record.doi = normaliseDoi(work.DOI ?? requestedDoi) ?? requestedDoi;
  record.title = tidy(decodeXml(stripTags(work.title?.[0] ?? '')));
  record.abstract = tidy(decodeXml(stripTags((work.abstract ?? '').replace(/<jats:title>[\s\S]*?<\/jats:title>/g, ' '))));
  record.authors = (work.author ?? [])
    .map((author) => tidy(author.name ?? [author.given, author.family].filter(Boolean).join(' ')))
    .filter((name) => name !== '');
  const parts = (work.issued ?? work.published)?.['date-parts']?.[0] ?? [];
  const [year, month, day] = parts;
  if (typeof year === 'number') {
    record.year = year;
    if (typeof month === 'number' && typeof day === 'number') {
      record.date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
  }
  const venue = work['container-title']?.[0];
  record.venue = venue ? tidy(venue) : null;
  record.url = work.URL ?? `https://doi.org/${record.doi}`;
  record.recordKey = `doi:${record.doi}`;
  return record;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]+>/g, ' ');
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
