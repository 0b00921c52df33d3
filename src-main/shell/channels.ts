/**
 * IPC channel names and the reply envelope shared by the main process and the preload.
 *
 * This module must stay free of runtime imports from the contract: the preload bundles it, and the
 * contract's runtime part pulls in zod. The `Record<RequestName, …>` and `Record<EventName, …>`
 * types make the compiler reject a list that misses or invents a name, and a unit test checks the
 * lists against the contract's REQUEST_NAMES / EVENT_NAMES at run time as well.
 */
import type { EventName, WireError } from '../common/contract.ts';
import type { DialogName, RendererRequestName } from '../common/contract-renderer.ts';

/** One invoke channel per renderer request: `facet:<request name>`. */
export const REQUEST_CHANNELS: Readonly<Record<RendererRequestName, `facet:${RendererRequestName}`>> = {
  'papers.list': 'facet:papers.list',
  'papers.get': 'facet:papers.get',
  'papers.search': 'facet:papers.search',
  'papers.similar': 'facet:papers.similar',
  'import.run': 'facet:import.run',
  'library.stats': 'facet:library.stats',
  'model.info': 'facet:model.info',
  'reading.set': 'facet:reading.set',
  'reading.setMany': 'facet:reading.setMany',
  'reading.get': 'facet:reading.get',
  'reading.list': 'facet:reading.list',
  'reading.tags': 'facet:reading.tags',
  'recommend.forYou': 'facet:recommend.forYou',
  'recommend.notRelevant': 'facet:recommend.notRelevant',
  'recommend.digest': 'facet:recommend.digest',
  'export.run': 'facet:export.run',
  'library.import': 'facet:library.import',
  'library.cancel': 'facet:library.cancel',
  'library.duplicates': 'facet:library.duplicates',
  'library.merge': 'facet:library.merge',
  'library.resolvePending': 'facet:library.resolvePending',
  'library.notDuplicate': 'facet:library.notDuplicate',
  'settings.get': 'facet:settings.get',
  'settings.set': 'facet:settings.set',
  'papers.crossAspect': 'facet:papers.crossAspect',
  'papers.compare': 'facet:papers.compare',
  'papers.delete': 'facet:papers.delete',
  'papers.restore': 'facet:papers.restore',
  'papers.update': 'facet:papers.update',
  'map.get': 'facet:map.get',
  'map.recompute': 'facet:map.recompute',
  'grants.list': 'facet:grants.list',
};

/** One invoke channel per native dialog the page may ask for; each answers with grants. */
export const DIALOG_CHANNELS: Readonly<Record<DialogName, `facet:${DialogName}`>> = {
  'dialog.importFiles': 'facet:dialog.importFiles',
  'dialog.folder': 'facet:dialog.folder',
  'dialog.saveExport': 'facet:dialog.saveExport',
};

/** One push channel per core event: `facet:event:<event name>`. */
export const EVENT_CHANNELS: Readonly<Record<EventName, `facet:event:${EventName}`>> = {
  'import.onDidProgress': 'facet:event:import.onDidProgress',
  'import.onDidFinish': 'facet:event:import.onDidFinish',
  'embed.onDidProgress': 'facet:event:embed.onDidProgress',
  'library.onDidChange': 'facet:event:library.onDidChange',
  'reading.onDidChange': 'facet:event:reading.onDidChange',
  'library.onDidProgress': 'facet:event:library.onDidProgress',
  'library.onDidWaitForWriter': 'facet:event:library.onDidWaitForWriter',
  'settings.onDidChange': 'facet:event:settings.onDidChange',
  'map.onDidProgress': 'facet:event:map.onDidProgress',
};

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
