/**
 * Types shared inside the core (importers, embedder, store, service). Front ends never see these;
 * they see the contract in ../common/contract.ts.
 */
import type { Aspect, ImportProblem, ModelInfo, ParsedArgs, RequestName, RequestResults } from '../common/contract.ts';
import type { SourceRecord } from './import/source-record.ts';

/** One bibliographic record as an importer found it, before dedup and embedding. */
export interface ParsedRecord {
  title: string;
  /** Empty string when the source had none: the paper is stored title-only and flagged. */
  abstract: string;
  authors: string[];
  year: number | null;
  /** ISO yyyy-mm-dd when the source gave a full date. */
  date: string | null;
  venue: string | null;
  /** Bare arXiv id without version, e.g. "2205.13147" or "hep-th/9901001". */
  arxivId: string | null;
  /** Lower-cased DOI without resolver prefix, e.g. "10.1145/3529372.3530912". */
  doi: string | null;
  url: string | null;
  /** 1-based line in the source where the record starts. */
  sourceLine: number | null;
  /** The source's own key for the record (BibTeX key, RIS ID, CSL id), when it has one. */
  recordKey: string | null;
  /** The record as its source wrote it (BibTeX, RIS, CSL-JSON), for exports that give it back whole. */
  source?: SourceRecord | null;
}

/** Importers stream these: records and per-record problems interleaved, in source order. */
export type ImportItem =
  | { kind: 'record'; record: ParsedRecord }
  | { kind: 'problem'; problem: ImportProblem };

export interface DigestText {
  title: string;
  abstract: string;
}

export type AspectVectors = Record<Aspect, Float32Array>;

/** Runs the aspect model. One instance holds one ONNX Runtime session for its whole life. */
export interface Embedder {
  readonly info: ModelInfo;
  /** Vectors for each text, in order; L2-normalised, never NaN. */
  embed(texts: readonly DigestText[]): Promise<AspectVectors[]>;
  close(): Promise<void>;
}

/**
 * `resources/models/<name>/manifest.json`. The ONNX graph takes `input_ids` (int64 [batch, seq],
 * 0 = padding) and returns `generic`, `task`, `method`, `dataset` (float32 [batch, dims],
 * L2-normalised).
 */
export interface ModelManifest {
  id: string;
  name: string;
  dims: number;
  aspects: Aspect[];
  provisional: boolean;
  description: string;
  /** File names inside the model folder. */
  onnx: string;
  vocab: string;
  /** Tokens beyond this are dropped (and the embedder says so). */
  maxTokens: number;
  /** See ModelInfo.lexicalWeight. */
  lexicalWeight?: Record<Aspect, number>;
}

/** What the core implements: one handler per request, receiving validated arguments. */
export type CoreHandlers = {
  [N in RequestName]: (args: ParsedArgs<N>) => Promise<RequestResults[N]>;
};
