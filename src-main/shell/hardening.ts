/**
 * Wires the URL guards and the CSP to Electron (security checklist): every web contents gets
 * navigation, redirect, window.open and <webview> guards; the session cancels non-local loads,
 * stamps the CSP on app documents and denies permission requests (see isPermissionAllowed).
 *
 * Written against the small interfaces below rather than Electron's types so unit tests can drive
 * it with fakes; Electron's real objects satisfy them.
 */
import { contentSecurityPolicy } from './csp.ts';
import { decideNavigation, decideWindowOpen, isAllowedRequest, isAppUrl } from './url-guards.ts';
import type { AppOrigins } from './url-guards.ts';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface GuardedWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface GuardedSession {
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

export interface HardeningHooks {
  /** Hands a vetted http(s) URL to the OS browser (shell.openExternal). */
  openExternal(url: string): void;
  /** Records a refused navigation, load or permission (main.ts logs it to stderr). */
  log(message: string): void;
}

/** Guards one web contents; main.ts calls it from app 'web-contents-created' for every one. */
export function guardWebContents(contents: GuardedWebContents, origins: AppOrigins, hooks: HardeningHooks): void {
  const onNavigate = (kind: string) => (event: NavigationEvent) => {
    const decision = decideNavigation(event.url, origins);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.openExternally !== null) hooks.openExternal(decision.openExternally);
    else hooks.log(`refused ${kind} to ${event.url}`);
  };
  contents.on('will-navigate', onNavigate('navigation'));
  contents.on('will-redirect', onNavigate('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally !== null) hooks.openExternal(decision.openExternally);
    else hooks.log(`refused to open a window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    hooks.log('refused to attach a <webview>');
  });
}

/**
 * Permissions: all denied, except writing plain text to the clipboard from the app's own pages
 * (a "copy citation" button needs it, and it reveals nothing to the page).
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, origins: AppOrigins): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, origins);
}

/** Session-wide guards: local loads only, CSP on app responses, no permissions. */
export function guardSession(session: GuardedSession, origins: AppOrigins, hooks: HardeningHooks): void {
  const csp = contentSecurityPolicy(origins);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, origins);
    if (!allowed) hooks.log(`blocked a load of ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, origins)) {
      callback({});
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, origins);
    if (!allowed) hooks.log(`denied a permission request: ${permission}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, origins));
}
