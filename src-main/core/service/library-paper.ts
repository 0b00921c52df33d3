import type { AspectTerms } from '../../common/contract.ts';
import { paperFieldsOf } from '../ingest/index.ts';
import type { LibraryRecord } from '../library/index.ts';
import type { NewPaper } from '../store/index.ts';
import type { AspectVectors } from '../types.ts';

/** The row stored for a local-library record: its fields, cite key and library extras (file, collections, tags, record key). */
export function libraryPaperOf(record: LibraryRecord, sourceName: string, terms: AspectTerms, vectors: AspectVectors | null): NewPaper {
  return {
    ...paperFieldsOf(record, sourceName, terms),
    vectors,
    pending: record.pending === true,
    ...(record.citationKey ? { citeKey: record.citationKey } : {}),
    library: {
      ...(record.filePath ? { filePath: record.filePath } : {}),
      ...(record.collections ? { collections: record.collections } : {}),
      ...(record.tags ? { tags: record.tags } : {}),
      ...(record.recordKey ? { recordKey: record.recordKey } : {}),
    },
  };
}
