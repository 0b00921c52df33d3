/**
 * The bridge's wire format (JSON text frames over one WebSocket).
 *
 *   client -> server  { id, method, args }          one request; id is the client's own number
 *   server -> client  { id, result }                the request succeeded
 *                     { id, error: WireError }      the request failed (validation or core error)
 *                     { event, payload }            an event the core pushed
 *
 * The renderer's client (src-renderer/src/lib/client.ts) speaks the same format; it cannot import
 * this module (the renderer imports the contract only), so the two are kept in step by the e2e tests.
 */
import type { EventName, EventPayloads, WireError } from '../../common/contract.ts';

export interface WireRequest {
  id: number;
  method: string;
  args: unknown;
}

export type WireResponse =
  | { id: number; result: unknown }
  | { id: number | null; error: WireError };

export interface WireEvent<E extends EventName = EventName> {
  event: E;
  payload: EventPayloads[E];
}

/** The path the WebSocket endpoint listens on. */
export const BRIDGE_SOCKET_PATH = '/ws';

/**
 * Largest frame the server accepts. The contract caps one pasted/dropped text at 64 MiB; JSON
 * escaping can grow it, so frames may be up to 160 MiB. Bigger frames close the connection
 * with code 1009 (message too big).
 */
export const BRIDGE_MAX_PAYLOAD = 160 * 1024 * 1024;

/**
 * Reads one incoming frame. Returns the request, or a wire error naming what is wrong with it
 * (with the request id when one could be read, so the client can match the failure).
 */
export function decodeRequest(frame: string): WireRequest | { id: number | null; error: WireError } {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch (error) {
    return { id: null, error: { code: 'BAD_REQUEST', message: `request is not valid JSON: ${(error as Error).message}` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: { code: 'BAD_REQUEST', message: 'request must be a JSON object {id, method, args}' } };
  }
  const record = value as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    return { id: null, error: { code: 'BAD_REQUEST', message: 'request id must be an integer' } };
  }
  if (typeof record.method !== 'string') {
    return { id, error: { code: 'BAD_REQUEST', message: 'request method must be a string' } };
  }
  return { id, method: record.method, args: record.args };
}
