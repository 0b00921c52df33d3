/** Keyword, semantic and hybrid search latency through the core's papers.search handler. */
import type { FacetCore } from '../../src-main/core/service.ts';
import { summarise, timeEach } from './latency.ts';
import type { LatencySummary } from './perf-types.ts';
import { seededRandom } from './ranking.ts';

/** Short queries (two or three consecutive title words) from titles in the library, seeded. */
export async function sampleQueries(facet: FacetCore, count: number, seed: number): Promise<string[]> {
  const page = await facet.handlers['papers.list']({ offset: 0, limit: 1000, sort: 'imported' });
  const random = seededRandom(seed);
  const queries: string[] = [];
  for (let attempt = 0; queries.length < count && attempt < count * 20; attempt++) {
    const title = page.items[Math.floor(random() * page.items.length)]?.title ?? '';
    const words = title.split(/\s+/).filter((word) => /^[A-Za-z][A-Za-z-]{2,}$/.test(word));
    if (words.length < 3) continue;
    const length = 2 + Math.floor(random() * 2);
    const start = Math.floor(random() * (words.length - length + 1));
    queries.push(words.slice(start, start + length).join(' '));
  }
  if (queries.length === 0) throw new Error('sampleQueries: the library has no titles to draw queries from');
  return queries;
}

export async function benchSearch(facet: FacetCore, queries: readonly string[]): Promise<{ keyword: LatencySummary; semantic: LatencySummary; hybrid: LatencySummary }> {
  const run = (mode: 'keyword' | 'semantic' | 'hybrid') =>
    timeEach(queries, (query) => facet.handlers['papers.search']({ query, mode, limit: 20 }));
  return {
    keyword: summarise(await run('keyword')),
    semantic: summarise(await run('semantic')),
    hybrid: summarise(await run('hybrid')),
  };
}
