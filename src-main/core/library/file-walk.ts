/**
 * A recursive, streaming walk for files with given extensions. Folders are read one at a time
 * (entries sorted, so the order is stable across runs and a resume sees the same sequence).
 * Symbolic links are followed; a link back into a folder already visited (a loop, or the same folder
 * reached twice) is reported once and not entered again. Unreadable folders, broken links and
 * unreadable entries become problems; the walk goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportProblem } from '../../common/contract.ts';
import { problemOf } from './types.ts';

export type WalkItem =
  | { kind: 'file'; path: string; size: number; mtimeMs: number }
  | { kind: 'problem'; problem: ImportProblem };

export interface WalkOptions {
  /** Lower-case extensions with the dot, e.g. [".pdf"]. */
  extensions: readonly string[];
  signal?: AbortSignal;
}

export async function* walkFiles(root: string, options: WalkOptions): AsyncGenerator<WalkItem> {
  const rootPath = path.resolve(root);
  let rootStat: fs.Stats;
  try {
    rootStat = await fs.promises.stat(rootPath);
  } catch (error) {
    yield { kind: 'problem', problem: problemOf(rootPath, 'error', `cannot open folder ${rootPath}: ${describe(error)}`) };
    return;
  }
  if (!rootStat.isDirectory()) {
    yield { kind: 'problem', problem: problemOf(rootPath, 'error', `${rootPath} is not a folder`) };
    return;
  }
  const visited = new Set<string>([inode(rootStat)]);
  yield* walkFolder(rootPath, visited, options);
}

async function* walkFolder(folder: string, visited: Set<string>, options: WalkOptions): AsyncGenerator<WalkItem> {
  options.signal?.throwIfAborted();
  let names: string[];
  try {
    names = (await fs.promises.readdir(folder)).sort();
  } catch (error) {
    yield { kind: 'problem', problem: problemOf(folder, 'error', `cannot read folder: ${describe(error)}`) };
    return;
  }
  for (const name of names) {
    options.signal?.throwIfAborted();
    const entryPath = path.join(folder, name);
    let linkStat: fs.Stats;
    let stat: fs.Stats;
    try {
      linkStat = await fs.promises.lstat(entryPath);
      stat = linkStat.isSymbolicLink() ? await fs.promises.stat(entryPath) : linkStat;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message =
        code === 'ELOOP' ? 'symbolic link loop: not followed' : code === 'ENOENT' ? 'broken symbolic link: its target does not exist' : `cannot read: ${describe(error)}`;
      if (code === 'ENOENT' || code === 'ELOOP' || hasWantedExtension(name, options.extensions)) {
        yield { kind: 'problem', problem: problemOf(entryPath, code === 'ENOENT' ? 'warning' : 'error', message) };
      }
      continue;
    }
    if (stat.isDirectory()) {
      const key = inode(stat);
      if (visited.has(key)) {
        if (linkStat.isSymbolicLink()) {
          yield { kind: 'problem', problem: problemOf(entryPath, 'warning', 'symbolic link to a folder already scanned (a loop or a second path to it): not followed') };
        }
        continue;
      }
      visited.add(key);
      yield* walkFolder(entryPath, visited, options);
    } else if (stat.isFile() && hasWantedExtension(name, options.extensions)) {
      yield { kind: 'file', path: entryPath, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) };
    }
  }
}

function hasWantedExtension(name: string, extensions: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return extensions.some((extension) => lower.endsWith(extension));
}

function inode(stat: fs.Stats): string {
  return `${stat.dev}:${stat.ino}`;
}

export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it does not exist';
  return error instanceof Error ? error.message : String(error);
}
