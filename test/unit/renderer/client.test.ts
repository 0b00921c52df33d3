/**
 * The renderer's client against the real bridge (fake core): the two ends of the wire format must
 * agree. Also the preload path and error normalisation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FacetApi, FacetEvents } from '../../../src-main/common/contract.ts';
import type { PreloadFacetApi } from '../../../src-main/common/contract-renderer.ts';
import { startBridge, type Bridge } from '../../../src-main/node/bridge/index.ts';
import { bridgeClient, createClient, electronClient, FacetClientError, toClientError, tokenFromLocation } from '../../../src-renderer/src/lib/client.ts';
import { createFakeCore, fakeModel, type FakeCore } from '../bridge/fake-core.ts';

const nodeSocket = (url: string) => new WebSocket(url) as unknown as globalThis.WebSocket;

describe('renderer client over the bridge', () => {
  let core: FakeCore;
  let bridge: Bridge;

  beforeEach(async () => {
    core = createFakeCore();
    bridge = await startBridge({ core, staticDir: null, logError: () => {} });
  });

  afterEach(async () => {
    await bridge.close();
  });

  it('resolves results typed from the contract', async () => {
    const client = bridgeClient(bridge.socketUrl, nodeSocket);
    expect(client.transport).toBe('bridge');
    const page = await client.request('papers.list', { offset: 0, limit: 2 });
    expect(page.items.map((paper) => paper.id)).toEqual(['p0', 'p1']);
    expect(await client.request('model.info', {})).toEqual(fakeModel);
  });

  it('rejects with the core error code and message', async () => {
    const client = bridgeClient(bridge.socketUrl, nodeSocket);
    const failure = await client.request('papers.get', { id: 'missing' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FacetClientError);
    expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'no paper with id missing' });
    const invalid = await client.request('papers.search', { query: '' }).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('delivers pushed events to listeners until they unsubscribe', async () => {
    const client = bridgeClient(bridge.socketUrl, nodeSocket);
    const seen: number[] = [];
    const unsubscribe = client.on('library.onDidChange', (payload) => seen.push(payload.papers));
    await client.request('library.stats', {});
    core.emit('library.onDidChange', { papers: 4 });
    await expect.poll(() => seen).toEqual([4]);
    unsubscribe();
    core.emit('library.onDidChange', { papers: 5 });
    await client.request('library.stats', {});
    expect(seen).toEqual([4]);
  });

  it('fails clearly without a token, with a wrong token, and when the server goes away', async () => {
    const noToken = await bridgeClient(null, nodeSocket).request('model.info', {}).catch((error: unknown) => error);
    expect(noToken).toMatchObject({ code: 'DISCONNECTED', message: expect.stringContaining('#token=') });

    const wrong = await bridgeClient(bridge.socketUrl.replace(/token=[^&]+/, 'token=wrong'), nodeSocket)
      .request('model.info', {})
      .catch((error: unknown) => error);
    expect(wrong).toMatchObject({ code: 'DISCONNECTED', message: expect.stringContaining('Could not connect') });

    const client = bridgeClient(bridge.socketUrl, nodeSocket);
    const statuses: string[] = [];
    client.onStatus((status) => statuses.push(status));
    await client.request('model.info', {});
    await bridge.close();
    await expect.poll(() => statuses.at(-1)).toBe('disconnected');
    const after = await client.request('model.info', {}).catch((error: unknown) => error);
    expect(after).toMatchObject({ code: 'DISCONNECTED' });
    bridge = await startBridge({ core, staticDir: null });
  });
});

describe('client helpers', () => {
  it('reads the token from the fragment, or the query as a fallback', () => {
    expect(tokenFromLocation({ hash: '#token=abc', search: '' })).toBe('abc');
    expect(tokenFromLocation({ hash: '', search: '?token=def' })).toBe('def');
    expect(tokenFromLocation({ hash: '', search: '' })).toBeNull();
  });

  it('normalises every kind of rejection', () => {
    expect(toClientError({ code: 'MODEL', message: 'no model' })).toMatchObject({ code: 'MODEL', message: 'no model' });
    expect(toClientError(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom' });
    expect(toClientError({ code: 'WHATEVER', message: 'odd' })).toMatchObject({ code: 'INTERNAL', message: 'odd' });
    expect(toClientError('plain')).toMatchObject({ code: 'INTERNAL', message: 'plain' });
  });

  it('uses the preload API when window.facet is present, and carries its errors', async () => {
    const calls: unknown[] = [];
    const preload = {
      'model.info': async (args: unknown) => {
        calls.push(args);
        return fakeModel;
      },
      'papers.get': async () => {
        throw Object.assign(new Error('no such paper'), { code: 'NOT_FOUND' });
      },
      on: () => () => {},
    } as unknown as FacetApi & FacetEvents;
    const globals = globalThis as unknown as { window?: unknown };
    globals.window = { facet: preload, location: { hash: '', search: '', protocol: 'file:', host: '' } };
    try {
      const client = createClient();
      expect(client.transport).toBe('electron');
      expect(await client.request('model.info', {})).toEqual(fakeModel);
      expect(calls).toEqual([{}]);
      await expect(client.request('papers.get', { id: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no such paper' });
      // A preload without the dialog functions offers none.
      expect(client.dialogs).toBeNull();
    } finally {
      delete globals.window;
    }
  });

  it('offers the preload\'s native dialogs in Electron (grants back, errors carried), and none over the bridge', async () => {
    const grant = { grant: 'G'.repeat(43), name: '/home/me/Papers', kind: 'folder', access: 'read' };
    const asked: unknown[] = [];
    const preload = {
      'dialog.folder': async (args: unknown) => {
        asked.push(args);
        return grant;
      },
      'dialog.importFiles': async () => ({ grants: [], rejected: [] }),
      'dialog.saveExport': async () => {
        // The preload rejects with a plain wire error, as this fake does.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw { code: 'BAD_REQUEST', message: 'dialog.saveExport: fileName: too long' };
      },
      on: () => () => {},
    } as unknown as PreloadFacetApi;
    const client = electronClient(preload);
    expect(client.dialogs).not.toBeNull();
    expect(await client.dialogs!.open('dialog.folder', { purpose: 'zotero' })).toEqual(grant);
    expect(asked).toEqual([{ purpose: 'zotero' }]);
    await expect(client.dialogs!.open('dialog.saveExport', { format: 'bibtex', fileName: 'x.bib' })).rejects.toMatchObject({ code: 'BAD_REQUEST', name: 'FacetClientError' });
    expect(bridgeClient(null, nodeSocket).dialogs).toBeNull();
  });
});
