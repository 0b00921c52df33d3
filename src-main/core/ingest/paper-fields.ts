import type { AspectTerms } from '../../common/contract.ts';
import { dedupKeys, normaliseTitle, paperIdFor } from '../import/index.ts';
import type { NewPaper } from '../store/index.ts';
import type { ParsedRecord } from '../types.ts';

/** The stored fields of a parsed record (everything but vectors and library extras). */
export function paperFieldsOf(record: ParsedRecord, sourceName: string, terms: AspectTerms): Omit<NewPaper, 'vectors' | 'pending' | 'library' | 'citeKey'> {
  return {
    id: paperIdFor(record),
    title: record.title,
    abstract: record.abstract,
    authors: record.authors,
    year: record.year,
    date: record.date,
    venue: record.venue,
    arxivId: record.arxivId,
    doi: record.doi,
    url: record.url,
    sourceFile: sourceName,
    sourceLine: record.sourceLine,
    normTitle: normaliseTitle(record.title),
    terms,
    dedupKeys: dedupKeys(record),
    sourceKey: record.recordKey,
    ...(record.source ? { sourceRecord: record.source } : {}),
  };
}
