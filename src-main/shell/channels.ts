/**
 * IPC channel names and the reply envelope shared by the main process and the preload.
 *
 * The channels are built from the contract's vocabulary (common/vocabulary.ts), which is plain
 * data: this module must stay free of runtime imports from the contract itself, because the
 * preload bundles it and the contract's runtime part pulls in zod.
 */
import type { WireError } from '../common/errors.ts';
import { DIALOG_NAMES, EVENT_NAMES, RENDERER_REQUEST_NAMES, keyedBy, type DialogName, type EventName, type RendererRequestName } from '../common/vocabulary.ts';

/** One invoke channel per renderer request: `facet:<request name>`. */
export const REQUEST_CHANNELS = keyedBy(RENDERER_REQUEST_NAMES, (name): `facet:${RendererRequestName}` => `facet:${name}`);

/** One invoke channel per native dialog the page may ask for; each answers with grants. */
export const DIALOG_CHANNELS = keyedBy(DIALOG_NAMES, (name): `facet:${DialogName}` => `facet:${name}`);

/** One push channel per core event: `facet:event:<event name>`. */
export const EVENT_CHANNELS = keyedBy(EVENT_NAMES, (name): `facet:event:${EventName}` => `facet:event:${name}`);

/**
 * Menu commands the main process hands to the page (Find focuses the page's search box). The
 * preload re-dispatches each as a plain DOM event on `window` named `facet:menu:<command>`, so the
 * page gets it without the preload exposing another function, and no object has to cross worlds.
 */
export const MENU_CHANNEL = 'facet:menu';
export const MENU_COMMANDS = ['find'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function menuDomEventName(command: MenuCommand): `facet:menu:${MenuCommand}` {
  return `facet:menu:${command}`;
}

/**
 * What every request channel resolves with. Errors travel as data because Electron flattens a
 * thrown error into a message string (losing its code) when it crosses IPC and the context bridge.
 */
export type IpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError };

export function isIpcReply(value: unknown): value is IpcReply {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'value' in record;
  if (record.ok !== false) return false;
  const error = record.error as Record<string, unknown> | null | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}
