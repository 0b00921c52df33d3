/**
 * The only module in the renderer that talks to a transport.
 *
 * - In Electron the preload exposes `window.facet` (FacetApi & FacetEvents); requests go straight to it.
 * - In browser mode there is no preload; requests travel over the local bridge's WebSocket
 *   (same origin, path /ws) with the per-run token the server printed in the URL fragment (#token=…).
 *
 * Both transports reject with a FacetClientError carrying the core's error code and message, so
 * the UI can show what went wrong. Types come from the contract (`import type` only: no zod here); plain data from its vocabulary.
 *
 * No request names a file-system path (contract-renderer.ts). In Electron, files and folders come
 * from the shell's native dialogs as grants (`dialogs`); in browser mode there are no dialogs
 * (`dialogs` is null): files are uploaded as text and exports come back as text to download.
 */
import type { ErrorCode, EventName, EventPayloads, Unsubscribe, WireError } from '../../../src-main/common/contract.ts';
import { ERROR_CODES } from '../../../src-main/common/vocabulary.ts';
import type {
  DialogApi,
  DialogArgs,
  DialogName,
  DialogResults,
  PreloadFacetApi,
  RendererRequestArgs,
  RendererRequestName,
  RendererRequestResults,
} from '../../../src-main/common/contract-renderer.ts';

/** `DISCONNECTED`: the bridge's socket could not be opened or closed mid-request. */
export type ClientErrorCode = ErrorCode | 'DISCONNECTED';

export class FacetClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FacetClientError';
  }
}

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface FacetClient {
  readonly transport: 'electron' | 'bridge';
  request<N extends RendererRequestName>(name: N, args: RendererRequestArgs<N>): Promise<RendererRequestResults[N]>;
  /** The desktop app's native dialogs, answering with grants; null in browser mode. */
  readonly dialogs: ClientDialogs | null;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe;
  /** Connection changes of the bridge transport (Electron's preload is always connected). */
  onStatus(listener: (status: ConnectionStatus, detail: string | null) => void): Unsubscribe;
}

/** Shows one native dialog; rejects with a FacetClientError like requests do. */
export interface ClientDialogs {
  open<N extends DialogName>(name: N, args: DialogArgs[N]): Promise<DialogResults[N]>;
}

/** Any rejection (wire error object, Error from IPC, string) as a FacetClientError. */
export function toClientError(error: unknown): FacetClientError {
  if (error instanceof FacetClientError) return error;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as Partial<WireError> & { message?: unknown };
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) && typeof message === 'string') {
      return new FacetClientError(code, message);
    }
    if (typeof message === 'string') return new FacetClientError('INTERNAL', message);
  }
  return new FacetClientError('INTERNAL', String(error));
}

type PreloadApi = PreloadFacetApi;

function preloadApi(): PreloadApi | null {
  const candidate = (window as unknown as { facet?: PreloadApi }).facet;
  return candidate && typeof candidate.on === 'function' ? candidate : null;
}

function hasDialogs(api: Partial<DialogApi>): api is DialogApi {
  return typeof api['dialog.importFiles'] === 'function' && typeof api['dialog.folder'] === 'function' && typeof api['dialog.saveExport'] === 'function';
}

/** Exported for tests; the app uses createClient(). */
export function electronClient(api: PreloadApi): FacetClient {
  const dialogs: ClientDialogs | null = hasDialogs(api)
    ? {
        async open(name, args) {
          const show = api[name] as (args: unknown) => Promise<never>;
          try {
            return await show(args);
          } catch (error) {
            throw toClientError(error);
          }
        },
      }
    : null;
  return {
    transport: 'electron',
    dialogs,
    async request(name, args) {
      const call = api[name] as (args: unknown) => Promise<never>;
      try {
        return await call(args);
      } catch (error) {
        throw toClientError(error);
      }
    },
    on(event, listener) {
      return api.on(event, listener);
    },
    onStatus(listener) {
      listener('connected', null);
      return () => {};
    },
  };
}

/** The token the bridge printed: http://127.0.0.1:PORT/#token=… */
export function tokenFromLocation(location: Pick<Location, 'hash' | 'search'>): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return fromHash ?? new URLSearchParams(location.search).get('token');
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: FacetClientError) => void;
}

/** Exported for tests; the app uses createClient(). */
export function bridgeClient(socketUrl: string | null, createSocket: (url: string) => WebSocket = (url) => new WebSocket(url)): FacetClient {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus, detail: string | null) => void>();
  let socket: Promise<WebSocket> | null = null;
  let nextId = 1;

  const setStatus = (status: ConnectionStatus, detail: string | null) => statusListeners.forEach((listener) => listener(status, detail));

  function failAll(error: FacetClientError): void {
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: { id?: number | null; result?: unknown; error?: WireError; event?: EventName; payload?: unknown };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      console.error('facet: the bridge sent a frame that is not JSON');
      return;
    }
    if (message.event !== undefined) {
      for (const listener of listeners.get(message.event) ?? []) (listener as (payload: unknown) => void)(message.payload);
      return;
    }
    if (message.id === null || message.id === undefined) {
      // An error the server could not tie to a request: our own frames are well formed, so this is a bug.
      console.error('facet: bridge error without request id', message.error);
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.error) entry.reject(toClientError(message.error));
    else entry.resolve(message.result);
  }

  function open(): Promise<WebSocket> {
    if (socketUrl === null) {
      const detail = 'No access token in this address. Open the exact address that "npm start" printed in its terminal (it ends with #token=…).';
      setStatus('disconnected', detail);
      return Promise.reject(new FacetClientError('DISCONNECTED', detail));
    }
    const url = socketUrl;
    setStatus('connecting', null);
    return new Promise((resolve, reject) => {
      const ws = createSocket(url);
      let opened = false;
      ws.onopen = () => {
        opened = true;
        setStatus('connected', null);
        resolve(ws);
      };
      ws.onmessage = (event) => onMessage(event.data);
      // A close event always follows an error and reports it (browsers give no detail on errors).
      ws.onerror = () => {};
      ws.onclose = (event) => {
        socket = null;
        const detail = opened
          ? `The connection to the Facet server closed (code ${event.code}). Is "npm start" still running?`
          : 'Could not connect to the Facet server. Is "npm start" running, and is this the address it printed (with its token)?';
        const error = new FacetClientError('DISCONNECTED', detail);
        failAll(error);
        setStatus('disconnected', detail);
        if (!opened) reject(error);
      };
    });
  }

  function connection(): Promise<WebSocket> {
    socket ??= open().catch((error: unknown) => {
      socket = null;
      throw error;
    });
    return socket;
  }

  return {
    transport: 'bridge',
    dialogs: null,
    async request(name, args) {
      const ws = await connection();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method: name, args }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      // Events only flow over an open socket; subscribing opens it.
      void connection().catch(() => {});
      return () => set.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}

/** Picks the transport: the Electron preload when present, otherwise the bridge of this page's origin. */
export function createClient(): FacetClient {
  const api = preloadApi();
  if (api) return electronClient(api);
  const token = tokenFromLocation(window.location);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socketUrl = token === null ? null : `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  return bridgeClient(socketUrl);
}
