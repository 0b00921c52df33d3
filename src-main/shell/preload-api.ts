/**
 * What the preload puts on `window.facet`: one named function per renderer request, one per native
 * dialog, and `on(event, cb)` for the contract's events, nothing else (ipcRenderer itself never reaches the page).
 *
 * Requests resolve with the core's result or reject with a plain WireError object {code, message}:
 * an Error would lose its code crossing the context bridge, a plain object is copied whole. The
 * renderer's client turns it back into an error (src-renderer/src/lib/client.ts, toClientError).
 *
 * Imports from the contract are type-only so zod stays out of the preload bundle.
 */
import type { EventListener, EventName, Unsubscribe, WireError } from '../common/contract.ts';
import type { DialogArgs, DialogName, DialogResults, PreloadFacetApi, RendererRequestArgs, RendererRequestName, RendererRequestResults } from '../common/contract-renderer.ts';
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
    throw { code: 'INTERNAL', message: `${name}: the main process sent a malformed reply` } satisfies WireError;
  }
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
  return {
    'papers.list': request(ipc, 'papers.list'),
    'papers.get': request(ipc, 'papers.get'),
    'papers.search': request(ipc, 'papers.search'),
    'papers.similar': request(ipc, 'papers.similar'),
    'import.run': request(ipc, 'import.run'),
    'library.stats': request(ipc, 'library.stats'),
    'model.info': request(ipc, 'model.info'),
    'reading.set': request(ipc, 'reading.set'),
    'reading.setMany': request(ipc, 'reading.setMany'),
    'reading.get': request(ipc, 'reading.get'),
    'reading.list': request(ipc, 'reading.list'),
    'reading.tags': request(ipc, 'reading.tags'),
    'recommend.forYou': request(ipc, 'recommend.forYou'),
    'recommend.notRelevant': request(ipc, 'recommend.notRelevant'),
    'recommend.digest': request(ipc, 'recommend.digest'),
    'export.run': request(ipc, 'export.run'),
    'library.import': request(ipc, 'library.import'),
    'library.cancel': request(ipc, 'library.cancel'),
    'library.duplicates': request(ipc, 'library.duplicates'),
    'library.merge': request(ipc, 'library.merge'),
    'library.resolvePending': request(ipc, 'library.resolvePending'),
    'library.notDuplicate': request(ipc, 'library.notDuplicate'),
    'settings.get': request(ipc, 'settings.get'),
    'settings.set': request(ipc, 'settings.set'),
    'papers.crossAspect': request(ipc, 'papers.crossAspect'),
    'papers.compare': request(ipc, 'papers.compare'),
    'papers.delete': request(ipc, 'papers.delete'),
    'papers.restore': request(ipc, 'papers.restore'),
    'papers.update': request(ipc, 'papers.update'),
    'map.get': request(ipc, 'map.get'),
    'map.recompute': request(ipc, 'map.recompute'),
    'grants.list': request(ipc, 'grants.list'),
    'dialog.importFiles': dialog(ipc, 'dialog.importFiles'),
    'dialog.folder': dialog(ipc, 'dialog.folder'),
    'dialog.saveExport': dialog(ipc, 'dialog.saveExport'),
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
