/**
 * npx tsx bench/search-threshold.ts — calibrates the cut-off of semantic search
 * (SEMANTIC_MIN_COSINE in src-main/core/search/semantic-threshold.ts).
 *
 * Pools: a seeded sample of Papers-with-Code training-split papers (../shared/data/pwc-leaderboards)
 * and the papers of the seed digest pages (../shared/seeds). Labelled queries: PwC task names, each
 * matching the sampled papers labelled with that task. Off-topic queries: everyday phrases and
 * nonsense strings, which should match nothing. For every threshold the script prints precision /
 * recall / F1 on the labelled queries and the off-topic hits in each pool, and picks the best-F1
 * threshold with no off-topic hit on the seed pages (bench/lib/threshold-calibration.ts). The PwC
 * pool's off-topic hits are reported, not constrained: it spans all of Papers with Code (fashion,
 * sports, agriculture), where "wedding dress shopping" meeting a garment-retrieval paper is fair.
 *
 *   --papers N   PwC papers in the pool (default 3000)
 *   --seed N     sampling seed (default 7)
 *   --min-task N tasks need this many sampled papers to become a query (default 8)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveModelDir } from '../src-main/core/data-dir.ts';
import { createEmbedder } from '../src-main/core/embed/index.ts';
import { readSource } from '../src-main/core/import/index.ts';
import { SEMANTIC_MIN_COSINE } from '../src-main/core/search/semantic-threshold.ts';
import { parseFlags } from './lib/cli-args.ts';
import { PWC_TDMS_FILE, SHARED_DIR, requireFile } from './lib/paths.ts';
import { loadPwcPapers, trainOnlyPapers } from './lib/pwc-data.ts';
import { seededShuffle } from './lib/ranking.ts';
import { fixed, textTable } from './lib/table.ts';
import { chooseThreshold, sweepThresholds, type LabelledQuery } from './lib/threshold-calibration.ts';

/** Queries no paper about machine learning should match. */
export const OFF_TOPIC_QUERIES = [
  'zzzqqq nonsenseword',
  'qwxv blorptang',
  'chocolate cake recipe',
  'cheap flights to lisbon',
  'wedding dress shopping',
  'football match tickets',
  'how to water tomato plants',
  'tax return deadline',
  'knitting a wool scarf',
  'dog grooming salon',
  'best pizza near me',
  'kitchen sink plumbing repair',
];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

async function seedPapers(): Promise<{ title: string; abstract: string }[]> {
  const dir = join(SHARED_DIR, 'seeds');
  const papers = new Map<string, { title: string; abstract: string }>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.txt')).sort()) {
    for await (const item of readSource({ kind: 'file', path: join(dir, file) })) {
      if (item.kind === 'record') papers.set(item.record.title.toLowerCase(), { title: item.record.title, abstract: item.record.abstract });
    }
  }
  return [...papers.values()];
}

async function main(): Promise<void> {
  const { values } = parseFlags(process.argv.slice(2), { values: ['papers', 'seed', 'min-task'], flags: [] });
  const poolSize = Number(values.get('papers') ?? 3000);
  const seed = Number(values.get('seed') ?? 7);
  const minTask = Number(values.get('min-task') ?? 8);

  const pwc = await loadPwcPapers(requireFile(PWC_TDMS_FILE, 'the Papers-with-Code leaderboard data'));
  const pool = seededShuffle(trainOnlyPapers(pwc.papers, pwc.heldOutKeys).filter((paper) => paper.tasks.length > 0), seed).slice(0, poolSize);
  const seeds = await seedPapers();
  log(`pools: ${pool.length} PwC training-split papers, ${seeds.length} seed-page papers`);

  const embedder = await createEmbedder(resolveModelDir({}), { inThread: true });
  try {
    const embed = async (texts: { title: string; abstract: string }[]) => (await embedder.embed(texts)).map((vectors) => vectors.generic);
    const poolVectors = await embed(pool.map((paper) => ({ title: paper.title, abstract: paper.abstract })));
    const seedVectors = await embed(seeds);

    const byTask = new Map<string, Set<number>>();
    pool.forEach((paper, index) => {
      for (const task of paper.tasks) {
        const set = byTask.get(task) ?? new Set<number>();
        set.add(index);
        byTask.set(task, set);
      }
    });
    const tasks = [...byTask.entries()].filter(([, papers]) => papers.size >= minTask).map(([task]) => task).sort();
    const taskVectors = await embed(tasks.map((task) => ({ title: task, abstract: '' })));
    const labelled: LabelledQuery[] = tasks.map((task, i) => ({
      query: task,
      cosines: Float32Array.from(poolVectors, (vector) => dot(vector, taskVectors[i]!)),
      relevant: byTask.get(task)!,
    }));
    const offVectors = await embed(OFF_TOPIC_QUERIES.map((query) => ({ title: query, abstract: '' })));
    const offTopicPwc = offVectors.map((query) => Float32Array.from(poolVectors, (vector) => dot(vector, query)));
    const offTopicSeeds = offVectors.map((query) => Float32Array.from(seedVectors, (vector) => dot(vector, query)));
    log(`queries: ${labelled.length} task names (>= ${minTask} papers each), ${OFF_TOPIC_QUERIES.length} off-topic`);

    OFF_TOPIC_QUERIES.forEach((query, i) => {
      log(`  off-topic "${query}": highest cosine ${fixed(Math.max(...offTopicPwc[i]!))} on PwC, ${fixed(Math.max(...offTopicSeeds[i]!))} on the seeds`);
    });

    const rows = sweepThresholds(labelled, offTopicSeeds, offTopicPwc);
    const chosen = chooseThreshold(rows);
    process.stdout.write(
      textTable(
        ['threshold', 'precision', 'recall', 'F1', 'off-topic hits (seeds)', 'off-topic hits (PwC)'],
        rows
          .filter((row) => row.threshold >= 0.2 && row.threshold <= 0.7 && Math.round(row.threshold * 100) % 2 === 0)
          .map((row) => [fixed(row.threshold, 2), fixed(row.precision), fixed(row.recall), fixed(row.f1), String(row.offTopicHits), String(row.reportedOffTopicHits)]),
      ) + '\n',
    );
    if (!chosen) throw new Error('no threshold keeps every off-topic query empty on the seed pages');
    process.stdout.write(`chosen: ${fixed(chosen.threshold, 2)} (precision ${fixed(chosen.precision)}, recall ${fixed(chosen.recall)}, F1 ${fixed(chosen.f1)}); in use: ${fixed(SEMANTIC_MIN_COSINE, 2)}\n`);
  } finally {
    await embedder.close();
  }
}

await main();
