/**
 * The Content-Security-Policy for the app's pages. The shell sends it as a response header on
 * every app document (protocol handler and session headers), so it holds even if the bundle's
 * own <meta> tag were missing.
 *
 * Scripts come only from the bundle: no inline script, no eval. Styles allow 'unsafe-inline'
 * because Svelte writes style attributes for style: directives; that cannot run code. The page
 * talks to the core through the preload, so it needs no network at all (connect-src 'self').
 */
import type { AppOrigins } from './url-guards.ts';

export function contentSecurityPolicy(origins: AppOrigins): string {
  const self = ["'self'"];
  const dev = origins.devServer;
  // The dev server serves modules over http and pushes hot updates over a WebSocket on the same host.
  const devScript = dev === null ? [] : [dev];
  const devConnect = dev === null ? [] : [dev, dev.replace(/^http:/, 'ws:')];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', [...self, ...devScript]],
    ['style-src', [...self, "'unsafe-inline'", ...devScript]],
    ['img-src', [...self, 'data:', 'blob:']],
    ['font-src', [...self, 'data:']],
    ['connect-src', [...self, ...devConnect]],
    ['worker-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
