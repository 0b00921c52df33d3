/**
 * Compaction writes the new journal into `journal.jsonl.tmp-<pid>-<random>` and renames it over
 * the journal; a process killed between the two leaves the temporary file behind. Compaction only
 * runs under the journal lock, so whoever holds the lock knows that every such file it finds is
 * left over from an interrupted compaction (the journal it was meant to replace is still whole)
 * and can delete it. The store does so on open.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The prefix of compaction's temporary files, for a journal file name. */
export function tempPrefixFor(journalFile: string): string {
  return `${journalFile}.tmp-`;
}

/**
 * Deletes the leftover temporary files of `journalFile` in `dir`; call it holding the journal
 * lock. Returns the names it removed.
 */
export function removeLeftoverTemps(dir: string, journalFile: string): string[] {
  const prefix = tempPrefixFor(journalFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Not removable now (permissions); the next open tries again.
    }
  }
  return removed;
}
