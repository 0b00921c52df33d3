/** Runs one layout job where it is called: inside the worker, or inline (tests, tiny libraries). */
import { computeLayout, placeNear, type LayoutProgress } from './layout.ts';
import type { LayoutJob, LayoutResult } from './layout-protocol.ts';

export async function runLayoutJob(job: LayoutJob, onProgress: LayoutProgress): Promise<LayoutResult> {
  if (job.type === 'layout') return computeLayout(job.vectors, job.dims, job.options, onProgress);
  const positions = await placeNear(job.anchors, job.anchorPositions, job.queries, job.dims, undefined, (done, total) => onProgress('place', done, total));
  return { positions, landmarks: null };
}
