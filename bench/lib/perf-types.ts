/** The shape of bench/results/perf.json (written by bench/perf.ts, read by bench/render-results.ts). */
import type { MachineInfo } from './machine.ts';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  /** Number of timed queries behind the percentiles. */
  samples: number;
}

export interface SimilarLatency {
  /** LanceDB exhaustive scan (vector index bypassed). */
  lancedbFlat: LatencySummary;
  /** PaperStore.similar as the app runs it (IVF index when the library has one), with recall@10 against flat. */
  lancedbAnn: (LatencySummary & { recallAt10: number; indexed: boolean }) | null;
  /** Exhaustive dot-product scan over an in-memory Float32Array: the memory-bandwidth reference. */
  typedArray: LatencySummary;
}

export interface LibraryPerf {
  papers: number;
  /** How the library was filled: through openFacet's import.run, or embedder + store directly. */
  buildPath: string;
  buildSeconds: number;
  /** Null when the index phase did not finish (see `stalled`). */
  indexBuildSeconds: number | null;
  /** Why the build did not finish cleanly, when it did not. */
  stalled: string | null;
  diskBytes: number;
  diskBytesPer1kPapers: number;
  similar: Record<string, SimilarLatency>;
  search: { keyword: LatencySummary; hybrid: LatencySummary; semantic: LatencySummary } | null;
}

export interface ImportPerf {
  format: 'bibtex' | 'jsonl';
  papers: number;
  seconds: number;
  papersPerSecond: number;
  runs: number[];
}

/** A folder of generated one-page PDFs imported through library.import (extract, tag, embed, store, index). */
export interface PdfImportPerf {
  pdfs: number;
  megabytes: number;
  /** Median over the runs. */
  seconds: number;
  pdfsPerSecond: number;
  runs: number[];
  /** Problems the import reported in its last run: errors (a PDF not imported) and warnings (e.g. no title found, file name used). */
  errors: number;
  warnings: number;
}

export interface ColdStartPerf {
  papers: number;
  /** Server process spawn until it printed its URL. */
  serverReadyMs: number;
  /** Browser navigation until the first library row was painted. */
  firstRowMs: number;
  /** Server spawn until the first row was painted. */
  totalMs: number;
  runs: number;
  /** Peak resident set (VmHWM) of the browser-mode server process: the main side, embedder worker included. */
  serverPeakRssMiB: number | null;
}

export interface PerfResults {
  benchmark: 'perf';
  smoke: boolean;
  commit: string;
  date: string;
  machine: MachineInfo;
  model: { id: string; provisional: boolean; dims: number } | null;
  runs: number;
  embedding: { papers: number; digestsPerSecond: number; runs: number[]; batchSize: number; threads: string } | null;
  imports: ImportPerf[];
  /** Absent in results written before PDF import was measured. */
  pdfImport?: PdfImportPerf | null;
  libraries: LibraryPerf[];
  /** Peak RSS of the benchmark process itself (core, embedder worker, LanceDB, measuring code). */
  peakRssMiB: number;
  coldStart: ColdStartPerf | null;
  skipped: string[];
  notes: string[];
  durationSeconds: number;
}
