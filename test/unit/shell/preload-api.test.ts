import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../../src-main/common/contract.ts';
import { DIALOG_NAMES, RENDERER_REQUEST_NAMES } from '../../../src-main/common/contract-renderer.ts';
import { MENU_CHANNEL } from '../../../src-main/shell/channels.ts';
import { PRELOAD_API_KEY, createPreloadApi, exposeFacetApi, forwardMenuCommands } from '../../../src-main/shell/preload-api.ts';
import type { IpcRendererLike } from '../../../src-main/shell/preload-api.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Stands in for Electron's ipcRenderer: records invokes, answers from a table, emits to listeners. */
class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, Set<Listener>>();
  constructor(private readonly answer: (channel: string, args: unknown[]) => unknown) {}
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel, args);
  }
  on(channel: string, listener: Listener): this {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, ...args: unknown[]): void {
    const ipcEvent = { sender: this, senderId: 0 };
    for (const listener of this.listeners.get(channel) ?? []) listener(ipcEvent, ...args);
  }
}

describe('preload API', () => {
  it('exposes exactly one function per request plus on(), under window.facet, and nothing of ipcRenderer', () => {
    const exposed: Array<[string, unknown]> = [];
    const ipc = new FakeIpcRenderer(() => ({ ok: true, value: null }));
    exposeFacetApi({ exposeInMainWorld: (key, api) => exposed.push([key, api]) }, ipc);
    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0]!;
    expect(key).toBe(PRELOAD_API_KEY);
    expect(key).toBe('facet');
    const record = api as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual([...RENDERER_REQUEST_NAMES, ...DIALOG_NAMES, 'on'].sort());
    for (const value of Object.values(record)) expect(typeof value).toBe('function');
    for (const leaked of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'removeListener']) expect(record).not.toHaveProperty(leaked);
  });

  it('invokes the request channel with the arguments and resolves with the value', async () => {
    const ipc = new FakeIpcRenderer((channel) => ({ ok: true, value: { from: channel } }));
    const api = createPreloadApi(ipc);
    await expect(api['papers.similar']({ id: 'p1', aspect: 'task' })).resolves.toEqual({ from: 'facet:papers.similar' });
    expect(ipc.invoked).toEqual([{ channel: 'facet:papers.similar', args: [{ id: 'p1', aspect: 'task' }] }]);
  });

  it('rejects with a plain WireError object (code kept) when the main process reports an error', async () => {
    const ipc = new FakeIpcRenderer(() => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no paper with id "x"' } }));
    const api = createPreloadApi(ipc);
    const rejection = await api['papers.get']({ id: 'x' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(rejection).toEqual({ code: 'NOT_FOUND', message: 'no paper with id "x"' });
    expect(rejection).not.toBeInstanceOf(Error);
  });

  it('rejects with INTERNAL when the reply is not an envelope', async () => {
    const api = createPreloadApi(new FakeIpcRenderer(() => 'surprise'));
    await expect(api['model.info']({})).rejects.toEqual({ code: 'INTERNAL', message: 'model.info: the main process sent a malformed reply' });
  });

  it('on() subscribes to the event channel, passes only the payload, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer(() => null);
    const api = createPreloadApi(ipc);
    const received: unknown[][] = [];
    const off = api.on('library.onDidChange', (...args: unknown[]) => received.push(args));
    ipc.emit('facet:event:library.onDidChange', { papers: 7 });
    expect(received).toEqual([[{ papers: 7 }]]);
    off();
    ipc.emit('facet:event:library.onDidChange', { papers: 8 });
    expect(received).toHaveLength(1);
    expect(ipc.listeners.get('facet:event:library.onDidChange')?.size).toBe(0);
  });

  it('on() accepts every contract event and refuses anything else before touching ipcRenderer', () => {
    const ipc = new FakeIpcRenderer(() => null);
    const api = createPreloadApi(ipc);
    for (const event of EVENT_NAMES) api.on(event, () => {})();
    const on = api.on as (event: unknown, listener: unknown) => unknown;
    expect(() => on('facet:papers.list', () => {})).toThrow(/unknown event/);
    expect(() => on('toString', () => {})).toThrow(/unknown event/);
    expect(() => on('import.onDidFinish', 'not a function')).toThrow(/must be a function/);
    expect([...ipc.listeners.keys()].sort()).toEqual(EVENT_NAMES.map((name) => `facet:event:${name}`).sort());
  });

  it('re-dispatches known menu commands as DOM events and ignores others', () => {
    const ipc = new FakeIpcRenderer(() => null);
    const dispatched: string[] = [];
    forwardMenuCommands(ipc, { dispatchEvent: (event) => dispatched.push(event.type) > 0 });
    ipc.emit(MENU_CHANNEL, 'find');
    ipc.emit(MENU_CHANNEL, 'rm -rf');
    ipc.emit(MENU_CHANNEL, { command: 'find' });
    expect(dispatched).toEqual(['facet:menu:find']);
  });

  it('keeps the preload free of runtime contract imports (zod must not reach the bundle)', () => {
    const shellDir = path.resolve(import.meta.dirname, '../../../src-main/shell');
    for (const file of ['preload.ts', 'preload-api.ts', 'channels.ts']) {
      const source = fs.readFileSync(path.join(shellDir, file), 'utf8');
      const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]);
      for (const specifier of runtimeImports) expect(specifier, `${file} imports ${specifier}`).toMatch(/^(electron|\.\/(channels|preload-api)\.ts|\.\.\/common\/vocabulary\.ts)$/);
    }
    // The vocabulary is the one contract module the preload may load: it is plain data and imports nothing.
    const vocabulary = fs.readFileSync(path.resolve(shellDir, '../common/vocabulary.ts'), 'utf8');
    expect(vocabulary).not.toMatch(/^import\s/m);
  });
});
