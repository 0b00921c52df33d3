import { describe, expect, it } from 'vitest';
import { guardSession, guardWebContents, isPermissionAllowed } from '../../../src-main/shell/hardening.ts';
import type { GuardedSession, GuardedWebContents, NavigationEvent, PreventableEvent } from '../../../src-main/shell/hardening.ts';
import { APP_ORIGIN } from '../../../src-main/shell/url-guards.ts';
import type { AppOrigins } from '../../../src-main/shell/url-guards.ts';
import { hardenedWebPreferences } from '../../../src-main/shell/web-preferences.ts';

const origins: AppOrigins = { app: APP_ORIGIN, devServer: null };

function recorder() {
  const opened: string[] = [];
  const logged: string[] = [];
  return { opened, logged, hooks: { openExternal: (url: string) => opened.push(url), log: (message: string) => logged.push(message) } };
}

class FakeWebContents implements GuardedWebContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' } | { action: 'allow' }) | null = null;
  readonly listeners = new Map<string, (event: never) => void>();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void {
    this.windowOpenHandler = handler;
  }
  on(event: string, listener: (event: never) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    const event: NavigationEvent = { url, preventDefault: () => (prevented = true) };
    (this.listeners.get(kind) as (event: NavigationEvent) => void)(event);
    return prevented;
  }
}

describe('guardWebContents', () => {
  it('keeps navigation inside the app and opens web links in the OS browser', () => {
    const contents = new FakeWebContents();
    const { opened, logged, hooks } = recorder();
    guardWebContents(contents, origins, hooks);
    expect(contents.navigate('will-navigate', 'facet://app/index.html')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://arxiv.org/abs/1')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://example.com/r')).toBe(true);
    expect(opened).toEqual(['https://arxiv.org/abs/1', 'https://example.com/r']);
    expect(logged).toEqual([]);
  });

  it('blocks the navigation a dropped file causes, without opening anything', () => {
    const contents = new FakeWebContents();
    const { opened, logged, hooks } = recorder();
    guardWebContents(contents, origins, hooks);
    expect(contents.navigate('will-navigate', 'file:///home/me/refs.bib')).toBe(true);
    expect(opened).toEqual([]);
    expect(logged).toEqual(['refused navigation to file:///home/me/refs.bib']);
  });

  it('never opens a window: web links go to the OS browser, other schemes are dropped', () => {
    const contents = new FakeWebContents();
    const { opened, hooks } = recorder();
    guardWebContents(contents, origins, hooks);
    expect(contents.windowOpenHandler?.({ url: 'https://doi.org/10.1/x' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'facet://app/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://doi.org/10.1/x']);
  });

  it('refuses <webview> tags', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents, origins, recorder().hooks);
    let prevented = false;
    const event: PreventableEvent = { preventDefault: () => (prevented = true) };
    (contents.listeners.get('will-attach-webview') as (event: PreventableEvent) => void)(event);
    expect(prevented).toBe(true);
  });
});

describe('guardSession', () => {
  function fakeSession() {
    const handlers: {
      beforeRequest?: Parameters<GuardedSession['webRequest']['onBeforeRequest']>[0];
      headers?: Parameters<GuardedSession['webRequest']['onHeadersReceived']>[0];
      permissionRequest?: Parameters<GuardedSession['setPermissionRequestHandler']>[0];
      permissionCheck?: Parameters<GuardedSession['setPermissionCheckHandler']>[0];
    } = {};
    const session: GuardedSession = {
      webRequest: {
        onBeforeRequest: (listener) => (handlers.beforeRequest = listener),
        onHeadersReceived: (listener) => (handlers.headers = listener),
      },
      setPermissionRequestHandler: (handler) => (handlers.permissionRequest = handler),
      setPermissionCheckHandler: (handler) => (handlers.permissionCheck = handler),
    };
    return { session, handlers };
  }

  it('cancels every non-local load', () => {
    const { session, handlers } = fakeSession();
    const { logged, hooks } = recorder();
    guardSession(session, origins, hooks);
    const decide = (url: string) => {
      let response: { cancel?: boolean } | null = null;
      handlers.beforeRequest!({ url }, (r) => (response = r));
      return response;
    };
    expect(decide('facet://app/assets/a.js')).toEqual({ cancel: false });
    expect(decide('https://tracker.example.com/pixel.gif')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(logged).toEqual(['blocked a load of https://tracker.example.com/pixel.gif', 'blocked a load of file:///etc/passwd']);
  });

  it('puts the CSP header on app responses, replacing any other CSP, and leaves others alone', () => {
    const { session, handlers } = fakeSession();
    guardSession(session, origins, recorder().hooks);
    let response: { responseHeaders?: Record<string, string | string[]> } | null = null;
    handlers.headers!({ url: 'facet://app/index.html', responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, (r) => (response = r));
    expect(response!.responseHeaders!['Content-Type']).toEqual(['text/html']);
    expect(response!.responseHeaders!['content-security-policy']).toBeUndefined();
    expect(String(response!.responseHeaders!['Content-Security-Policy'])).toMatch(/^default-src 'none'; script-src 'self';/);
    handlers.headers!({ url: 'devtools://devtools/x.html', responseHeaders: {} }, (r) => (response = r));
    expect(response).toEqual({});
  });

  it('denies permission requests and checks, except clipboard writes from app pages', () => {
    const { session, handlers } = fakeSession();
    guardSession(session, origins, recorder().hooks);
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | null = null;
      handlers.permissionRequest!({}, permission, (g) => (granted = g), { requestingUrl });
      return granted;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(request(permission, 'facet://app/index.html'), permission).toBe(false);
      expect(handlers.permissionCheck!({}, permission, APP_ORIGIN), permission).toBe(false);
    }
    expect(request('clipboard-sanitized-write', 'facet://app/index.html')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, origins)).toBe(false);
  });
});

describe('hardenedWebPreferences', () => {
  it('isolates and sandboxes the page, with no Node and web security on', () => {
    const preferences = hardenedWebPreferences({ preload: '/app/out/preload/index.cjs', isDevelopment: false });
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(hardenedWebPreferences({ preload: 'p', isDevelopment: true }).devTools).toBe(true);
  });
});
