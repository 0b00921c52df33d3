/** The ingest pipeline every import feeds (see pipeline.ts), and its stages. */
export { SerialWriter } from './batch-writer.ts';
export { DedupGate, unkeyedProblem, type DedupVerdict } from './dedup-gate.ts';
export { TruncationCounter, embedDigests, truncationWarning, type EmbeddedBatch } from './embed-stage.ts';
export { paperFieldsOf } from './paper-fields.ts';
export { IMPORT_BATCH_SIZE, IngestPipeline, type IngestOptions, type StoredBatch } from './pipeline.ts';
export type { Tagger } from './tagger.ts';
