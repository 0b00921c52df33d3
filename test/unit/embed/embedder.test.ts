import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import { OnnxEmbedder, WorkerEmbedder, loadManifest, workerEntry } from '../../../src-main/core/embed/index.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';
import { realModelDir } from './model-fixture.ts';

describe('workerEntry', () => {
  it('starts the tsx bootstrap next to a .ts module and the bundled .js entry next to a .js one', () => {
    expect(workerEntry('file:///app/src-main/core/embed/worker-embedder.ts').href).toBe('file:///app/src-main/core/embed/embed-worker-tsx.mjs');
    expect(workerEntry('file:///app/out/main/index.js').href).toBe('file:///app/out/main/embed-worker.js');
    expect(fs.existsSync(new URL(workerEntry()))).toBe(true);
  });
});

describe('loadManifest', () => {
  it('names the manifest and every bad field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-manifest-'));
    try {
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ id: 'x', name: 'X', dims: 0, aspects: ['generic'], onnx: 'm.onnx', vocab: 'v.txt', maxTokens: 10 }));
      expect(() => loadManifest(dir)).toThrow(/manifest.json: dims must be a positive integer; aspects must list generic, task, method, dataset/);
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ id: 'x', name: 'X', dims: 4, aspects: ['generic', 'task', 'method', 'dataset'], onnx: 'm.onnx', vocab: 'v.txt', maxTokens: 10 }));
      expect(() => loadManifest(dir)).toThrow(/lacks m.onnx/);
      fs.writeFileSync(path.join(dir, 'manifest.json'), '{oops');
      expect(() => loadManifest(dir)).toThrow(/cannot read model manifest/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const model = realModelDir();
const TEXTS = [
  { title: 'Matryoshka representation learning', abstract: 'Nested embeddings whose prefixes are themselves useful representations for retrieval and classification.' },
  { title: 'Graph attention networks', abstract: 'Masked self-attention over node neighbourhoods for transductive and inductive node classification on Cora and PubMed.' },
  { title: 'A title only paper', abstract: '' },
  { title: '', abstract: '' },
  { title: 'Long', abstract: Array.from({ length: 3000 }, (_, i) => `token${i % 97} learning`).join(' ') },
];

function expectUnitFinite(vectors: AspectVectors, dims: number) {
  for (const aspect of ASPECTS) {
    const v = vectors[aspect];
    expect(v).toHaveLength(dims);
    expect(v.every(Number.isFinite)).toBe(true);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
  }
}

describe.skipIf(model.dir === null)(`embedders on the committed model${model.dir ? '' : ` (skipped: ${model.reason})`}`, () => {
  let inThread: OnnxEmbedder;
  let worker: WorkerEmbedder;
  beforeAll(async () => {
    inThread = await OnnxEmbedder.load(model.dir!, { batchSize: 2 });
    worker = await WorkerEmbedder.start(model.dir!, { batchSize: 64 });
  });
  afterAll(async () => {
    await inThread?.close();
    await worker?.close();
  });

  it('gives finite unit vectors of the manifest dims for every aspect, empty digests included', async () => {
    const { vectors } = await inThread.embedWithReport(TEXTS);
    expect(vectors).toHaveLength(TEXTS.length);
    for (const v of vectors) expectUnitFinite(v, inThread.info.dims);
  });

  it('reports which inputs were truncated to maxTokens', async () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const max = inThread.maxTokens;
    const { truncated } = await inThread.embedWithReport([
      { title: 'short', abstract: '' },
      { title: words(1), abstract: words(max - 1) },
      { title: words(1), abstract: words(max) },
      TEXTS[4]!,
    ]);
    expect(truncated).toEqual([false, false, true, true]);
  });

  it('gives the same vectors in the worker thread and in-thread, whatever the batch size', async () => {
    const a = await inThread.embed(TEXTS);
    const b = await worker.embed(TEXTS);
    const single = await inThread.embed([TEXTS[1]!]);
    expect(worker.info).toEqual(inThread.info);
    for (let i = 0; i < TEXTS.length; i++) {
      for (const aspect of ASPECTS) {
        const x = a[i]![aspect];
        const y = b[i]![aspect];
        let maxDiff = 0;
        for (let d = 0; d < x.length; d++) maxDiff = Math.max(maxDiff, Math.abs(x[d]! - y[d]!));
        expect(maxDiff, `${aspect} of input ${i}`).toBeLessThan(1e-4);
      }
    }
    for (let d = 0; d < single[0]!.generic.length; d++) expect(single[0]!.generic[d]).toBeCloseTo(a[1]!.generic[d]!, 4);
  });

  it('answers concurrent requests in order from the worker', async () => {
    const results = await Promise.all(TEXTS.map((text) => worker.embed([text])));
    const together = await worker.embed(TEXTS);
    results.forEach((result, i) => {
      for (let d = 0; d < 5; d++) expect(result[0]!.task[d]).toBeCloseTo(together[i]!.task[d]!, 4);
    });
  });

  it('fails with a MODEL error for a missing model folder, from the worker too', async () => {
    await expect(WorkerEmbedder.start(path.join(os.tmpdir(), 'no-such-facet-model'))).rejects.toMatchObject({ code: 'MODEL' });
  });
});
