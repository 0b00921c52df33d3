import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, FacetError } from '../../../src-main/common/contract.ts';
import type { EventName, EventPayloads, FacetEvents } from '../../../src-main/common/contract.ts';
import { RENDERER_REQUEST_NAMES as REQUEST_NAMES } from '../../../src-main/common/contract-renderer.ts';
import type { RendererHandlers, RendererRequestName as RequestName } from '../../../src-main/common/contract-renderer.ts';
import { EVENT_CHANNELS, REQUEST_CHANNELS, isIpcReply } from '../../../src-main/shell/channels.ts';
import type { IpcReply } from '../../../src-main/shell/channels.ts';
import { createRequestDispatcher, forwardEvents, registerRequestHandlers } from '../../../src-main/shell/ipc.ts';
import type { InvokeEventLike, IpcMainLike } from '../../../src-main/shell/ipc.ts';

const APP_PAGE = 'facet://app/index.html';

/** Records what the shell registers and lets a test invoke a channel the way Electron would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Like ipcRenderer.invoke: an unregistered channel rejects, as Electron's does. */
  async invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  }
}

/** Handlers that record their (validated) arguments and answer with a marker. */
function recordingHandlers(calls: Array<{ name: RequestName; args: unknown }>): RendererHandlers {
  const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) {
    handlers[name] = async (args) => {
      calls.push({ name, args });
      return { answeredBy: name };
    };
  }
  return handlers as unknown as RendererHandlers;
}

const trustApp = (url: string | null) => url === APP_PAGE;

describe('channels', () => {
  it('has exactly one channel per renderer request and event, each named after it', () => {
    expect(Object.keys(REQUEST_CHANNELS).sort()).toEqual([...REQUEST_NAMES].sort());
    expect(Object.keys(EVENT_CHANNELS).sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of REQUEST_NAMES) expect(REQUEST_CHANNELS[name]).toBe(`facet:${name}`);
    for (const name of EVENT_NAMES) expect(EVENT_CHANNELS[name]).toBe(`facet:event:${name}`);
  });

  it('recognises reply envelopes', () => {
    expect(isIpcReply({ ok: true, value: null })).toBe(true);
    expect(isIpcReply({ ok: false, error: { code: 'NOT_FOUND', message: 'x' } })).toBe(true);
    expect(isIpcReply({ ok: false, error: 'boom' })).toBe(false);
    expect(isIpcReply({ ok: true })).toBe(false);
    expect(isIpcReply(null)).toBe(false);
  });
});

describe('registerRequestHandlers', () => {
  it('registers one handler per request name, and removes them all again', () => {
    const ipc = new FakeIpcMain();
    const dispose = registerRequestHandlers(ipc, createRequestDispatcher(() => recordingHandlers([]), trustApp));
    expect([...ipc.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((name) => `facet:${name}`).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes validated arguments (defaults filled) to the core and returns its result', async () => {
    const ipc = new FakeIpcMain();
    const calls: Array<{ name: RequestName; args: unknown }> = [];
    registerRequestHandlers(ipc, createRequestDispatcher(() => recordingHandlers(calls), trustApp));
    const reply = await ipc.invoke('facet:papers.similar', APP_PAGE, { id: 'p1', aspect: 'method' });
    expect(reply).toEqual({ ok: true, value: { answeredBy: 'papers.similar' } });
    expect(calls).toEqual([{ name: 'papers.similar', args: { id: 'p1', aspect: 'method', k: 10 } }]);
    expect(await ipc.invoke('facet:library.stats', APP_PAGE)).toEqual({ ok: true, value: { answeredBy: 'library.stats' } });
  });

  it('answers bad arguments with a BAD_REQUEST WireError naming the field, without calling the core', async () => {
    const ipc = new FakeIpcMain();
    const calls: Array<{ name: RequestName; args: unknown }> = [];
    registerRequestHandlers(ipc, createRequestDispatcher(() => recordingHandlers(calls), trustApp));
    const reply = (await ipc.invoke('facet:papers.similar', APP_PAGE, { id: 'p1', aspect: 'colour' })) as IpcReply;
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('BAD_REQUEST');
    expect(reply.error.message).toMatch(/^papers\.similar: aspect/);
    expect(calls).toEqual([]);
    // The reply is plain data, so it survives structured cloning across IPC unchanged.
    expect(structuredClone(reply)).toEqual(reply);
  });

  it('rejects requests from pages outside the app', async () => {
    const ipc = new FakeIpcMain();
    const calls: Array<{ name: RequestName; args: unknown }> = [];
    registerRequestHandlers(ipc, createRequestDispatcher(() => recordingHandlers(calls), trustApp));
    for (const sender of ['https://evil.example/', null]) {
      const reply = (await ipc.invoke('facet:papers.list', sender, {})) as IpcReply;
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(calls).toEqual([]);
  });

  it('leaves unknown channels unregistered, and the dispatcher refuses them with BAD_REQUEST', async () => {
    const ipc = new FakeIpcMain();
    const dispatch = createRequestDispatcher(() => recordingHandlers([]), trustApp);
    registerRequestHandlers(ipc, dispatch);
    await expect(ipc.invoke('facet:papers.drop', APP_PAGE, {})).rejects.toThrow(/No handler registered/);
    await expect(ipc.invoke('papers.list', APP_PAGE, {})).rejects.toThrow(/No handler registered/);
    expect(await dispatch('facet:papers.drop', APP_PAGE, {})).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'unknown IPC channel "facet:papers.drop"' },
    });
    expect(await dispatch('facet:__proto__', APP_PAGE, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('returns core errors as WireErrors with their code; other throws become INTERNAL', async () => {
    const handlers = recordingHandlers([]);
    handlers['papers.get'] = async ({ id }) => {
      throw new FacetError('NOT_FOUND', `no paper with id "${id}"`);
    };
    handlers['model.info'] = async () => {
      throw new Error('onnx session died');
    };
    const logged: string[] = [];
    const dispatch = createRequestDispatcher(() => handlers, trustApp, (message) => logged.push(message));
    expect(await dispatch('facet:papers.get', APP_PAGE, { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no paper with id "nope"' },
    });
    expect(await dispatch('facet:model.info', APP_PAGE, {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'onnx session died' } });
    // The unexpected error is logged in full (stack included); the expected NOT_FOUND is not.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^model\.info failed: Error: onnx session died\n\s+at /);
  });

  it("never quotes a dependency's raw error to the page, and logs it", async () => {
    const handlers = recordingHandlers([]);
    handlers['library.stats'] = async () => {
      throw new Error('lance error: Invalid user input: Schema error: No field named x, /cargo/lance-8.0.0/src/dataset/scanner.rs:452:33');
    };
    const logged: string[] = [];
    const reply = await createRequestDispatcher(() => handlers, trustApp, (message) => logged.push(message))('facet:library.stats', APP_PAGE, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^Facet hit an internal error in its paper storage \(LanceDB\)/) as unknown } });
    expect(JSON.stringify(reply)).not.toMatch(/Schema error|scanner\.rs/);
    expect(logged[0]).toContain('scanner.rs:452:33');
  });

  it('returns an error from getHandlers (no core open) as a reply', async () => {
    const dispatch = createRequestDispatcher(() => {
      throw new FacetError('MODEL', 'no model under resources/models');
    }, trustApp);
    expect(await dispatch('facet:papers.list', APP_PAGE, {})).toEqual({
      ok: false,
      error: { code: 'MODEL', message: 'no model under resources/models' },
    });
  });
});

describe('forwardEvents', () => {
  it('subscribes to every contract event and forwards each payload on its channel until unsubscribed', () => {
    const listeners = new Map<EventName, Set<(payload: never) => void>>();
    const events: FacetEvents = {
      on(event, listener) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    };
    const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayloads[E]) => void)(payload);
    };
    const sent: Array<[string, unknown]> = [];
    const stop = forwardEvents(events, (channel, payload) => sent.push([channel, payload]));
    expect([...listeners.keys()].sort()).toEqual([...EVENT_NAMES].sort());
    emit('library.onDidChange', { papers: 3 });
    emit('embed.onDidProgress', { done: 1, total: 2 });
    expect(sent).toEqual([
      ['facet:event:library.onDidChange', { papers: 3 }],
      ['facet:event:embed.onDidProgress', { done: 1, total: 2 }],
    ]);
    stop();
    emit('library.onDidChange', { papers: 4 });
    expect(sent).toHaveLength(2);
  });
});
