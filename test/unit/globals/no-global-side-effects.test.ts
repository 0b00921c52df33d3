/**
 * Loading Facet's CLI, browser-mode server and core must leave the JavaScript built-ins alone. A
 * dependency that swaps JSON.stringify or Array.prototype methods for polyfills (pdf.js's legacy
 * build bundles core-js, which does) slows every request and every line the CLI prints, so such
 * modules are only imported where they are used.
 *
 * The built-ins are captured before this file imports anything from the app: the only static
 * imports here are vitest and Node built-ins; the app modules are imported dynamically below.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The objects whose own properties must keep their identity, by a name for the failure message. */
function watchedObjects(): Record<string, object> {
  const typedArray = Object.getPrototypeOf(Uint8Array) as object;
  return {
    globalThis,
    JSON,
    Math,
    Reflect,
    Object,
    'Object.prototype': Object.prototype,
    Function: Function,
    'Function.prototype': Function.prototype,
    Array,
    'Array.prototype': Array.prototype,
    String,
    'String.prototype': String.prototype,
    Number,
    'Number.prototype': Number.prototype,
    Boolean: Boolean.prototype,
    Symbol,
    'Symbol.prototype': Symbol.prototype,
    Promise,
    'Promise.prototype': Promise.prototype,
    Map,
    'Map.prototype': Map.prototype,
    Set,
    'Set.prototype': Set.prototype,
    'WeakMap.prototype': WeakMap.prototype,
    'WeakSet.prototype': WeakSet.prototype,
    Date,
    'Date.prototype': Date.prototype,
    'RegExp.prototype': RegExp.prototype,
    'Error.prototype': Error.prototype,
    TypedArray: typedArray,
    'TypedArray.prototype': (typedArray as { prototype: object }).prototype,
    'Float32Array.prototype': Float32Array.prototype,
    'ArrayBuffer.prototype': ArrayBuffer.prototype,
    'DataView.prototype': DataView.prototype,
    Atomics,
  };
}

type Snapshot = Map<string, unknown[]>;

function snapshot(): Snapshot {
  const seen: Snapshot = new Map();
  for (const [name, target] of Object.entries(watchedObjects())) {
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (!descriptor) continue;
      // Identity of what the property holds: the value, or the accessor functions.
      seen.set(`${name}.${String(key)}`, 'value' in descriptor ? [descriptor.value] : [descriptor.get, descriptor.set]);
    }
  }
  return seen;
}

/**
 * New properties (never replacements) that the core's own dependencies add when they load, each
 * with the package that adds it. Nothing that already existed may change.
 */
const tslibHelpers = new Set(Object.keys(createRequire(import.meta.url)('tslib') as object));
const KNOWN_ADDITIONS: { who: string; matches: (key: string) => boolean }[] = [
  // zod keeps its global registry on globalThis so that two copies of zod share it.
  { who: 'zod', matches: (key) => key === 'globalThis.__zod_globalConfig' || key === 'globalThis.__zod_globalRegistry' },
  // tslib's CommonJS build also publishes its helpers (__extends, __awaiter, …) as globals (apache-arrow loads it).
  { who: 'tslib', matches: (key) => key.startsWith('globalThis.__') && tslibHelpers.has(key.slice('globalThis.'.length)) },
  // reflect-metadata (loaded by @lancedb/lancedb) adds the Reflect metadata API.
  { who: 'reflect-metadata', matches: (key) => /^Reflect\.(decorate|metadata|(define|has|hasOwn|get|getOwn|delete)Metadata|get(Own)?MetadataKeys|Symbol\(@reflect-metadata:registry\))$/.test(key) },
];

function isKnownAddition(line: string): boolean {
  if (!line.endsWith(' was added')) return false;
  const key = line.slice(0, -' was added'.length);
  return KNOWN_ADDITIONS.some((known) => known.matches(key));
}

/** What changed between two snapshots, one line per property. */
function differences(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [key, held] of after) {
    const was = before.get(key);
    if (was === undefined) changed.push(`${key} was added`);
    else if (held.length !== was.length || held.some((value, i) => !Object.is(value, was[i]))) changed.push(`${key} was replaced`);
  }
  for (const key of before.keys()) if (!after.has(key)) changed.push(`${key} was removed`);
  return changed;
}

const before = snapshot();
const nativeStringify = JSON.stringify;
const nativeParse = JSON.parse;

describe('loading Facet leaves the built-ins alone', () => {
  it('keeps every global and built-in method after importing the CLI, the server and the core, and opening a library', async () => {
    // Touch Node's lazy globals first (some are accessors that replace themselves with a value on
    // first use), so that is not counted as a change.
    const lazyBefore = snapshot();
    for (const key of Reflect.ownKeys(globalThis)) void (globalThis as Record<PropertyKey, unknown>)[key];
    const touched = snapshot();
    const nodeOwn = new Set(differences(lazyBefore, touched).map((line) => line.replace(/ was \w+$/, '')));

    await import('../../../src-main/node/cli/args.ts');
    await import('../../../src-main/node/cli/library-args.ts');
    await import('../../../src-main/node/cli/commands.ts');
    await import('../../../src-main/node/cli/library-commands.ts');
    await import('../../../src-main/node/cli/settings-command.ts');
    await import('../../../src-main/node/serve.ts');
    await import('../../../src-main/node/bridge/index.ts');
    const { openFacet } = await import('../../../src-main/core/service.ts');
    const { FakeEmbedder } = await import('../service/fake-embedder.ts');

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-globals-'));
    try {
      const core = await openFacet({ dataDir, embedder: new FakeEmbedder() });
      try {
        await core.handlers['library.stats']({});
        await core.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' });
      } finally {
        await core.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }

    const changed = differences(touched, snapshot()).filter((line) => !nodeOwn.has(line.replace(/ was \w+$/, '')) && !isKnownAddition(line));
    expect(changed).toEqual([]);
    // The two the CLI and the bridge lean on hardest, named outright.
    expect(JSON.stringify).toBe(nativeStringify);
    expect(JSON.parse).toBe(nativeParse);
    expect(differences(before, snapshot()).filter((line) => line.startsWith('JSON.') || line.startsWith('Array.prototype.'))).toEqual([]);
  });

  it('notices a replaced built-in (the check itself works)', () => {
    const start = snapshot();
    const original = Array.prototype.flat;
    try {
      Object.defineProperty(Array.prototype, 'flat', { value: function flat(this: unknown[]) { return original.call(this); }, writable: true, configurable: true });
      expect(differences(start, snapshot())).toContain('Array.prototype.flat was replaced');
    } finally {
      Object.defineProperty(Array.prototype, 'flat', { value: original, writable: true, configurable: true });
    }
    expect(differences(start, snapshot())).toEqual([]);
  });
});
