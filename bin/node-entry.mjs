// Which code a Node entry point (the `facet` CLI, browser mode) runs: the compiled bundle in
// out/node (built by `npm run build:node`, which `prepare` runs on every `npm install` / `npm ci`)
// when it exists and no file under src-main is newer than it; otherwise the TypeScript sources
// through tsx, so that during development an edit takes effect at once. FACET_FROM_SOURCE=1
// always runs the sources.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Newest modification time (ms) of the files under `dir`, or 0 when there is none. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const mtime = fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/**
 * @param {string} root the repository root
 * @param {'cli' | 'serve'} name the entry: src-main/node/<name>.ts, compiled to out/node/<name>.js
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ kind: 'compiled' | 'source', file: string, reason: string }}
 */
export function nodeEntry(root, name, env = process.env) {
  const compiled = path.join(root, 'out', 'node', `${name}.js`);
  const source = path.join(root, 'src-main', 'node', `${name}.ts`);
  if (env.FACET_FROM_SOURCE === '1') return { kind: 'source', file: source, reason: 'FACET_FROM_SOURCE=1' };
  let builtAt;
  try {
    builtAt = fs.statSync(compiled).mtimeMs;
  } catch {
    return { kind: 'source', file: source, reason: `${compiled} is not built (npm run build:node)` };
  }
  if (newestMtime(path.join(root, 'src-main')) > builtAt) return { kind: 'source', file: source, reason: `src-main has changed since ${compiled} was built (npm run build:node)` };
  return { kind: 'compiled', file: compiled, reason: 'built and up to date' };
}

/**
 * Loads the chosen entry (registering tsx first for the sources) and returns its module.
 * FACET_DEBUG_ENTRY=1 says on stderr which one runs and why.
 * @param {string} root
 * @param {'cli' | 'serve'} name
 */
export async function importEntry(root, name) {
  const entry = nodeEntry(root, name);
  if (process.env.FACET_DEBUG_ENTRY === '1') process.stderr.write(`facet: running ${entry.kind} ${entry.file} (${entry.reason})\n`);
  if (entry.kind === 'source') {
    const { register } = await import('tsx/esm/api');
    register();
  }
  return import(pathToFileURL(entry.file).href);
}
