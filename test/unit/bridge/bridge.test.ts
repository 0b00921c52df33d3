import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, type Bridge } from '../../../src-main/node/bridge/index.ts';
import { createFakeCore, type FakeCore } from './fake-core.ts';

type Message = Record<string, unknown>;

/** Opens a socket and collects every message it receives. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: Message[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: Message[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Message));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function reply(messages: Message[], id: number): Promise<Message> {
  return waitFor(() => messages.find((message) => message.id === id), `reply ${id}`);
}

describe('bridge', () => {
  let core: FakeCore;
  let bridge: Bridge;
  let tempDir: string;
  let staticDir: string;

  beforeEach(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-bridge-'));
    staticDir = path.join(tempDir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Facet</title>');
    fs.writeFileSync(path.join(tempDir, 'outside.txt'), 'secret');
    core = createFakeCore();
    bridge = await startBridge({ core, staticDir, logError: () => {} });
  });

  afterEach(async () => {
    await bridge.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, on a free port, with a long random token in the URL fragment', () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.token.length).toBeGreaterThanOrEqual(40);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
  });

  it('is not reachable through a non-loopback interface address', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal);
    if (!external) {
      console.warn('skipped: this machine has no non-loopback IPv4 address to probe');
      return;
    }
    await expect(fetch(`http://${external.address}:${bridge.port}/`)).rejects.toThrow();
  });

  it('uses a fresh token per run', async () => {
    const other = await startBridge({ core, staticDir: null });
    try {
      expect(other.token).not.toBe(bridge.token);
      expect(other.port).not.toBe(bridge.port);
    } finally {
      await other.close();
    }
  });

  it('serves the renderer and refuses paths outside it and foreign Host headers', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<title>Facet</title>');

    const escape = await fetch(`${bridge.origin}/..%2foutside.txt`);
    expect(escape.status).toBe(404);

    const rebinding = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: bridge.port, path: '/', headers: { Host: `evil.example:${bridge.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(rebinding).toBe(403);
  });

  it('rejects WebSocket connections without the token, with a wrong token, or from a foreign origin or host', async () => {
    const bare = `ws://127.0.0.1:${bridge.port}/ws`;
    await expect(connect(bare)).rejects.toThrow('HTTP 401');
    await expect(connect(`${bare}?token=${'x'.repeat(bridge.token.length)}`)).rejects.toThrow('HTTP 401');
    await expect(connect(`${bare}?token=short`)).rejects.toThrow('HTTP 401');
    await expect(connect(bridge.socketUrl, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(bridge.socketUrl, { Origin: `https://127.0.0.1:${bridge.port}` })).rejects.toThrow('HTTP 403');
    await expect(connect(bridge.socketUrl, { Host: `evil.example:${bridge.port}` })).rejects.toThrow('HTTP 403');
    await expect(connect(`ws://127.0.0.1:${bridge.port}/other?token=${bridge.token}`)).rejects.toThrow('HTTP 404');
    expect(core.calls).toEqual([]);
  });

  it('accepts its own origin with the token and answers requests with validated arguments', async () => {
    const { ws, messages } = await connect(bridge.socketUrl, { Origin: bridge.origin });
    ws.send(JSON.stringify({ id: 1, method: 'papers.list', args: { offset: 1 } }));
    const response = await reply(messages, 1);
    expect(response).toEqual({ id: 1, result: { total: 3, offset: 1, items: expect.any(Array) } });
    // Defaults were filled in by the contract's schema before the core saw the arguments.
    expect(core.calls).toEqual([{ method: 'papers.list', args: { offset: 1, limit: 100, sort: 'imported' } }]);
    ws.close();
  });

  it('answers bad requests with BAD_REQUEST naming the problem, without calling the core', async () => {
    const { ws, messages } = await connect(bridge.socketUrl);
    ws.send(JSON.stringify({ id: 2, method: 'papers.explode', args: {} }));
    ws.send(JSON.stringify({ id: 3, method: 'papers.list', args: { limit: 0 } }));
    ws.send(JSON.stringify({ id: 4, method: 'papers.search', args: { query: '' } }));
    ws.send('{not json');
    ws.send(JSON.stringify({ method: 'model.info' }));
    const unknown = await reply(messages, 2);
    expect(unknown.error).toEqual({ code: 'BAD_REQUEST', message: 'unknown request "papers.explode"' });
    const badLimit = await reply(messages, 3);
    expect(badLimit.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('papers.list: limit') });
    const emptyQuery = await reply(messages, 4);
    expect(emptyQuery.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('query') });
    const anonymous = await waitFor(() => {
      const found = messages.filter((message) => message.id === null);
      return found.length === 2 ? found : undefined;
    }, 'two id-less errors');
    expect(anonymous.map((message) => (message.error as { message: string }).message)).toEqual([
      expect.stringContaining('not valid JSON'),
      'request id must be an integer',
    ]);
    expect(core.calls).toEqual([]);
    ws.close();
  });

  it('carries core errors back: FacetErrors keep their code, other errors become INTERNAL with their message', async () => {
    const logged: string[] = [];
    const logging = await startBridge({ core, staticDir: null, logError: (line) => logged.push(line) });
    try {
      const { ws, messages } = await connect(logging.socketUrl);
      ws.send(JSON.stringify({ id: 5, method: 'papers.get', args: { id: 'nope' } }));
      ws.send(JSON.stringify({ id: 6, method: 'papers.similar', args: { id: 'p1', aspect: 'task' } }));
      expect((await reply(messages, 5)).error).toEqual({ code: 'NOT_FOUND', message: 'no paper with id nope' });
      expect((await reply(messages, 6)).error).toEqual({ code: 'INTERNAL', message: 'vector index exploded' });
      expect(logged.join('\n')).toContain('papers.similar failed');
      ws.close();
    } finally {
      await logging.close();
    }
  });

  it('pushes core events to every connected client and unsubscribes when a client leaves', async () => {
    const first = await connect(bridge.socketUrl);
    const second = await connect(bridge.socketUrl);
    core.emit('import.onDidProgress', { importId: 'i1', source: 'a.txt', phase: 'parse', done: 3, total: null });
    const expected = { event: 'import.onDidProgress', payload: { importId: 'i1', source: 'a.txt', phase: 'parse', done: 3, total: null } };
    expect(await waitFor(() => first.messages.find((m) => m.event), 'event on first')).toEqual(expected);
    expect(await waitFor(() => second.messages.find((m) => m.event), 'event on second')).toEqual(expected);
    const before = core.listenerCount();
    first.ws.close();
    await waitFor(() => (core.listenerCount() < before ? true : undefined), 'listeners to be removed');
    expect(core.listenerCount()).toBe(before / 2);
    second.ws.close();
  });

  it('accepts a 50 MB text import in one frame', async () => {
    const { ws, messages } = await connect(bridge.socketUrl);
    const text = 'a'.repeat(50 * 1024 * 1024);
    ws.send(JSON.stringify({ id: 7, method: 'import.run', args: { sources: [{ kind: 'text', name: 'big.txt', text }] } }));
    const response = await reply(messages, 7);
    expect(response.result).toMatchObject({ sources: ['big.txt'] });
    const received = core.calls[0]?.args as { sources: { text: string }[] };
    expect(received.sources[0]?.text.length).toBe(text.length);
    ws.close();
  });
});
