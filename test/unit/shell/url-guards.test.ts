import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBundleFile, mimeTypeFor } from '../../../src-main/shell/bundle-files.ts';
import { contentSecurityPolicy } from '../../../src-main/shell/csp.ts';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  decideNavigation,
  decideWindowOpen,
  devServerOrigin,
  isAllowedRequest,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../../src-main/shell/url-guards.ts';
import type { AppOrigins } from '../../../src-main/shell/url-guards.ts';

const built: AppOrigins = { app: APP_ORIGIN, devServer: null };
const dev: AppOrigins = { app: APP_ORIGIN, devServer: 'http://localhost:5173' };

describe('app URLs', () => {
  it('serves the app from facet://app', () => {
    expect(APP_ENTRY_URL).toBe('facet://app/index.html');
    expect(isAppUrl(APP_ENTRY_URL, built)).toBe(true);
    expect(isAppUrl('facet://app/assets/index-abc.js', built)).toBe(true);
  });

  it('rejects look-alikes, other hosts, credentials and the dev server when not developing', () => {
    for (const url of ['facet://other/index.html', 'facet://app.evil/index.html', 'facet://user:pw@app/', 'file:///etc/passwd', 'http://localhost:5173/', 'not a url', '']) {
      expect(isAppUrl(url, built), url).toBe(false);
    }
    expect(isAppUrl(null, built)).toBe(false);
  });

  it('accepts the dev server only on loopback http, and only unpackaged', () => {
    expect(devServerOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://localhost:5173/', true)).toBeNull();
    expect(devServerOrigin('https://localhost:5173/', false)).toBeNull();
    expect(devServerOrigin('http://192.168.1.4:5173/', false)).toBeNull();
    expect(devServerOrigin('http://example.com/', false)).toBeNull();
    expect(devServerOrigin(undefined, false)).toBeNull();
    expect(isAppUrl('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('allows navigation within the app', () => {
    expect(decideNavigation('facet://app/index.html', built)).toEqual({ action: 'allow' });
  });

  it('keeps the window on the app and sends web links to the OS browser', () => {
    expect(decideNavigation('https://arxiv.org/abs/2205.13147', built)).toEqual({ action: 'deny', openExternally: 'https://arxiv.org/abs/2205.13147' });
    expect(decideWindowOpen('http://doi.org/10.1145/3529372.3530912')).toEqual({ action: 'deny', openExternally: 'http://doi.org/10.1145/3529372.3530912' });
  });

  it('refuses other schemes outright, including a dropped file', () => {
    for (const url of ['file:///home/me/papers.bib', 'javascript:alert(1)', 'mailto:a@b.c', 'smb://server/share', 'data:text/html,<b>x</b>', 'https://user:pw@example.com/']) {
      expect(decideNavigation(url, built), url).toEqual({ action: 'deny', openExternally: null });
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openExternally: null });
    }
    expect(isSafeExternalUrl('https://example.com/')).toBe(true);
    expect(isSafeExternalUrl('https:')).toBe(false);
  });
});

describe('session requests', () => {
  it('lets local loads through', () => {
    for (const url of ['facet://app/index.html', 'facet://app/assets/x.css', 'data:image/png;base64,AAAA', 'blob:facet://app/6d1c-4b', 'devtools://devtools/bundled/inspector.html']) {
      expect(isAllowedRequest(url, built), url).toBe(true);
    }
  });

  it('blocks the network, file:// and foreign custom schemes', () => {
    for (const url of ['https://fonts.example.com/a.woff2', 'http://localhost:5173/', 'ws://localhost:5173/', 'file:///etc/hosts', 'facet://evil/x', 'blob:https://example.com/1', 'chrome://gpu', 'ftp://x/y']) {
      expect(isAllowedRequest(url, built), url).toBe(false);
    }
  });

  it('lets the dev server and its HMR socket through only while developing', () => {
    expect(isAllowedRequest('http://localhost:5173/@vite/client', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:9999/', dev)).toBe(false);
    expect(isAllowedRequest('http://example.com/', dev)).toBe(false);
  });

  it('trusts IPC only from app pages', () => {
    expect(isTrustedSender('facet://app/index.html', built)).toBe(true);
    expect(isTrustedSender('https://example.com/', built)).toBe(false);
    expect(isTrustedSender(null, built)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows scripts only from the app, no inline script or eval, no network, no framing', () => {
    const csp = contentSecurityPolicy(built);
    const directives = new Map(csp.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)] as const));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
  });

  it('adds the dev server (and its WebSocket) only when developing', () => {
    const csp = contentSecurityPolicy(dev);
    expect(csp).toContain('script-src \'self\' http://localhost:5173');
    expect(csp).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173');
  });
});

describe('bundle files', () => {
  const bundle = path.resolve('/opt/facet/out/renderer');

  it('maps app URLs to files inside the bundle', () => {
    expect(resolveBundleFile(bundle, 'facet://app/index.html')).toEqual({ ok: true, file: path.join(bundle, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    expect(resolveBundleFile(bundle, 'facet://app/')).toMatchObject({ ok: true, file: path.join(bundle, 'index.html') });
    expect(resolveBundleFile(bundle, 'facet://app/assets/index%20x.js?v=1#h')).toMatchObject({ ok: true, file: path.join(bundle, 'assets', 'index x.js') });
  });

  it('refuses paths that leave the bundle and URLs that are not the app', () => {
    // The URL parser already folds plain and %2e dot segments, so these stay inside the bundle.
    expect(resolveBundleFile(bundle, 'facet://app/../main/index.js')).toMatchObject({ ok: true, file: path.join(bundle, 'main', 'index.js') });
    expect(resolveBundleFile(bundle, 'facet://app/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({ ok: true, file: path.join(bundle, 'etc', 'passwd') });
    // Encoded separators survive parsing; decoding them must not escape the bundle.
    expect(resolveBundleFile(bundle, 'facet://app/assets/..%2F..%2F..%2Fetc%2Fpasswd')).toMatchObject({ ok: false, status: 403 });
    expect(resolveBundleFile(bundle, 'facet://app/a%5C..%5C..%5Cx')).toMatchObject({ ok: false, status: 400 });
    expect(resolveBundleFile(bundle, 'facet://app/a%00b')).toMatchObject({ ok: false, status: 400 });
    expect(resolveBundleFile(bundle, 'facet://app/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(resolveBundleFile(bundle, 'facet://other/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveBundleFile(bundle, 'file:///opt/facet/out/renderer/index.html')).toMatchObject({ ok: false, status: 403 });
  });

  it('names content types for the bundle\'s files', () => {
    expect(mimeTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
