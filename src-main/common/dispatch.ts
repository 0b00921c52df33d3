/**
 * The one way a transport runs a request: parse the name and arguments with a contract, then call
 * that request's handler with the parsed arguments. Electron IPC and the HTTP/WebSocket bridge
 * parse with the renderer's contract (grants, no paths), the CLI with the core's.
 *
 * Promise: dispatchRequest never rejects. A failure (unknown name, bad arguments, a handler map
 * that cannot be had, a handler's error) comes back as the contract's WireError, with the thrown
 * value beside it for callers that log unexpected errors or rethrow.
 */
import { parseRequest, type FacetHandlers, type RequestArgs, type RequestName, type RequestResults } from './contract.ts';
import { FacetError, type WireError } from './errors.ts';

/** Validates a request and returns the arguments its handler takes; throws a BAD_REQUEST FacetError otherwise. */
export type RequestParser = (name: unknown, args: unknown) => unknown;

/** Any contract's handler map: one function per request name, taking that request's parsed arguments. */
export type HandlerMap = { readonly [name: string]: (args: never) => Promise<unknown> };

export type DispatchReply = { ok: true; value: unknown } | { ok: false; error: WireError; thrown: unknown };

/**
 * Parses `name` and `args` with `parse`, then calls `handlers[name]`. `handlers` may be a getter,
 * called only after the arguments are valid, so a transport can swap the core behind it; what the
 * getter throws is answered like any other error.
 */
export async function dispatchRequest(parse: RequestParser, handlers: HandlerMap | (() => HandlerMap), name: unknown, args: unknown): Promise<DispatchReply> {
  try {
    const parsed = parse(name, args);
    const map = typeof handlers === 'function' ? handlers() : handlers;
    const handler = map[name as string] as (validArgs: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed) };
  } catch (error) {
    return { ok: false, error: FacetError.toWire(error), thrown: error };
  }
}

/** dispatchRequest with the core's contract, for in-process callers (the CLI): resolves with the result or rethrows what failed. */
export async function callRequest<N extends RequestName>(handlers: FacetHandlers, name: N, args: RequestArgs<N>): Promise<RequestResults[N]> {
  const reply = await dispatchRequest(parseRequest, handlers, name, args);
  if (!reply.ok) throw reply.thrown;
  return reply.value as RequestResults[N];
}
