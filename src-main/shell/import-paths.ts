/**
 * Which files from outside the window (command line, second launch, macOS open-file, Import…
 * dialog) may be handed to the core's importer. Only existing regular files with a bibliography
 * or digest extension pass; everything else is reported back with a reason, never silently dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IMPORT_EXTENSIONS } from '../core/import/detect.ts';

/** Extensions the core's importers are chosen by (core/import/detect.ts), with the dot: `.bib`, `.md`, … */
export const IMPORTABLE_EXTENSIONS: readonly string[] = IMPORT_EXTENSIONS.map((extension) => `.${extension}`);

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
    if (!IMPORTABLE_EXTENSIONS.includes(extension)) {
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

/** Filters for the Import… dialog: every importable extension, then one filter per kind of source. */
export function importDialogFilters(): Array<{ name: string; extensions: string[] }> {
  const extensions = IMPORTABLE_EXTENSIONS.map((extension) => extension.slice(1));
  const kinds: Array<{ name: string; extensions: string[] }> = [
    { name: 'BibTeX', extensions: ['bib', 'bibtex', 'biblatex'] },
    { name: 'RIS', extensions: ['ris'] },
    { name: 'CSL-JSON, JSON, JSON Lines', extensions: ['json', 'jsonl', 'ndjson'] },
    { name: 'Digest pages (text, Markdown, HTML)', extensions: ['txt', 'text', 'md', 'markdown', 'html', 'htm'] },
  ];
  // A kind names only extensions the importers accept, so the lists cannot drift apart unseen.
  return [{ name: 'Bibliographies and digests', extensions }, ...kinds.map((kind) => ({ ...kind, extensions: kind.extensions.filter((extension) => extensions.includes(extension)) }))];
}
