/**
 * Who may talk to the bridge. The bridge listens on 127.0.0.1 only, but any local process or any
 * web page open in a local browser can reach that address, so:
 *  - the Host header must name the loopback address and the bridge's port (defeats DNS rebinding);
 *  - a browser's Origin, when present, must be the bridge's own origin (defeats cross-site pages);
 *  - the WebSocket must present the per-run token (defeats everything else on the machine).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const BRIDGE_HOST = '127.0.0.1';

/** 32 random bytes, URL-safe: printed once in the URL the server shows. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Host names the bridge answers to (the browser may be pointed at either). */
function allowedHosts(port: number): Set<string> {
  return new Set([`${BRIDGE_HOST}:${port}`, `localhost:${port}`]);
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).has(hostHeader.toLowerCase());
}

/**
 * Browsers always send Origin on WebSocket handshakes; non-browser clients usually send none and
 * cannot be driven by a foreign page, so a missing Origin is allowed (the token still applies).
 */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  let origin: URL;
  try {
    origin = new URL(originHeader);
  } catch {
    return false;
  }
  return origin.protocol === 'http:' && allowedHosts(port).has(origin.host.toLowerCase());
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function isValidToken(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
