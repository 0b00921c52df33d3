/**
 * Builds benchmark libraries the way a person would: synthetic digests written to a BibTeX or JSONL
 * file, then imported through openFacet's import.run (parse -> tag -> embed -> write -> index).
 */
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { openFacet, LIBRARY_DIR, type FacetCore } from '../../src-main/core/service.ts';
import type { ImportSummary } from '../../src-main/common/contract.ts';
import { syntheticDigests, toBibtexEntry, toJsonLine } from './synthetic.ts';

export type ImportFormat = 'bibtex' | 'jsonl';

/** Writes `count` synthetic digests to one file; returns the path. */
export async function writeDigestFile(dir: string, format: ImportFormat, count: number, seed: number, corpusFile: string, corpusDocuments: number): Promise<string> {
  const file = join(dir, `digests-${count}-${seed}.${format === 'bibtex' ? 'bib' : 'jsonl'}`);
  const out = createWriteStream(file);
  for await (const digest of syntheticDigests(corpusFile, count, seed, corpusDocuments)) {
    const text = format === 'bibtex' ? toBibtexEntry(digest) : `${toJsonLine(digest)}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

export interface ImportTiming {
  summary: ImportSummary;
  seconds: number;
  /** From the 'index' progress phase to 'done': refreshing the FTS and vector indexes. Null when it never finished. */
  indexSeconds: number | null;
  /** Set when the index phase started but import.run never finished (the rows are stored). */
  stalled: string | null;
}

/** How long to wait for import.run to settle after its onDidFinish event, and for close(). */
const SETTLE_TIMEOUT_MS = 120_000;
/**
 * How long the index phase may take before the import counts as stalled: 5 minutes per 100k papers,
 * at least 5. Measured at 1M on 2 cores: four IVF builds of ~80 s each plus ~2 min of optimize().
 */
export function indexPhaseTimeoutMs(papers: number): number {
  return Math.max(1, Math.ceil(papers / 100_000)) * 5 * 60_000;
}

/** Resolves with `promise`, or with `fallback()` (after a logged warning) when it takes longer than `ms`. */
async function settleWithin<T>(promise: Promise<T>, ms: number, fallback: () => T, warn: (line: string) => void, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      warn(`WARNING: ${what} did not settle within ${ms / 1000} s; the benchmark goes on without it`);
      resolve(fallback());
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Imports one file into the library of an open core and times it. The import counts as finished
 * at its import.onDidFinish event (after the index phase); if the import.run promise then fails to
 * settle, that is reported through `warn` rather than hanging the benchmark.
 */
export async function timedImport(facet: FacetCore, file: string, warn: (line: string) => void = () => {}): Promise<ImportTiming> {
  let indexStarted: number | null = null;
  let indexEnded: number | null = null;
  let finished: { summary: ImportSummary; at: number } | null = null;
  let onFinished: () => void = () => {};
  const finishedEvent = new Promise<void>((resolve) => (onFinished = resolve));
  let indexedPapers = 0;
  let stallTimer: NodeJS.Timeout | undefined;
  let onStalled: () => void = () => {};
  const stalledEvent = new Promise<void>((resolve) => (onStalled = resolve));
  const unsubscribeProgress = facet.events.on('import.onDidProgress', (progress) => {
    if (progress.phase === 'index') {
      indexStarted = performance.now();
      indexedPapers = progress.done;
      stallTimer = setTimeout(onStalled, indexPhaseTimeoutMs(progress.done));
    }
    if (progress.phase === 'done') {
      indexEnded = performance.now();
      clearTimeout(stallTimer);
    }
  });
  const unsubscribeFinish = facet.events.on('import.onDidFinish', (summary) => {
    finished = { summary, at: performance.now() };
    onFinished();
  });
  const started = performance.now();
  try {
    const run = facet.handlers['import.run']({ sources: [{ kind: 'file', path: file }] });
    const first = await Promise.race([
      run.then((summary) => ({ returned: true as const, summary })),
      finishedEvent.then(() => ({ returned: false as const })),
      stalledEvent.then(() => ({ returned: null })),
    ]);
    if (first.returned === null) {
      const stalled = `import.run of ${file}: the index phase (PaperStore.refreshIndexes) had not finished ${indexPhaseTimeoutMs(indexedPapers) / 60_000} min after it began; all ${indexedPapers} papers were stored; measured on as stored`;
      warn(`WARNING: ${stalled}`);
      const seconds = ((indexStarted as number | null ?? performance.now()) - started) / 1000;
      const summary: ImportSummary = { importId: 'stalled', sources: [file], parsed: indexedPapers, added: indexedPapers, duplicates: 0, titleOnly: 0, embedded: indexedPapers, problems: [], durationMs: seconds * 1000 };
      return { summary, seconds, indexSeconds: null, stalled };
    }
    const summary: ImportSummary = first.returned
      ? first.summary
      : await settleWithin(
          run,
          SETTLE_TIMEOUT_MS,
          () => (finished as { summary: ImportSummary } | null)?.summary as ImportSummary,
          warn,
          `import.run of ${file} (its onDidFinish event came, the call did not return)`,
        );
    // The import's work ends at its onDidFinish event (after the index phase).
    const endedAt = (finished as { at: number } | null)?.at ?? performance.now();
    const seconds = (endedAt - started) / 1000;
    const errors = summary.problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) throw new Error(`import of ${file} reported ${errors.length} errors, first: ${errors[0]?.message}`);
    const indexSeconds = indexStarted !== null && indexEnded !== null ? (indexEnded - indexStarted) / 1000 : null;
    return { summary, seconds, indexSeconds, stalled: null };
  } finally {
    clearTimeout(stallTimer);
    unsubscribeProgress();
    unsubscribeFinish();
  }
}

/** Opens a fresh library in `dataDir`, imports `file`, and closes it again. */
export async function importIntoFreshLibrary(dataDir: string, modelDir: string, file: string, warn: (line: string) => void = () => {}): Promise<ImportTiming> {
  const facet = await openFacet({ dataDir, modelDir });
  try {
    return await timedImport(facet, file, warn);
  } finally {
    await closeWithin(facet, warn);
  }
}

/** FacetCore.close(), reported (not awaited forever) if it does not finish in time. */
export async function closeWithin(facet: FacetCore, warn: (line: string) => void): Promise<void> {
  await settleWithin(facet.close(), SETTLE_TIMEOUT_MS, () => undefined, warn, 'FacetCore.close()');
}

export function libraryDir(dataDir: string): string {
  return join(dataDir, LIBRARY_DIR);
}

/** Total size in bytes of the files under `dir`. */
export function diskBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += diskBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}
