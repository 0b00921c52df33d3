// Every HTTP answer of the bridge, errors included, carries nosniff and the CSP (and the rest of
// SECURITY_HEADERS): pages, 404s, 405s, a foreign Host's 403, a missing renderer's 503, refused
// WebSocket upgrades and requests Node cannot parse.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../src-main/node/bridge/index.ts';
import { BRIDGE_CSP, SECURITY_HEADERS } from '../../../src-main/node/bridge/security-headers.ts';
import { createFakeCore } from './fake-core.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
}

function request(port: number, options: http.RequestOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, ...options }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string> }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string> });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends raw bytes and parses the status line and headers of what comes back. */
function raw(port: number, bytes: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
  });
}

function expectSecured(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(answer.headers[name.toLowerCase()], `${name} on ${status}`).toBe(value);
  expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
}

describe('bridge security headers', () => {
  let tempDir: string;
  let staticDir: string;
  let bridge: Bridge;
  let bare: Bridge;

  beforeEach(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-bridge-headers-'));
    staticDir = path.join(tempDir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Facet</title>');
    bridge = await startBridge({ core: createFakeCore(), staticDir, logError: () => {} });
    bare = await startBridge({ core: createFakeCore(), staticDir: null, logError: () => {} });
  });

  afterEach(async () => {
    await bridge.close();
    await bare.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('the page and its 404 / 405 answers', async () => {
    expectSecured(await request(bridge.port, { path: '/' }), 200);
    expectSecured(await request(bridge.port, { path: '/missing.js' }), 404);
    expectSecured(await request(bridge.port, { path: '/%2e%2e/outside.txt' }), 404);
    expectSecured(await request(bridge.port, { path: '/', method: 'POST' }), 405);
    expect(BRIDGE_CSP).toContain("frame-ancestors 'none'");
  });

  it('a foreign Host (DNS rebinding) is refused with the headers', async () => {
    expectSecured(await request(bridge.port, { path: '/', headers: { Host: `evil.example:${bridge.port}` } }), 403);
  });

  it('a bridge without pages, and a renderer that is not built', async () => {
    expectSecured(await request(bare.port, { path: '/' }), 404);
    fs.rmSync(path.join(staticDir, 'index.html'));
    expectSecured(await request(bridge.port, { path: '/' }), 503);
  });

  it('refused WebSocket upgrades: wrong path, foreign origin, missing token', async () => {
    const upgrade = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    expectSecured(await request(bridge.port, { path: `/other?token=${bridge.token}`, headers: upgrade }), 404);
    expectSecured(await request(bridge.port, { path: `/ws?token=${bridge.token}`, headers: { ...upgrade, Origin: 'http://evil.example' } }), 403);
    expectSecured(await request(bridge.port, { path: '/ws', headers: upgrade }), 401);
  });

  it('a request Node cannot parse gets a 400 with the headers', async () => {
    expectSecured(await raw(bridge.port, 'NOT HTTP AT ALL\r\n\r\n'), 400);
  });
});
