/** Where the benchmarks find the repository, the shared data and the committed results. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');
export const PWC_TDMS_FILE = resolve(SHARED_DIR, 'data/pwc-leaderboards/sota_papers_title_abstract_tdms.jsonl.gz');
export const FULLTEXT_CORPUS_FILE = resolve(SHARED_DIR, 'corpus/scientific-fulltext.jsonl.gz');
export const RESULTS_DIR = resolve(REPO_ROOT, 'bench/results');
export const RESULTS_MARKDOWN = resolve(REPO_ROOT, 'bench/RESULTS.md');
export const MODELS_DIR = resolve(REPO_ROOT, 'resources/models');

export function requireFile(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path} (the benchmarks read it from ../shared)`);
  return path;
}
