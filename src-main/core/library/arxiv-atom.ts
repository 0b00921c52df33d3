/**
 * arXiv API responses (export.arxiv.org/api/query, Atom XML) to records. The feed is small and
 * regular, so entries are read with targeted patterns rather than a general XML parser: each
 * <entry> gives id, title, summary, authors, published date, and arXiv's doi / journal_ref.
 * Error entries (arXiv answers a malformed id with an entry titled "Error") are returned apart.
 */
import { normaliseDoi, parseArxivId } from '../import/index.ts';
import { emptyLibraryRecord, type LibraryRecord } from './types.ts';

export interface ArxivFeed {
  records: LibraryRecord[];
  /** Messages of error entries. */
  errors: string[];
}

export function parseArxivAtom(xml: string): ArxivFeed {
  const records: LibraryRecord[] = [];
  const errors: string[] = [];
  for (const match of xml.matchAll(/<entry\b[^>]*>([\s\S]*?)<\/entry>/g)) {
    const entry = match[1] ?? '';
    const idText = elementText(entry, 'id') ?? '';
    if (/api\/errors/.test(idText) || elementText(entry, 'title') === 'Error') {
      errors.push(elementText(entry, 'summary') ?? idText);
      continue;
    }
    const arxivId = parseArxivId(idText);
    if (!arxivId) continue;
    const record = emptyLibraryRecord();
    record.arxivId = arxivId;
    record.title = oneLine(elementText(entry, 'title') ?? '');
    record.abstract = oneLine(elementText(entry, 'summary') ?? '');
    record.authors = [...entry.matchAll(/<author\b[^>]*>([\s\S]*?)<\/author>/g)]
      .map((author) => oneLine(elementText(author[1] ?? '', 'name') ?? ''))
      .filter((name) => name !== '');
    const published = elementText(entry, 'published') ?? '';
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
    if (date) {
      record.year = Number(date[1]);
      record.date = `${date[1]}-${date[2]}-${date[3]}`;
    }
    const doi = elementText(entry, 'arxiv:doi');
    record.doi = doi ? normaliseDoi(doi) : null;
    const journal = elementText(entry, 'arxiv:journal_ref');
    record.venue = journal ? oneLine(journal) : null;
    record.url = `https://arxiv.org/abs/${arxivId}`;
    record.recordKey = `arXiv:${arxivId}`;
    records.push(record);
  }
  return { records, errors };
}

function elementText(xml: string, name: string): string | null {
  const escaped = name.replace(/[.:]/g, (c) => `\\${c}`);
  const match = new RegExp(`<${escaped}\\b[^>]*>([\\s\\S]*?)</${escaped}>`).exec(xml);
  return match ? decodeXml(match[1] ?? '') : null;
}

export function decodeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
