/**
 * The local bridge for browser mode: one HTTP server on 127.0.0.1 that serves the built renderer
 * and a WebSocket endpoint speaking the wire format in ./protocol.ts.
 *
 * Every request is validated with the renderer's contract (parseRendererRequest) before it reaches
 * the core, so no request names a path: the page uploads files as text, gets exports back as text
 * to download, and names folders by the grants this bridge issued (`grants`, e.g. for folders given
 * on the serve command line). Bad requests and core failures travel back as WireErrors. Core
 * events are pushed to every client.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { errorDetail, EVENT_NAMES, FacetError, type FacetEvents } from '../../common/contract.ts';
import { parseRendererRequest, type RendererHandlers } from '../../common/contract-renderer.ts';
import { dispatchRequest } from '../../common/dispatch.ts';
import { GrantRegistry } from '../../core/service/grants.ts';
import { rendererHandlers } from '../../core/service/renderer-handlers.ts';
import type { FileOpener } from '../../core/service/paper-file.ts';
import { openWithSystem } from '../system-opener.ts';
import type { CoreHandlers } from '../../core/types.ts';
import { BRIDGE_HOST, createToken, isAllowedHost, isAllowedOrigin, isValidToken } from './access.ts';
import { BRIDGE_MAX_PAYLOAD, BRIDGE_SOCKET_PATH, decodeRequest, type WireEvent, type WireResponse } from './protocol.ts';
import { applySecurityHeaders, securityHeaderLines } from './security-headers.ts';
import { serveStatic } from './static-files.ts';

/** The part of an opened core the bridge needs (FacetCore from core/service.ts fits). */
export interface BridgeCore {
  handlers: CoreHandlers;
  events: FacetEvents;
}

export interface BridgeOptions {
  core: BridgeCore;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Folder with the built renderer (index.html); null serves no pages (the WebSocket still works). */
  staticDir: string | null;
  /** Defaults to a fresh random token; tests may pass their own. */
  token?: string;
  /** Where unexpected core failures are reported besides the client; defaults to console.error. */
  logError?: (message: string) => void;
  /** The grants the page may use; defaults to an empty registry (then it can only upload and download). */
  grants?: GrantRegistry;
  /** How a paper's PDF is handed to the system viewer (papers.openFile); defaults to the OS's open command. */
  openFile?: FileOpener;
}

export interface Bridge {
  port: number;
  token: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The address to open in a browser: the origin with the token in the fragment (never sent in HTTP requests). */
  url: string;
  /** ws://127.0.0.1:PORT/ws?token=… */
  socketUrl: string;
  /** Issues the grants the page can use (folders named on the serve command line). */
  grants: GrantRegistry;
  /** Closes every connection and the listening socket. Calling it again returns the same promise. */
  close(): Promise<void>;
}

/** Answers on a raw socket (a refused upgrade, an unparsable request) and closes it. */
function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const statusText = http.STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Cache-Control: no-store\r\n${securityHeaderLines()}` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

function sendJson(socket: WebSocket, message: WireResponse | WireEvent): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.send(JSON.stringify(message));
}

/** Validates and runs one request; resolves with the wire response (never rejects). */
async function dispatch(handlers: RendererHandlers, frame: string, logError: (message: string) => void): Promise<WireResponse> {
  const request = decodeRequest(frame);
  if ('error' in request) return request;
  const reply = await dispatchRequest(parseRendererRequest, handlers, request.method, request.args);
  if (reply.ok) return { id: request.id, result: reply.value ?? null };
  const { thrown } = reply;
  if (!(thrown instanceof FacetError)) {
    logError(`bridge: ${request.method} failed: ${errorDetail(thrown)}`);
  }
  return { id: request.id, error: reply.error };
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { core, staticDir } = options;
  const token = options.token ?? createToken();
  const logError = options.logError ?? ((message: string) => console.error(message));
  const grants = options.grants ?? new GrantRegistry();
  const handlers = rendererHandlers(core.handlers, grants, options.openFile ?? openWithSystem);
  let port = 0;

  const server = http.createServer((req, res) => {
    applySecurityHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('forbidden host');
      return;
    }
    if (staticDir === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('not found');
      return;
    }
    serveStatic(staticDir, req, res);
  });

  // A request Node cannot parse gets its answer here rather than Node's bare default, so it too
  // carries the security headers.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    rejectUpgrade(socket, status, 'bad request');
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_PAYLOAD });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== BRIDGE_SOCKET_PATH) return rejectUpgrade(socket, 404, 'not found');
    if (!isAllowedHost(req.headers.host, port)) return rejectUpgrade(socket, 403, 'forbidden host');
    if (!isAllowedOrigin(req.headers.origin, port)) return rejectUpgrade(socket, 403, 'forbidden origin');
    if (!isValidToken(url.searchParams.get('token'), token)) return rejectUpgrade(socket, 401, 'missing or wrong token');
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribes = EVENT_NAMES.map((event) =>
      core.events.on(event, (payload) => sendJson(ws, { event, payload })),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        sendJson(ws, { id: null, error: { code: 'BAD_REQUEST', message: 'binary frames are not accepted; send JSON text' } });
        return;
      }
      const frame = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      void dispatch(handlers, frame, logError).then((response) => sendJson(ws, response));
    });
    ws.on('close', () => unsubscribes.forEach((unsubscribe) => unsubscribe()));
    ws.on('error', (error) => logError(`bridge: socket error: ${error.message}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, BRIDGE_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${BRIDGE_HOST}:${port}`;
  let closing: Promise<void> | null = null;
  const closeAll = async () => {
    for (const client of sockets.clients) client.terminate();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };

  return {
    port,
    token,
    origin,
    url: `${origin}/#token=${token}`,
    socketUrl: `ws://${BRIDGE_HOST}:${port}${BRIDGE_SOCKET_PATH}?token=${encodeURIComponent(token)}`,
    grants,
    close() {
      closing ??= closeAll();
      return closing;
    },
  };
}
