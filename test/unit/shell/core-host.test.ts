import { describe, expect, it, vi } from 'vitest';
import { FacetError, REQUEST_NAMES } from '../../../src-main/common/contract.ts';
import type { EventName, FacetEvents } from '../../../src-main/common/contract.ts';
import type { CoreHandlers } from '../../../src-main/core/types.ts';
import { CoreHost } from '../../../src-main/shell/core-host.ts';
import type { CoreLocation, HostedCore } from '../../../src-main/shell/core-host.ts';

/** A stand-in core: answers every request with its own data folder, emits events on demand. */
function fakeCore(location: CoreLocation, log: string[]) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const events: FacetEvents = {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) handlers[name] = async (args) => ({ from: location.dataDir, name, args });
  const core: HostedCore = {
    handlers: handlers as unknown as CoreHandlers,
    events,
    close: async () => {
      log.push(`closed ${location.dataDir}`);
    },
  };
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { core, emit };
}

const at = (dataDir: string): CoreLocation => ({ dataDir, modelDir: '/models/m', aspectsDir: '/aspects' });

describe('CoreHost', () => {
  it('serves requests from the open core and forwards its events', async () => {
    const log: string[] = [];
    const sent: Array<[string, unknown]> = [];
    const cores = new Map<string, ReturnType<typeof fakeCore>>();
    const host = new CoreHost(
      async (location) => {
        const made = fakeCore(location, log);
        cores.set(location.dataDir, made);
        return made.core;
      },
      { send: (channel, payload) => sent.push([channel, payload]), log: (message) => log.push(message) },
    );
    await host.open(at('/lib/a'));
    expect(host.dataDir).toBe('/lib/a');
    expect(host.modelDir).toBe('/models/m');
    await expect(host.handlers['papers.get']({ id: 'p1' })).resolves.toEqual({ from: '/lib/a', name: 'papers.get', args: { id: 'p1' } });
    cores.get('/lib/a')!.emit('library.onDidChange', { papers: 1 });
    expect(sent).toEqual([['facet:event:library.onDidChange', { papers: 1 }]]);
  });

  it('switches library folders: closes the old core, stops its events, serves from the new one', async () => {
    const log: string[] = [];
    const sent: Array<[string, unknown]> = [];
    const cores = new Map<string, ReturnType<typeof fakeCore>>();
    const host = new CoreHost(
      async (location) => {
        const made = fakeCore(location, log);
        cores.set(location.dataDir, made);
        return made.core;
      },
      { send: (channel, payload) => sent.push([channel, payload]), log: (message) => log.push(message) },
    );
    await host.open(at('/lib/a'));
    await host.open(at('/lib/b'));
    expect(log).toEqual(['closed /lib/a']);
    cores.get('/lib/a')!.emit('library.onDidChange', { papers: 9 });
    cores.get('/lib/b')!.emit('library.onDidChange', { papers: 2 });
    expect(sent).toEqual([['facet:event:library.onDidChange', { papers: 2 }]]);
    await expect(host.handlers['library.stats']({})).resolves.toMatchObject({ from: '/lib/b' });
    await host.close();
    expect(log).toEqual(['closed /lib/a', 'closed /lib/b']);
    await expect(host.open(at('/lib/c'))).rejects.toThrow(/quitting/);
  });

  it('lets requests wait while the core opens', async () => {
    let finishOpening: ((core: HostedCore) => void) | null = null;
    const host = new CoreHost(() => new Promise<HostedCore>((resolve) => (finishOpening = resolve)), { send: () => {}, log: () => {} });
    const opening = host.open(at('/lib/slow'));
    // Asked before the core has even started opening, and while it opens.
    const early = host.handlers['model.info']({});
    await vi.waitFor(() => expect(finishOpening).not.toBeNull());
    const answer = host.handlers['model.info']({});
    finishOpening!(fakeCore(at('/lib/slow'), []).core);
    await expect(early).resolves.toMatchObject({ from: '/lib/slow', name: 'model.info' });
    await opening;
    await expect(answer).resolves.toMatchObject({ from: '/lib/slow', name: 'model.info' });
  });

  it('fails every request with the error that stopped the core from opening', async () => {
    const host = new CoreHost(async () => {
      throw new FacetError('INTERNAL', 'cannot create the data folder /ro: EACCES');
    }, { send: () => {}, log: () => {} });
    await expect(host.open(at('/ro'))).rejects.toThrow(/EACCES/);
    await expect(host.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' })).rejects.toThrow(/EACCES/);
    expect(host.dataDir).toBe('/ro');
  });

  it('fails requests with a MODEL error when no model could be located', async () => {
    const host = new CoreHost(async () => fakeCore(at('/x'), []).core, { send: () => {}, log: () => {} });
    await host.fail(new FacetError('MODEL', 'no model: /opt/Facet/resources/models holds no folder with a manifest.json'), '/home/me/lib');
    const error = await host.handlers['papers.search']({ query: 'q', mode: 'keyword', limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FacetError);
    expect(error).toMatchObject({ code: 'MODEL' });
    expect(host.dataDir).toBe('/home/me/lib');
    expect(host.modelDir).toBeNull();
  });

  it('says the library is not open before the first open', async () => {
    const host = new CoreHost(async () => fakeCore(at('/x'), []).core, { send: () => {}, log: () => {} });
    await expect(host.handlers['library.stats']({})).rejects.toThrow(/not open yet/);
  });

  it('reports a failing close instead of hiding it', async () => {
    const log: string[] = [];
    const host = new CoreHost(
      async (location) => ({ ...fakeCore(location, []).core, close: async () => Promise.reject(new Error('table locked')) }),
      { send: () => {}, log: (message) => log.push(message) },
    );
    await host.open(at('/lib/a'));
    await host.close();
    expect(log).toEqual(['closing the library failed: table locked']);
  });
});
