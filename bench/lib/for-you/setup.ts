/**
 * What both "For you" bench scripts start from: the held-out pool of Papers-with-Code leaderboard
 * papers, its synthetic users for one seed, and each aspect's vectors from the app's model
 * (cached in the temp folder per model id).
 */
import type { Aspect } from '../../../src-main/common/contract.ts';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import { resolveModelDir } from '../../../src-main/core/data-dir.ts';
import { describeModel, embedPapers } from '../facet-embedding.ts';
import { deriveMethodsForPapers } from '../method-labels.ts';
import { PWC_TDMS_FILE, requireFile } from '../paths.ts';
import { heldOutPapers, loadPwcPapers } from '../pwc-data.ts';
import { buildUsers } from './users.ts';
import type { SyntheticUser } from './users.ts';
import { cacheFile, readVectorCache, writeVectorCache } from './vector-cache.ts';
import { LexicalIndex } from '../../../src-main/core/similarity/lexical-index.ts';
import { digestText } from '../../../src-main/core/store/index.ts';

/** The seed of the reported run (bench/results/for-you.json). Never tune on it. */
export const REPORTED_SEED = 20261123;
/** The seed the ranker's defaults were chosen on (bench/for-you-tune.ts). */
export const TUNING_SEED = 7;

export interface ForYouSetup {
  model: ReturnType<typeof describeModel>;
  library: number;
  users: SyntheticUser[];
  vectorsByAspect: Map<Aspect, Map<string, Float32Array>>;
  /** The pool's lexical index over the text the app stores (title and abstract), as the app's library would hold it. */
  lexicon: LexicalIndex;
}

export async function loadForYouSetup(options: {
  seed: number;
  usersPerKind: number;
  maxLiked: number;
  heldOut: number;
  distractors: number;
  modelDir?: string;
  log: (line: string) => void;
}): Promise<ForYouSetup> {
  const { log } = options;
  const modelDir = resolveModelDir({ modelDir: options.modelDir });
  const model = describeModel(modelDir);
  const { papers } = await loadPwcPapers(requireFile(PWC_TDMS_FILE, 'Papers-with-Code leaderboard papers'));
  const { pool } = heldOutPapers(papers);
  log(`for-you: ${pool.length} held-out papers; model ${model.id} (${model.dims} dims${model.provisional ? ', provisional' : ''})`);

  const methods = await deriveMethodsForPapers(pool);
  const shape = { users: options.usersPerKind, maxLiked: options.maxLiked, heldOut: options.heldOut, distractors: options.distractors };
  const taskUsers = buildUsers(pool.map((p) => ({ id: p.id, labels: p.tasks })), { kind: 'task', ...shape, seed: options.seed });
  const methodUsers = buildUsers(pool.map((p, i) => ({ id: p.id, labels: methods[i]! })), { kind: 'method', ...shape, seed: options.seed + 1 });

  const ids = pool.map((paper) => paper.id);
  const cache = cacheFile(model.id, ids);
  let embedded = readVectorCache(cache, model.id, ids);
  if (embedded) log(`  vectors from cache ${cache}`);
  else {
    embedded = await embedPapers(pool, modelDir, log);
    writeVectorCache(cache, model.id, ids, ASPECTS, embedded);
  }
  const vectorsByAspect = new Map<Aspect, Map<string, Float32Array>>();
  for (const aspect of ASPECTS) vectorsByAspect.set(aspect, new Map(pool.map((paper, i) => [paper.id, embedded[i]![aspect]])));
  const lexicon = new LexicalIndex();
  for (const paper of pool) lexicon.upsert(paper.id, digestText(paper.title, paper.abstract));
  return { model, library: pool.length, users: [...taskUsers, ...methodUsers], vectorsByAspect, lexicon };
}
