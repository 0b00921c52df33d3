/** The shape of bench/results/perf-user.json (written by bench/perf-user.ts, read by bench/render-results.ts). */
import type { MachineInfo } from './machine.ts';
import type { ColdStartPerf, LatencySummary } from './perf-types.ts';
import type { ServerStartPerf } from './server-start.ts';

export interface ProcessSummary {
  /** Median wall clock, spawn to exit. */
  wallMs: number;
  wallRunsMs: number[];
  /** Median user + system CPU seconds. */
  cpuS: number | null;
  peakRssMiB: number | null;
  failures: string[];
}

export interface CommandPair {
  command: string;
  facet: ProcessSummary;
  plainLanceDb: ProcessSummary;
  /** facet / plain, medians. */
  ratio: number;
}

export interface UserSizeResult {
  papers: number;
  import: { wallS: number; cpuS: number | null; peakRssMiB: number | null; added: number; diskMiB: number } | null;
  cli: CommandPair[];
  serverStart: ServerStartPerf | null;
  browser: (ColdStartPerf & { painted: string }) | null;
  inProcess: {
    /** The first papers.similar after opening the library with no lexical snapshot (builds the lexical index from every text). */
    firstHandlerMs: number;
    /** The same with the snapshot the previous open wrote (absent in results from before snapshots). */
    firstFromSnapshotMs?: number;
    perAspect: Record<string, { hybridHandler: LatencySummary; denseStore: LatencySummary; rawLanceDb: LatencySummary; flatScan: LatencySummary }>;
  } | null;
}

export interface UserPerfResults {
  benchmark: 'perf-user';
  commit: string;
  date: string;
  machine: MachineInfo;
  loadAverage: { start: number[]; end: number[] | null };
  model: string;
  serveEntry: 'compiled' | 'source';
  runs: number;
  /** `facet embed` of EMBED_PAPERS digests as one process (start, model load, JSONL in and out). */
  embed: { papers: number; wallS: number; digestsPerSecond: number; cpuS: number | null; outputMiB: number } | null;
  results: UserSizeResult[];
  notMeasured: string[];
  notes: string[];
}

