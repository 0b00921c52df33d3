/**
 * Sizes Lance's compute thread pool before LanceDB starts it. Import this module before
 * `@lancedb/lancedb` in every module that loads LanceDB (ES modules evaluate imports in order).
 *
 * Why: Lance sizes its CPU pool as `cpus - 2` (two cores kept for I/O) and falls back to ONE
 * thread on machines with 3 or fewer cores. The full-text index builder of the Lance release under
 * @lancedb/lancedb 0.31 parks that single thread while the posting-list writer waits for a thread
 * of the same pool, so building or optimizing the FTS index deadlocks (every thread asleep, 0% CPU)
 * once the posting lists fill a second output batch. Measured here on a 2-core machine: 100,000
 * real digests hung in `optimize()` 5 runs of 5; 30,000 documents of 200 random words hang
 * `createIndex(fts)` with LANCE_CPU_THREADS=1 and finish in 4 s with 2. Upstream tracks it as
 * lancedb issue 3568 (fixed in later Lance releases, which we cannot install: see README).
 *
 * Promise: unless the person set LANCE_CPU_THREADS, the pool gets at least 2 threads (and the
 * cores Lance would give it on larger machines). An explicit value is left alone.
 */
import os from 'node:os';

export const LANCE_CPU_THREADS_ENV = 'LANCE_CPU_THREADS';

/** Fewest compute threads that avoid the single-thread FTS deadlock. */
const MIN_CPU_THREADS = 2;
/** Cores Lance keeps for I/O by default (LANCE_IO_CORE_RESERVATION). */
const IO_CORE_RESERVATION = 2;

/** The compute pool size to use for `cores` cores when none is set. */
export function lanceCpuThreadsFor(cores: number): number {
  return Math.max(MIN_CPU_THREADS, cores - IO_CORE_RESERVATION);
}

/** Sets LANCE_CPU_THREADS in `env` when it is unset or empty; returns the value in effect. */
export function ensureLanceCpuThreads(env: NodeJS.ProcessEnv, cores: number): string {
  const current = env[LANCE_CPU_THREADS_ENV];
  if (current !== undefined && current.trim() !== '') return current;
  const value = String(lanceCpuThreadsFor(cores));
  env[LANCE_CPU_THREADS_ENV] = value;
  return value;
}

ensureLanceCpuThreads(process.env, os.availableParallelism());
