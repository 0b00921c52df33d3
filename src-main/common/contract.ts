/**
 * The one contract between Facet's core and every front end, assembled from its parts.
 *
 * - `requestSchemas` names every request and validates its arguments at each transport boundary
 *   (Electron IPC, the local HTTP/WebSocket bridge and the CLI). Argument types are inferred from it.
 * - `RequestResults` names what each request resolves to.
 * - `EventPayloads` names every event the core pushes; event names follow `onDid…`.
 *
 * Each domain's schemas and types live in their own file (papers, import, reading, library,
 * settings, aspects, map); the names, aspects and enumerations are plain data in vocabulary.ts,
 * and this module checks at compile time that the assembled maps have exactly those names.
 *
 * The core implements `FacetApi` once; the preload exposes an object that `satisfies FacetApi`;
 * the renderer's single client module is typed from it. The renderer imports this module with
 * `import type` only, so zod never reaches the renderer bundle.
 */
import type { z } from 'zod';
import { aspectRequestSchemas, type AspectRequestResults } from './contract-aspects.ts';
import { importRequestSchemas, type ImportEventPayloads, type ImportRequestResults } from './contract-import.ts';
import { libraryInfoSchemas, libraryRequestSchemas, type LibraryEventPayloads, type LibraryRequestResults } from './contract-library.ts';
import { mapRequestSchemas, type MapEventPayloads, type MapRequestResults } from './contract-map.ts';
import { paperEditSchemas, paperQuerySchemas, type PaperRequestResults } from './contract-papers.ts';
import { readingRequestSchemas, type ReadingEventPayloads, type ReadingRequestResults } from './contract-reading.ts';
import { settingsRequestSchemas, type SettingsEventPayloads, type SettingsRequestResults } from './contract-settings.ts';
import { FacetError } from './errors.ts';
import { EVENT_NAMES, type EventName, type RequestName } from './vocabulary.ts';

export * from './vocabulary.ts';
export * from './errors.ts';
export * from './contract-aspects.ts';
export * from './contract-import.ts';
export * from './contract-library.ts';
export * from './contract-map.ts';
export * from './contract-papers.ts';
export * from './contract-reading.ts';
export * from './contract-settings.ts';

/** True when A and B are the same set of names (a compile error below names the drift otherwise). */
export type SameNames<A extends PropertyKey, B extends PropertyKey> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const requestSchemas = {
  ...paperQuerySchemas,
  ...importRequestSchemas,
  ...libraryInfoSchemas,
  ...readingRequestSchemas,
  ...libraryRequestSchemas,
  ...settingsRequestSchemas,
  ...aspectRequestSchemas,
  ...paperEditSchemas,
  ...mapRequestSchemas,
} as const satisfies Record<RequestName, z.ZodType>;

const schemasNameEveryRequest: SameNames<keyof typeof requestSchemas, RequestName> = true;
void schemasNameEveryRequest;

/** Arguments as callers may write them (defaults optional). */
export type RequestArgs<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
/** Arguments after validation, with defaults filled in: what the core receives. */
export type ParsedArgs<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export interface RequestResults
  extends PaperRequestResults,
    ImportRequestResults,
    LibraryRequestResults,
    ReadingRequestResults,
    SettingsRequestResults,
    AspectRequestResults,
    MapRequestResults {}

const resultsNameEveryRequest: SameNames<keyof RequestResults, RequestName> = true;
void resultsNameEveryRequest;

export interface EventPayloads extends ImportEventPayloads, LibraryEventPayloads, ReadingEventPayloads, SettingsEventPayloads, MapEventPayloads {}

const payloadsNameEveryEvent: SameNames<keyof EventPayloads, EventName> = true;
void payloadsNameEveryEvent;

/**
 * What the core implements, one function per request, with plain paths where a request names files
 * (the CLI's view). The renderer sees RendererApi (contract-renderer.ts) instead, which has grants.
 */
export type FacetApi = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<RequestResults[N]>;
};

/** The handler map behind the CLI and the core's own callers: validated arguments in, results out. */
export type FacetHandlers = {
  [N in RequestName]: (args: ParsedArgs<N>) => Promise<RequestResults[N]>;
};

export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;
export type Unsubscribe = () => void;

/** The event side of the contract: subscribe to one named event. */
export interface FacetEvents {
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

/** A failed parse as the BAD_REQUEST every transport reports: the request, then each field and why. */
export function badRequest(name: string, error: z.ZodError): FacetError {
  const detail = error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`).join('; ');
  return new FacetError('BAD_REQUEST', `${name}: ${detail}`);
}

/**
 * Validates one request at a transport boundary. Unknown names and bad arguments become a
 * BAD_REQUEST FacetError whose message names the request and the offending field.
 */
export function parseRequest<N extends RequestName>(name: N, args: unknown): ParsedArgs<N>;
export function parseRequest(name: unknown, args: unknown): ParsedArgs<RequestName>;
export function parseRequest(name: unknown, args: unknown): ParsedArgs<RequestName> {
  if (!isRequestName(name)) {
    throw new FacetError('BAD_REQUEST', `unknown request ${JSON.stringify(name)}`);
  }
  const result = requestSchemas[name].safeParse(args ?? {});
  if (!result.success) throw badRequest(name, result.error);
  return result.data;
}

