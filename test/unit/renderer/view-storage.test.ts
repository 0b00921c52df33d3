/** The digest view kept across reloads: saved and read back, and storage that fails never breaks the app. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadDigestView, saveDigestView } from '../../../src-renderer/src/lib/view-storage.ts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const globals = globalThis as unknown as { localStorage?: unknown };

describe('digest view storage', () => {
  afterEach(() => {
    delete globals.localStorage;
  });

  it('reads back what was saved, and forgets it when cleared', () => {
    globals.localStorage = new MemoryStorage();
    expect(loadDigestView()).toBeNull();
    saveDigestView({ ids: ['a', 'b'], sources: ['hf.txt'], includeSeen: true, open: true });
    expect(loadDigestView()).toEqual({ ids: ['a', 'b'], sources: ['hf.txt'], includeSeen: true, open: true });
    saveDigestView(null);
    expect(loadDigestView()).toBeNull();
  });

  it('ignores stored data of the wrong shape', () => {
    const storage = new MemoryStorage();
    globals.localStorage = storage;
    storage.setItem('facet.digest-view', '{"ids": "not a list"}');
    expect(loadDigestView()).toBeNull();
    storage.setItem('facet.digest-view', 'not json');
    expect(loadDigestView()).toBeNull();
    storage.setItem('facet.digest-view', '{"ids": [], "sources": []}');
    expect(loadDigestView()).toBeNull();
  });

  it('does nothing, and throws nothing, without storage or when storage refuses', () => {
    expect(loadDigestView()).toBeNull();
    expect(() => saveDigestView({ ids: ['a'], sources: [], includeSeen: false, open: false })).not.toThrow();
    globals.localStorage = {
      getItem() {
        throw new Error('blocked');
      },
      setItem() {
        throw new Error('quota');
      },
      removeItem() {},
    };
    expect(loadDigestView()).toBeNull();
    expect(() => saveDigestView({ ids: ['a'], sources: [], includeSeen: false, open: false })).not.toThrow();
  });
});
