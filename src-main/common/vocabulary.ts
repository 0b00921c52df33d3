/**
 * The contract's vocabulary as plain data: aspects and their labels, request, dialog and event
 * names, error codes and the enumerations requests take. Written once here; the request schemas
 * (contract.ts and its parts), the Electron channels and preload, and the renderer all read it.
 *
 * This module imports nothing, so the preload and the renderer may import it at run time without
 * pulling the schema library in. contract.ts checks at compile time that its schema keys are
 * exactly these names.
 */

/** "generic" is the overall embedding; every other aspect also has terms found by the tagger. */
export const ASPECTS = ['generic', 'task', 'method', 'dataset'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** The aspect that has vectors but no terms. */
export const GENERIC_ASPECT = 'generic' satisfies Aspect;

/** The aspects of a list that carry terms: every one but the generic. */
export type TermAspectOf<A extends string> = Exclude<A, typeof GENERIC_ASPECT>;
export type TermAspect = TermAspectOf<Aspect>;

/** The term-carrying aspects of `aspects`, in order. */
export function termAspectsOf<const A extends string>(aspects: readonly A[]): TermAspectOf<A>[] {
  return aspects.filter((aspect): aspect is TermAspectOf<A> => aspect !== GENERIC_ASPECT);
}

export const TERM_ASPECTS: readonly TermAspect[] = termAspectsOf(ASPECTS);

/** Labels shown to people; "generic" is the overall embedding. */
export const ASPECT_LABELS = {
  generic: 'Overall',
  task: 'Task',
  method: 'Method',
  dataset: 'Dataset',
} as const satisfies Record<Aspect, string>;

/** Each aspect of a list with its label, in the list's order (the renderer's aspect tabs). */
export function labelledAspects<const A extends string>(aspects: readonly A[], labels: Readonly<Record<A, string>>): { aspect: A; label: string }[] {
  return aspects.map((aspect) => ({ aspect, label: labels[aspect] }));
}

export const SEARCH_MODES = ['keyword', 'semantic', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const LIST_SORTS = ['imported', 'title', 'year'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Where a paper is on the person's reading list; "none" = not on it. */
export const READING_STATUSES = ['none', 'to-read', 'reading', 'read', 'dismissed'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

export const EXPORT_FORMATS = ['bibtex', 'csl-json', 'ris', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How a reading list page is ordered: last change, stars, or the For-you score under `aspect`. */
export const READING_SORTS = ['updated', 'added', 'rating', 'relevance'] as const;
export type ReadingSort = (typeof READING_SORTS)[number];

/** BUSY: another process is writing the library and did not finish within the wait (try again later). */
export const ERROR_CODES = ['BAD_REQUEST', 'NOT_FOUND', 'IMPORT_FAILED', 'MODEL', 'BUSY', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every request the core answers, in the contract's order. */
export const REQUEST_NAMES = [
  'papers.list',
  'papers.get',
  'papers.search',
  'papers.similar',
  'import.run',
  'library.stats',
  'model.info',
  'reading.set',
  'reading.setMany',
  'reading.get',
  'reading.list',
  'reading.tags',
  'recommend.forYou',
  'recommend.notRelevant',
  'recommend.digest',
  'export.run',
  'library.import',
  'library.cancel',
  'library.duplicates',
  'library.merge',
  'library.resolvePending',
  'library.matchTitles',
  'library.notDuplicate',
  'settings.get',
  'settings.set',
  'papers.crossAspect',
  'papers.compare',
  'papers.delete',
  'papers.restore',
  'papers.update',
  'map.get',
  'map.recompute',
] as const;
export type RequestName = (typeof REQUEST_NAMES)[number];

/** Requests only the renderer-facing transports answer (they hold the grants, and can hand a file to the OS). */
export const RENDERER_ONLY_REQUEST_NAMES = ['grants.list', 'papers.openFile'] as const;

/** What the renderer may request: the core's requests (with grants instead of paths) and its own. */
export const RENDERER_REQUEST_NAMES = [...REQUEST_NAMES, ...RENDERER_ONLY_REQUEST_NAMES] as const;
export type RendererRequestName = (typeof RENDERER_REQUEST_NAMES)[number];

/** Native dialogs of the desktop app (Electron only). */
export const DIALOG_NAMES = ['dialog.importFiles', 'dialog.folder', 'dialog.saveExport'] as const;
export type DialogName = (typeof DIALOG_NAMES)[number];

/** Every event the core pushes; names follow `onDid…`. */
export const EVENT_NAMES = [
  'import.onDidProgress',
  'import.onDidFinish',
  'embed.onDidProgress',
  'library.onDidChange',
  'reading.onDidChange',
  'library.onDidProgress',
  'library.onDidWaitForWriter',
  'settings.onDidChange',
  'map.onDidProgress',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** A list's members keyed by themselves, mapped: e.g. channel names from request names. */
export function keyedBy<const K extends string, V>(names: readonly K[], value: (name: K) => V): Readonly<Record<K, V>> {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, value(name)]))) as Record<K, V>;
}
