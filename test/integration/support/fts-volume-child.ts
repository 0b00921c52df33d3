/**
 * Child process of lance-cpu-pool.test.ts: fills a PaperStore with many distinct words and
 * refreshes its indexes, the step that deadlocked on a single-thread Lance CPU pool.
 *
 *   node --import tsx fts-volume-child.ts <dir> <papers> <words-per-abstract>
 *
 * Prints one JSON line {papers, seconds, cpuThreads} and exits 0 when refreshIndexes returns.
 */
import { PaperStore, type NewPaper } from '../../../src-main/core/store/index.ts';
import { seededRandom } from '../../../src-main/core/util/seeded-random.ts';

const [dir, papersArg, wordsArg] = process.argv.slice(2);
if (!dir || !papersArg || !wordsArg) throw new Error('usage: fts-volume-child.ts <dir> <papers> <words-per-abstract>');
const papers = Number(papersArg);
const wordsPerAbstract = Number(wordsArg);
const DIMS = 8;
const BATCH = 2_000;

const random = seededRandom(20261124);
const word = (): string => Math.floor(random() * 36 ** 6).toString(36);

const { store } = await PaperStore.open(dir, { id: 'fts-volume@test', dims: DIMS });
for (let start = 0; start < papers; start += BATCH) {
  const batch: NewPaper[] = [];
  for (let i = start; i < Math.min(papers, start + BATCH); i++) {
    const title = `paper ${i} ${word()}`;
    batch.push({
      id: `p${i}`, title, abstract: Array.from({ length: wordsPerAbstract }, word).join(' '), authors: [], year: null, date: null, venue: null,
      arxivId: null, doi: null, url: null, sourceFile: null, sourceLine: null, normTitle: title, terms: { task: [], method: [], dataset: [] },
      // Stored as stubs (no vectors) so the refresh is the FTS work alone, without IVF builds.
      dedupKeys: [`title:${title}`], vectors: null, pending: true,
    });
  }
  await store.addPapers(batch);
}
const started = performance.now();
await store.refreshIndexes();
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ papers: await store.count(), seconds, cpuThreads: process.env.LANCE_CPU_THREADS ?? null }));
await store.close();
