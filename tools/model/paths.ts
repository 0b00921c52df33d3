/** Paths the model tools share: the repository root, ../shared, and the scratch folder tools/model/.work. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = path.resolve(repoRoot, '../shared');
export const workDir = path.join(repoRoot, 'tools/model/.work');
export const corpusPath = path.join(sharedRoot, 'corpus/scientific-fulltext.jsonl.gz');
export const tdmsPath = path.join(sharedRoot, 'data/pwc-leaderboards/sota_papers_title_abstract_tdms.jsonl.gz');
