/**
 * Decisions about URLs: which pages count as the app, where navigation may go, which links open
 * in the OS browser, which loads the session lets through and which IPC senders are trusted.
 * Pure functions; hardening.ts wires them to Electron.
 *
 * The app is served from the privileged custom scheme `facet://app/` (never file://), or, while
 * developing, from electron-vite's dev server on localhost.
 */

export const APP_SCHEME = 'facet';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface AppOrigins {
  /** Always APP_ORIGIN in a built app. */
  app: string;
  /** The dev server origin (http://localhost:PORT) while running `electron-vite dev`, else null. */
  devServer: string | null;
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The dev server origin from ELECTRON_RENDERER_URL, accepted only when it is plain http on a
 * loopback host, so a stray environment variable cannot point the window at the network.
 */
export function devServerOrigin(rendererUrl: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || rendererUrl === undefined || rendererUrl === '') return null;
  const parsed = parseUrl(rendererUrl);
  if (parsed === null || parsed.protocol !== 'http:') return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return null;
  return parsed.origin;
}

function originOf(parsed: URL): string {
  // WHATWG URL reports "null" as the origin of non-special schemes such as facet:, so build it.
  return `${parsed.protocol}//${parsed.host}`;
}

/** True for a page of the app itself (the bundle, or the dev server while developing). */
export function isAppUrl(url: string | null | undefined, origins: AppOrigins): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parseUrl(url);
  if (parsed === null || parsed.username !== '' || parsed.password !== '') return false;
  const origin = originOf(parsed);
  return origin === origins.app || (origins.devServer !== null && origin === origins.devServer);
}

/** Only web links with a host and no embedded credentials are handed to the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return false;
  return true;
}

export type NavigationDecision =
  | { action: 'allow' }
  /** Blocked in the window; `openExternally` is the URL to hand to the OS browser, or null to drop it. */
  | { action: 'deny'; openExternally: string | null };

/**
 * will-navigate / will-redirect: the window stays on the app. Web links go to the OS browser;
 * everything else (file:// from a dropped file, javascript:, custom schemes) is refused.
 */
export function decideNavigation(url: string, origins: AppOrigins): NavigationDecision {
  if (isAppUrl(url, origins)) return { action: 'allow' };
  return { action: 'deny', openExternally: isSafeExternalUrl(url) ? url : null };
}

/** window.open and target=_blank never create a window; web links open in the OS browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) ? url : null };
}

/**
 * session.webRequest: only local loads pass. That is the app bundle, data: and blob: URLs made by
 * the app, DevTools' own pages, and (when developing) the dev server over http and its HMR
 * WebSocket. Anything else — the network, file://, other schemes — is cancelled.
 */
export function isAllowedRequest(url: string, origins: AppOrigins): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return isAppUrl(url, origins);
    case 'data:':
    case 'devtools:':
      return true;
    case 'blob:':
      return isAppUrl(parsed.pathname, origins);
    case 'http:':
      return isAppUrl(url, origins);
    case 'ws:': {
      if (origins.devServer === null) return false;
      const dev = new URL(origins.devServer);
      return parsed.host === dev.host;
    }
    default:
      return false;
  }
}

/** IPC requests are served only to the app's own top-level pages. */
export function isTrustedSender(senderUrl: string | null, origins: AppOrigins): boolean {
  return isAppUrl(senderUrl, origins);
}
