/** The layout runs in a worker thread (as the app runs it) and gives the same map as inline, with progress. */
import { describe, expect, it } from 'vitest';
import { inlineLayoutRunner, workerLayoutRunner } from '../../../src-main/core/map/index.ts';
import { seededRandom } from '../../../src-main/core/util/seeded-random.ts';

describe('layout worker', () => {
  it('lays out in a worker thread exactly as inline', async () => {
    const random = seededRandom(2);
    const dims = 8;
    const vectors = Float32Array.from({ length: 60 * dims }, () => random() - 0.5);
    const job = () => ({ type: 'layout' as const, vectors: vectors.slice(), dims, options: { maxLandmarks: 40, epochs: 30 } });
    const phases: string[] = [];
    const inWorker = await workerLayoutRunner()(job(), (phase) => phases.push(phase));
    const inline = await inlineLayoutRunner(job(), () => {});
    expect(Array.from(inWorker.positions)).toEqual(Array.from(inline.positions));
    expect(Array.from(inWorker.landmarks ?? [])).toEqual(Array.from(inline.landmarks ?? []));
    expect(phases).toEqual(expect.arrayContaining(['neighbours', 'layout', 'place']));
  });

  it('reports a failing job as an error naming the map layout', async () => {
    const bad = { type: 'place' as const, anchors: new Float32Array(4), anchorPositions: new Float32Array(2), queries: new Float32Array(4), dims: 0 };
    await expect(workerLayoutRunner(new URL('./missing-worker.mjs', import.meta.url))(bad, () => {})).rejects.toThrow(/map layout worker/);
  });
});
