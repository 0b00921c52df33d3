/**
 * Local library import: PDF folders, Zotero libraries read in place, identifier lists (with opt-in
 * metadata fetching), duplicate detection and merging. See docs/LIBRARY.md for the wiring plan.
 */
export type { LibraryRecord, LibraryItem, LibraryProgress, ProgressListener } from './types.ts';
export { readLibrarySource, openLibrarySource, librarySourceName, stateFileFor } from './library-source.ts';
export type { LibrarySource, ReadLibraryOptions, OpenedLibrarySource } from './library-source.ts';
export { scanPdfFolder, readOnePdf, DEFAULT_MAX_PDF_BYTES } from './pdf-folder.ts';
export type { ScanPdfFolderOptions } from './pdf-folder.ts';
export { FileCheckpoint } from './checkpoint.ts';
export type { FileCheckpointOptions } from './checkpoint.ts';
export { ResumeLedger } from './resume-ledger.ts';
export type { ResumeLedgerOptions } from './resume-ledger.ts';
export { ProgressMeter } from './progress.ts';
export { readZoteroLibrary, openZoteroSyncState, checkSchemaVersion, MIN_ZOTERO_USERDATA_VERSION, MAX_ZOTERO_USERDATA_VERSION, ZOTERO_STATE_FILE } from './zotero.ts';
export type { ZoteroLibraryItem, ReadZoteroOptions } from './zotero.ts';
export { readIdentifierList, scanIdentifiers, identifiersInLine, pendingStub, pendingTitle, identifierKey } from './identifier-list.ts';
export type { PaperIdentifier, IdentifierSource, FoundIdentifier } from './identifier-list.ts';
export { MetadataFetcher, NetworkDisabledError, FetchFailedError, DEFAULT_ARXIV_API, DEFAULT_CROSSREF_API } from './metadata-fetch.ts';
export type { MetadataFetcherOptions } from './metadata-fetch.ts';
export {
  findDuplicateCandidates,
  groupExactDuplicates,
  exactDuplicateKeys,
  titleSimilarity,
  DEFAULT_MIN_COSINE,
  DEFAULT_MIN_TITLE_SIMILARITY,
} from './duplicates.ts';
export type { DuplicatePaper, DuplicateCandidate, CandidateOptions } from './duplicates.ts';
export { mergeRecords, mergePapers, mergeReadingValues, richness } from './merge.ts';
export type { MergeResult, MergeableReadingValues, StateMerge } from './merge.ts';
export { WorkerPdfReader, pdfWorkerEntry } from './pdf-worker-reader.ts';
export type { WorkerPdfReaderOptions, PdfReadOptions } from './pdf-worker-reader.ts';
