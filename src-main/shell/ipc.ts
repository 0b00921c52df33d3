/**
 * Electron IPC for the contract: one invoke channel per renderer request, registered in a single
 * loop over RENDERER_REQUEST_NAMES, one per native dialog, and one push channel per core event,
 * subscribed in a single loop over EVENT_NAMES.
 *
 * Every reply is an IpcReply: requests run through dispatchRequest, which validates arguments
 * with parseRendererRequest (which has no field that takes a path: files come as grants) before a
 * handler runs, and any failure (bad arguments, untrusted sender, core error) comes back as a
 * WireError value; nothing is thrown across IPC.
 */
import { errorDetail, EVENT_NAMES, FacetError } from '../common/contract.ts';
import type { FacetEvents, Unsubscribe } from '../common/contract.ts';
import { DIALOG_NAMES, RENDERER_REQUEST_NAMES, parseDialogArgs, parseRendererRequest } from '../common/contract-renderer.ts';
import { dispatchRequest, type DispatchReply } from '../common/dispatch.ts';
import type { DialogApi, DialogName, RendererHandlers, RendererRequestName } from '../common/contract-renderer.ts';
import { DIALOG_CHANNELS, EVENT_CHANNELS, REQUEST_CHANNELS } from './channels.ts';
import type { IpcReply } from './channels.ts';

/** The part of Electron's IpcMainInvokeEvent the shell reads. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain the shell uses (a fake stands in for it in unit tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type RequestDispatcher = (channel: string, senderUrl: string | null, args: unknown) => Promise<IpcReply>;

const requestByChannel: ReadonlyMap<string, RendererRequestName> = new Map(
  RENDERER_REQUEST_NAMES.map((name) => [REQUEST_CHANNELS[name], name] as const),
);
const dialogByChannel: ReadonlyMap<string, DialogName> = new Map(DIALOG_NAMES.map((name) => [DIALOG_CHANNELS[name], name] as const));

function refusedSender(name: string, senderUrl: string | null): IpcReply {
  return { ok: false, error: { code: 'BAD_REQUEST', message: `${name}: refused a request from a page outside the app (${senderUrl ?? 'no frame'})` } };
}

/**
 * Turns a channel, the sending frame's URL and the raw arguments into a reply.
 * `getHandlers` is called per request so the shell can swap the core (a new data folder) without
 * re-registering; it may throw (no core open yet) and that error is returned like any other.
 */
export function createRequestDispatcher(
  getHandlers: () => RendererHandlers,
  isTrustedSender: (url: string | null) => boolean,
  /** Where an unexpected error (not a FacetError) is written in full; the page gets its wire form only. */
  logError: (message: string) => void = () => undefined,
): RequestDispatcher {
  return async (channel, senderUrl, args) => {
    const name = requestByChannel.get(channel);
    if (name === undefined) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: `unknown IPC channel ${JSON.stringify(channel)}` } };
    }
    if (!isTrustedSender(senderUrl)) return refusedSender(name, senderUrl);
    const reply = await dispatchRequest(parseRendererRequest, getHandlers, name, args);
    if (!reply.ok && !(reply.thrown instanceof FacetError)) {
      logError(`${name} failed: ${errorDetail(reply.thrown)}`);
    }
    return toIpcReply(reply);
  };
}

/** Only the value or the wire error crosses IPC, never the thrown object. */
function toIpcReply(reply: DispatchReply): IpcReply {
  return reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error };
}

/** Like createRequestDispatcher, for the native dialogs: the page asks, the shell shows, grants come back. */
export function createDialogDispatcher(dialogs: DialogApi, isTrustedSender: (url: string | null) => boolean): RequestDispatcher {
  return async (channel, senderUrl, args) => {
    const name = dialogByChannel.get(channel);
    if (name === undefined) return { ok: false, error: { code: 'BAD_REQUEST', message: `unknown IPC channel ${JSON.stringify(channel)}` } };
    if (!isTrustedSender(senderUrl)) return refusedSender(name, senderUrl);
    return toIpcReply(await dispatchRequest((_name, raw) => parseDialogArgs(name, raw), dialogs, name, args));
  };
}

/**
 * Registers one handler per renderer request on `ipcMain`, all in this one loop. Returns a function that
 * removes them again (used when the window closes on macOS and in tests).
 */
export function registerRequestHandlers(ipcMain: IpcMainLike, dispatch: RequestDispatcher): () => void {
  return registerChannels(ipcMain, RENDERER_REQUEST_NAMES.map((name) => REQUEST_CHANNELS[name]), dispatch);
}

export function registerDialogHandlers(ipcMain: IpcMainLike, dispatch: RequestDispatcher): () => void {
  return registerChannels(ipcMain, DIALOG_NAMES.map((name) => DIALOG_CHANNELS[name]), dispatch);
}

function registerChannels(ipcMain: IpcMainLike, channels: readonly string[], dispatch: RequestDispatcher): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, args) => dispatch(channel, event.senderFrame?.url ?? null, args));
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Subscribes to every core event and hands each payload to `send` on that event's channel. */
export function forwardEvents(events: FacetEvents, send: (channel: string, payload: unknown) => void): Unsubscribe {
  const unsubscribers = EVENT_NAMES.map((name) => events.on(name, (payload) => send(EVENT_CHANNELS[name], payload)));
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
