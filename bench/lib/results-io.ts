/** Writing benchmark JSON results, and the default places they go. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { RESULTS_DIR } from './paths.ts';

/**
 * Full runs write the committed results (bench/results); smoke runs never do: they go to --out-dir
 * or, without it, to a fresh folder under the system temp dir.
 */
export function resolveOutDir(outDir: string | undefined, smoke: boolean): string {
  if (outDir !== undefined) return resolve(outDir);
  if (smoke) return join(os.tmpdir(), `facet-bench-smoke-${process.pid}`);
  return RESULTS_DIR;
}

export function writeJson(dir: string, name: string, value: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/** True when `dir` is the committed results folder, so RESULTS.md should be regenerated. */
export function isCommittedResultsDir(dir: string): boolean {
  return resolve(dir) === RESULTS_DIR;
}
