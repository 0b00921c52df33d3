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
  /** From the 'index' progress phase to 'done': refreshing the FTS and vector indexes. */
  indexSeconds: number;
}

/** Imports one file into the library of an open core and times it. */
export async function timedImport(facet: FacetCore, file: string): Promise<ImportTiming> {
  let indexStarted: number | null = null;
  let indexEnded: number | null = null;
  const unsubscribe = facet.events.on('import.onDidProgress', (progress) => {
    if (progress.phase === 'index') indexStarted = performance.now();
    if (progress.phase === 'done') indexEnded = performance.now();
  });
  const started = performance.now();
  try {
    const summary = await facet.handlers['import.run']({ sources: [{ kind: 'file', path: file }] });
    const seconds = (performance.now() - started) / 1000;
    const errors = summary.problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) throw new Error(`import of ${file} reported ${errors.length} errors, first: ${errors[0]?.message}`);
    const indexSeconds = indexStarted !== null && indexEnded !== null ? (indexEnded - indexStarted) / 1000 : 0;
    return { summary, seconds, indexSeconds };
  } finally {
    unsubscribe();
  }
}

/** Opens a fresh library in `dataDir`, imports `file`, and closes it again. */
export async function importIntoFreshLibrary(dataDir: string, modelDir: string, file: string): Promise<ImportTiming> {
  const facet = await openFacet({ dataDir, modelDir });
  try {
    return await timedImport(facet, file);
  } finally {
    await facet.close();
  }
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
