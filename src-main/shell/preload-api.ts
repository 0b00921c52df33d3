/**
 * What the preload puts on `window.facet`: one named function per renderer request, one per native
 * dialog, and `on(event, cb)` for the contract's events, nothing else (ipcRenderer itself never reaches the page).
 *
 * Requests resolve with the core's result or reject with a plain WireError object {code, message}:
 * an Error would lose its code crossing the context bridge, a plain object is copied whole. The
 * renderer's client turns it back into an error (src-renderer/src/lib/client.ts, toClientError).
 *
 * Imports from the contract are type-only so zod stays out of the preload bundle; the names come
 * from the vocabulary, which is plain data.
 */
import type { EventListener, Unsubscribe } from '../common/contract.ts';
import type { DialogArgs, DialogApi, DialogResults, PreloadFacetApi, RendererApi, RendererRequestArgs, RendererRequestResults } from '../common/contract-renderer.ts';
import type { WireError } from '../common/errors.ts';
import { DIALOG_NAMES, RENDERER_REQUEST_NAMES, keyedBy, type DialogName, type EventName, type RendererRequestName } from '../common/vocabulary.ts';
import { DIALOG_CHANNELS, EVENT_CHANNELS, MENU_CHANNEL, MENU_COMMANDS, REQUEST_CHANNELS, isIpcReply, menuDomEventName } from './channels.ts';
import type { MenuCommand } from './channels.ts';

export const PRELOAD_API_KEY = 'facet';

/** The parts of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export type PreloadApi = PreloadFacetApi;

async function invoke(ipc: IpcRendererLike, name: string, channel: string, args: unknown): Promise<unknown> {
  const reply = await ipc.invoke(channel, args);
  if (!isIpcReply(reply)) {
    // The page receives wire errors as plain { code, message } values on every transport.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw { code: 'INTERNAL', message: `${name}: the main process sent a malformed reply` } satisfies WireError;
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (!reply.ok) throw { code: reply.error.code, message: reply.error.message } satisfies WireError;
  return reply.value;
}

function request<N extends RendererRequestName>(ipc: IpcRendererLike, name: N) {
  const channel = REQUEST_CHANNELS[name];
  return async (args: RendererRequestArgs<N>): Promise<RendererRequestResults[N]> => (await invoke(ipc, name, channel, args)) as RendererRequestResults[N];
}

/** A native dialog shown by the main process; resolves with grants, never with a path the page could reuse. */
function dialog<N extends DialogName>(ipc: IpcRendererLike, name: N) {
  const channel = DIALOG_CHANNELS[name];
  return async (args: DialogArgs[N]): Promise<DialogResults[N]> => (await invoke(ipc, name, channel, args)) as DialogResults[N];
}

export function createPreloadApi(ipc: IpcRendererLike): PreloadApi {
  // keyedBy's Record<N, one function type> is each list's mapped API with the name generic widened.
  const requests = keyedBy(RENDERER_REQUEST_NAMES, (name) => request(ipc, name)) as unknown as RendererApi;
  const dialogs = keyedBy(DIALOG_NAMES, (name) => dialog(ipc, name)) as unknown as DialogApi;
  return {
    ...requests,
    ...dialogs,
    on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
      // The page is untrusted input: check both arguments before touching ipcRenderer.
      if (typeof event !== 'string' || !Object.hasOwn(EVENT_CHANNELS, event)) {
        throw new TypeError(`facet.on: unknown event ${JSON.stringify(event)} (expected one of ${Object.keys(EVENT_CHANNELS).join(', ')})`);
      }
      if (typeof listener !== 'function') throw new TypeError(`facet.on(${event}): the listener must be a function`);
      const channel = EVENT_CHANNELS[event];
      // Only the payload is passed on: the IPC event object would hand the page `sender` (ipcRenderer).
      const forward = (_ipcEvent: unknown, payload: unknown) => listener(payload as Parameters<EventListener<E>>[0]);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
  } satisfies PreloadApi;
}

/**
 * Re-dispatches menu commands from the main process as DOM events on `window`, which the page
 * listens to: window.addEventListener('facet:menu:find', () => searchBox.focus()).
 */
export function forwardMenuCommands(ipc: IpcRendererLike, target: { dispatchEvent(event: Event): boolean }): void {
  ipc.on(MENU_CHANNEL, (_ipcEvent, command) => {
    if (typeof command !== 'string' || !(MENU_COMMANDS as readonly string[]).includes(command)) return;
    target.dispatchEvent(new Event(menuDomEventName(command as MenuCommand)));
  });
}

export function exposeFacetApi(contextBridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(PRELOAD_API_KEY, createPreloadApi(ipc));
}
