import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacetError } from '../../../src-main/common/contract.ts';
import { LazyEmbedder } from '../../../src-main/core/embed/lazy-embedder.ts';
import type { ReportingEmbedder } from '../../../src-main/core/embed/types.ts';
import { openFacet } from '../../../src-main/core/service.ts';
import { FakeEmbedder } from '../service/fake-embedder.ts';

let dir: string;
let modelDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-lazy-embedder-'));
  modelDir = path.join(dir, 'model');
  fs.mkdirSync(modelDir);
  // A manifest is all LazyEmbedder reads; the model files only need to exist until the worker starts.
  fs.writeFileSync(
    path.join(modelDir, 'manifest.json'),
    JSON.stringify({ id: 'fake-model', name: 'Fake', dims: 32, aspects: ['generic', 'task', 'method', 'dataset'], onnx: 'model.onnx', vocab: 'vocab.txt', maxTokens: 50 }),
  );
  fs.writeFileSync(path.join(modelDir, 'model.onnx'), '');
  fs.writeFileSync(path.join(modelDir, 'vocab.txt'), '');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A start function that counts its calls and hands out FakeEmbedders (or fails while `failing`). */
function countingStart(id = 'fake-model') {
  const started: FakeEmbedder[] = [];
  let failing = false;
  return {
    started,
    fail: (value: boolean) => (failing = value),
    start: async (): Promise<ReportingEmbedder> => {
      if (failing) throw new FacetError('MODEL', 'simulated start failure');
      const embedder = new FakeEmbedder(id, 32);
      started.push(embedder);
      return embedder;
    },
  };
}

describe('LazyEmbedder', () => {
  it('knows the model from the manifest and starts nothing until the first text', async () => {
    const counter = countingStart();
    const embedder = new LazyEmbedder(modelDir, { start: counter.start });
    expect(embedder.info).toMatchObject({ id: 'fake-model', dims: 32 });
    expect(embedder.maxTokens).toBe(50);
    expect(await embedder.embed([])).toEqual([]);
    expect(embedder.started).toBe(false);
    expect(counter.started).toHaveLength(0);

    const [first, second] = await Promise.all([embedder.embed([{ title: 'a', abstract: '' }]), embedder.embed([{ title: 'b', abstract: 'c' }])]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(counter.started).toHaveLength(1);
    await embedder.close();
    expect(counter.started[0]!.closed).toBe(true);
    await expect(embedder.embed([{ title: 'a', abstract: '' }])).rejects.toThrow('the embedder is closed');
  });

  it('reports a failed start to that caller and tries again on the next call', async () => {
    const counter = countingStart();
    const embedder = new LazyEmbedder(modelDir, { start: counter.start });
    counter.fail(true);
    await expect(embedder.embed([{ title: 'a', abstract: '' }])).rejects.toThrow('simulated start failure');
    counter.fail(false);
    expect(await embedder.embed([{ title: 'a', abstract: '' }])).toHaveLength(1);
    await embedder.close();
  });

  it('refuses a worker whose model is not the one the manifest named', async () => {
    const counter = countingStart('another-model');
    const embedder = new LazyEmbedder(modelDir, { start: counter.start });
    await expect(embedder.embed([{ title: 'a', abstract: '' }])).rejects.toThrow(/changed while the library was open/);
    expect(counter.started[0]!.closed).toBe(true);
    await embedder.close();
  });

  it('fails at construction for a bad model folder, naming it', () => {
    expect(() => new LazyEmbedder(path.join(dir, 'missing'))).toThrow(/cannot read model manifest .*missing/);
  });

  it('release stops the worker and the next text starts a fresh one', async () => {
    const counter = countingStart();
    const embedder = new LazyEmbedder(modelDir, { start: counter.start });
    await embedder.release();
    expect(counter.started).toHaveLength(0);
    await embedder.embed([{ title: 'a', abstract: '' }]);
    await embedder.release();
    expect(counter.started[0]!.closed).toBe(true);
    expect(embedder.started).toBe(false);
    expect(await embedder.embed([{ title: 'b', abstract: '' }])).toHaveLength(1);
    expect(counter.started).toHaveLength(2);
    await embedder.close();
    expect(counter.started[1]!.closed).toBe(true);
  });

  it('closing before any text starts nothing', async () => {
    const counter = countingStart();
    const embedder = new LazyEmbedder(modelDir, { start: counter.start });
    await embedder.close();
    expect(counter.started).toHaveLength(0);
  });
});

describe('openFacet with the default embedder', () => {
  it('answers reads without starting the embedding worker, and starts it for a semantic query', async () => {
    // A worker entry that does not exist: any attempt to start the worker fails loudly.
    const workerUrl = pathToFileURL(path.join(dir, 'no-such-worker.js'));
    const core = await openFacet({ dataDir: path.join(dir, 'data'), modelDir, workerUrl });
    try {
      expect(await core.handlers['library.stats']({})).toMatchObject({ papers: 0, model: { id: 'fake-model', dims: 32 } });
      expect(await core.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' })).toMatchObject({ total: 0 });
      expect(await core.handlers['papers.search']({ query: 'graph', mode: 'keyword', limit: 5 })).toEqual([]);
      await expect(core.handlers['papers.similar']({ id: 'nope', aspect: 'task', k: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(core.handlers['papers.search']({ query: 'graph', mode: 'semantic', limit: 5 })).rejects.toMatchObject({ code: 'MODEL' });
    } finally {
      await core.close();
    }
  });
});
