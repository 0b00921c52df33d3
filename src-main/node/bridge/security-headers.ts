/**
 * Headers every bridge HTTP response carries, pages and errors alike (a 403 for a foreign Host, a
 * 404, a refused WebSocket upgrade): the browser must never sniff a response into script or HTML,
 * frame it, or let it load anything from elsewhere, whatever the status.
 */

/**
 * The renderer's policy, also in its own meta tag; the header adds what a meta tag cannot carry
 * (frame-ancestors) and covers responses that are not the page.
 */
export const BRIDGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': BRIDGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Sets SECURITY_HEADERS on a response before anything is written (writeHead adds its own). */
export function applySecurityHeaders(res: { setHeader(name: string, value: string): unknown }): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** The same headers as raw HTTP/1.1 header lines, for responses written straight to a socket. */
export function securityHeaderLines(): string {
  return Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
}
