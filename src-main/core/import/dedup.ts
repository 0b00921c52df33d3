/**
 * Which records are the same paper. The service matches a new record against the library by any of
 * its dedup keys; a paper's id is derived from its strongest key, so re-importing gives the same id.
 */
import { createHash } from 'node:crypto';
import type { ParsedRecord } from '../types.ts';
import { normaliseDoi, normaliseTitle, parseArxivId } from './identifiers.ts';

/**
 * Keys strongest first: "arxiv:<id>", "doi:<doi>", "title:<normalised title>". Only keys the record
 * has are returned; a record with a title always has at least the title key.
 */
export function dedupKeys(record: Pick<ParsedRecord, 'arxivId' | 'doi' | 'title'>): string[] {
  const keys: string[] = [];
  const arxivId = record.arxivId ? parseArxivId(record.arxivId) : null;
  if (arxivId) keys.push(`arxiv:${arxivId}`);
  const doi = record.doi ? normaliseDoi(record.doi) : null;
  if (doi) keys.push(`doi:${doi}`);
  const title = normaliseTitle(record.title);
  if (title) keys.push(`title:${title}`);
  return keys;
}

/** 16 hex characters of the SHA-1 of the record's first dedup key. Throws for a record without title or ids. */
export function paperIdFor(record: Pick<ParsedRecord, 'arxivId' | 'doi' | 'title'>): string {
  const [key] = dedupKeys(record);
  if (!key) throw new Error('paperIdFor: the record has no title, arXiv id or DOI to derive an id from');
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}
