/**
 * The "not a duplicate" list: pairs of papers a person said are different works, which
 * library.duplicates never offers again. Kept in `<dataDir>/library-state/not-duplicates.json`.
 *
 * Promises:
 * - A pair is unordered: (a, b) and (b, a) are one entry.
 * - Every change is written atomically (temp file, fsync, rename) before the call returns, so a
 *   decision survives a crash and a restart.
 * - The file is read on each use, so a decision made in another process (the CLI) counts at once.
 * - A file someone broke by hand is an error naming it, never silently emptied.
 */
import path from 'node:path';
import { FacetError } from '../../common/contract.ts';
import { readJsonOrNull, writeJsonAtomic } from '../util/atomic-file.ts';

export const NOT_DUPLICATES_FILE = 'not-duplicates.json';
const FORMAT_VERSION = 1;

interface StoredList {
  version: number;
  /** Sorted [a, b] with a < b, the list sorted too (a stable file for diffs and tests). */
  pairs: [string, string][];
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

export class NotDuplicateList {
  constructor(readonly file: string) {}

  /** The list under a data folder's library state folder. */
  static in(stateDir: string): NotDuplicateList {
    return new NotDuplicateList(path.join(stateDir, NOT_DUPLICATES_FILE));
  }

  /** Keys (pairKey) of every pair on the list. */
  keys(): Set<string> {
    return new Set(this.read().map(([a, b]) => pairKey(a, b)));
  }

  has(a: string, b: string): boolean {
    return this.keys().has(pairKey(a, b));
  }

  /** Puts the pair on the list (notDuplicate: true) or takes it off; returns whether the file changed. */
  set(a: string, b: string, notDuplicate: boolean): boolean {
    if (a === b) throw new FacetError('BAD_REQUEST', `a paper cannot be its own duplicate (${JSON.stringify(a)})`);
    const pairs = new Map(this.read().map(([x, y]) => [pairKey(x, y), [x, y] as [string, string]]));
    const key = pairKey(a, b);
    if (pairs.has(key) === notDuplicate) return false;
    if (notDuplicate) pairs.set(key, a < b ? [a, b] : [b, a]);
    else pairs.delete(key);
    const stored: StoredList = { version: FORMAT_VERSION, pairs: [...pairs.values()].sort((x, y) => (pairKey(...x) < pairKey(...y) ? -1 : 1)) };
    try {
      writeJsonAtomic(this.file, stored);
    } catch (error) {
      throw new FacetError('INTERNAL', `cannot write the "not a duplicate" list ${this.file}: ${(error as Error).message}`);
    }
    return true;
  }

  private read(): [string, string][] {
    let value: unknown;
    try {
      value = readJsonOrNull(this.file);
    } catch (error) {
      throw new FacetError('INTERNAL', (error as Error).message);
    }
    if (value === null) return [];
    const list = value as Partial<StoredList>;
    if (typeof list !== 'object' || list.version !== FORMAT_VERSION || !Array.isArray(list.pairs)) {
      throw new FacetError('INTERNAL', `the "not a duplicate" list ${this.file} is not a version ${FORMAT_VERSION} list; fix or delete it`);
    }
    return list.pairs.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new FacetError('INTERNAL', `the "not a duplicate" list ${this.file}: entry ${i} is not a pair of paper ids; fix or delete it`);
      }
      return [pair[0], pair[1]];
    });
  }
}
