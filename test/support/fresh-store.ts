/** A fresh LanceDB library per test: registers the hooks that open it in a new temporary folder and remove it after. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { PaperStore } from '../../src-main/core/store/index.ts';

/** Returns the current test's store (model id `modelId`, `dims` dimensions). */
export function useFreshStore(modelId: string, dims: number): () => PaperStore {
  let dir: string;
  let store: PaperStore | null = null;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-ingest-store-'));
    store = (await PaperStore.open(dir, { id: modelId, dims })).store;
  });
  afterEach(async () => {
    await store?.close();
    store = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!store) throw new Error('the fresh store is open only inside a test');
    return store;
  };
}
