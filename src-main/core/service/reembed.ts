/**
 * Rebuilds vectors for papers stored without vectors of the current model (after a model change,
 * or a re-embedding cut short). Works in batches, one atomic merge each, so stopping at any point
 * keeps everything written so far and the next open continues with what is left.
 */
import type { PaperStore } from '../store/index.ts';
import type { AspectVectors, Embedder } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';

export const REEMBED_BATCH_SIZE = 256;

export async function reembedPending(
  store: PaperStore,
  embedder: Embedder,
  events: FacetEventEmitter,
  shouldStop: () => boolean,
  batchSize = REEMBED_BATCH_SIZE,
): Promise<number> {
  const total = await store.countPending();
  let done = 0;
  if (total === 0) return 0;
  events.emit('embed.onDidProgress', { done, total });
  while (!shouldStop()) {
    const papers = await store.pendingPapers(batchSize);
    if (papers.length === 0) break;
    const vectors = await embedder.embed(papers.map((p) => ({ title: p.title, abstract: p.abstract })));
    const updates = new Map<string, AspectVectors>();
    papers.forEach((paper, i) => updates.set(paper.id, vectors[i]!));
    await store.writeVectors(updates);
    done += papers.length;
    events.emit('embed.onDidProgress', { done: Math.min(done, total), total });
  }
  if (done > 0) await store.refreshIndexes();
  return done;
}
