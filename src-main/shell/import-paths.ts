/**
 * Which files from outside the window (command line, second launch, macOS open-file, Import…
 * dialog) may be handed to the core's importer. Only existing regular files with a bibliography
 * or digest extension pass; everything else is reported back with a reason, never silently dropped.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Extensions the importers understand: digest pages, BibTeX, RIS, CSL-JSON / JSON / JSONL. */
export const IMPORTABLE_EXTENSIONS = ['.txt', '.bib', '.bibtex', '.ris', '.json', '.jsonl', '.ndjson'] as const;

/** Extensions the packaged app registers as "open with Facet" (see electron-builder.yml). */
export const ASSOCIATED_EXTENSIONS = ['bib', 'ris', 'json'] as const;

export interface RejectedPath {
  path: string;
  reason: string;
}

export interface ImportPathCheck {
  accepted: string[];
  rejected: RejectedPath[];
}

export type StatFile = (file: string) => { isFile(): boolean } | null;

const statOrNull: StatFile = (file) => {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
};

/**
 * Resolves each candidate against `cwd` (the launching shell's folder for a second instance),
 * then keeps the importable ones, in order and without repeats.
 */
export function checkImportPaths(candidates: readonly string[], cwd: string, stat: StatFile = statOrNull): ImportPathCheck {
  const accepted: string[] = [];
  const rejected: RejectedPath[] = [];
  for (const candidate of candidates) {
    if (candidate.includes('\0')) {
      rejected.push({ path: candidate, reason: 'the path contains a NUL byte' });
      continue;
    }
    const absolute = path.resolve(cwd, candidate);
    const extension = path.extname(absolute).toLowerCase();
    if (!(IMPORTABLE_EXTENSIONS as readonly string[]).includes(extension)) {
      rejected.push({ path: absolute, reason: `not an importable file type (expected ${IMPORTABLE_EXTENSIONS.join(', ')})` });
      continue;
    }
    const info = stat(absolute);
    if (info === null) {
      rejected.push({ path: absolute, reason: 'no such file' });
      continue;
    }
    if (!info.isFile()) {
      rejected.push({ path: absolute, reason: 'not a regular file' });
      continue;
    }
    if (!accepted.includes(absolute)) accepted.push(absolute);
  }
  return { accepted, rejected };
}

/** Filters for the Import… dialog, matching IMPORTABLE_EXTENSIONS. */
export function importDialogFilters(): Array<{ name: string; extensions: string[] }> {
  return [
    { name: 'Bibliographies and digests', extensions: IMPORTABLE_EXTENSIONS.map((extension) => extension.slice(1)) },
    { name: 'BibTeX', extensions: ['bib', 'bibtex'] },
    { name: 'RIS', extensions: ['ris'] },
    { name: 'CSL-JSON, JSON, JSON Lines', extensions: ['json', 'jsonl', 'ndjson'] },
    { name: 'Digest pages (plain text)', extensions: ['txt'] },
  ];
}
