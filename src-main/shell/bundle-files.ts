/**
 * Maps `facet://app/<path>` requests onto files of the built renderer, refusing anything that
 * would leave the bundle folder (`..`, encoded separators, absolute paths, NUL bytes).
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME, parseUrl } from './url-guards.ts';

export type BundleLookup = { ok: true; file: string; mimeType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a request URL to a file under `bundleDir` (absolute), or says why it is refused. */
export function resolveBundleFile(bundleDir: string, requestUrl: string): BundleLookup {
  const parsed = parseUrl(requestUrl);
  if (parsed === null || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 403, reason: `not an app URL: ${requestUrl}` };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: `malformed path in ${requestUrl}` };
  }
  if (relative.includes('\0') || relative.includes('\\')) {
    return { ok: false, status: 400, reason: `malformed path in ${requestUrl}` };
  }
  if (relative === '' || relative === '/') relative = '/index.html';
  const root = path.resolve(bundleDir);
  const file = path.resolve(root, `.${relative}`);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    return { ok: false, status: 403, reason: `outside the app bundle: ${requestUrl}` };
  }
  return { ok: true, file, mimeType: mimeTypeFor(file) };
}
