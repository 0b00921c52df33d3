/**
 * The LSA baseline: 256-d truncated SVD of a plain TF-IDF (raw counts, smoothed idf) of the corpus
 * papers' first 3,000 characters, built into a Facet-format model folder under .cache/bench/ by the
 * same tools as Facet's model (tools/model/tokenize-lsa.ts, tools/model/build_lsa.py) with the
 * baseline's settings and no aspect projection, so it is embedded by the same code path.
 * Needs Debian's python3-sklearn and python3-onnx; returns null (and says why) where they are absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, FULLTEXT_CORPUS_FILE } from './paths.ts';

export const LSA_BASELINE_DIR = join(REPO_ROOT, '.cache/bench/lsa-baseline');
export const LSA_BASELINE_RECIPE =
  'LSA baseline: 256-d truncated SVD (randomized, seed 13) of TF-IDF with raw counts and smoothed idf over the first 3,000 characters of each of the 11,496 corpus papers, ' +
  'tokens in >= 2 papers; a pool paper is the L2-normalised projection of its TF-IDF vector';
const PYTHON = '/usr/bin/python3';

export function ensureLsaBaseline(log: (line: string) => void): string | null {
  if (existsSync(join(LSA_BASELINE_DIR, 'manifest.json'))) return LSA_BASELINE_DIR;
  if (!existsSync(FULLTEXT_CORPUS_FILE)) {
    log(`lsa: skipped: ${FULLTEXT_CORPUS_FILE} is absent`);
    return null;
  }
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, onnx'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    log('lsa: skipped: needs python3-sklearn and python3-onnx (apt-get install python3-sklearn python3-onnx)');
    return null;
  }
  const docsDir = join(REPO_ROOT, '.cache/bench/lsa-baseline-docs');
  log('lsa: building the baseline model (about a minute)');
  execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tools/model/tokenize-lsa.ts'), '--doc-chars', '3000', '--out', docsDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(
    PYTHON,
    [join(REPO_ROOT, 'tools/model/build_lsa.py'), '--docs', join(docsDir, 'docs.txt'), '--out', LSA_BASELINE_DIR, '--raw-tf', '--min-df', '2', '--max-df', '1.0', '--name', 'lsa-baseline', '--description', LSA_BASELINE_RECIPE],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return LSA_BASELINE_DIR;
}
