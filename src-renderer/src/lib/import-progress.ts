/**
 * Words for an import's progress and its per-file rows, from what import.onDidProgress reports:
 * the file, the phase, and `done` (new papers of that file stored so far, or of the phase's own
 * unit when the core gives a total). A count that does not move in a phase is not shown as if it
 * should: "Reading" names the file, "Embedding" says how many are already stored.
 */
import type { ImportPhase, ImportProblem } from '../../../src-main/common/contract.ts';

export interface ProgressEvent {
  source: string;
  phase: ImportPhase;
  done: number;
  total: number | null;
}

/** The last part of a path or name ("…/seeds/000_x.txt" → "000_x.txt"). */
export function fileLabel(source: string): string {
  return source.split(/[\\/]/).filter(Boolean).at(-1) ?? source;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "Embedding 000_x.txt (file 2 of 3): 256 new papers stored so far". */
export function progressText(event: ProgressEvent, sources: readonly string[]): string {
  const at = sources.indexOf(event.source);
  const which = sources.length > 1 && at >= 0 ? ` (file ${at + 1} of ${sources.length})` : '';
  const name = `${fileLabel(event.source)}${which}`;
  const count = event.total === null ? null : `${event.done.toLocaleString()} / ${event.total.toLocaleString()}`;
  switch (event.phase) {
    case 'read':
    case 'parse':
      return count ? `Reading ${name}: ${count} records` : `Reading ${name}${event.done > 0 ? `: ${plural(event.done, 'new paper', 'new papers')} stored so far` : '…'}`;
    case 'embed':
      return count ? `Embedding ${name}: ${count} papers` : `Embedding new papers of ${name}: ${plural(event.done, 'stored', 'stored')} so far`;
    case 'store':
      return count ? `Storing ${name}: ${count} papers` : `Stored ${plural(event.done, 'new paper', 'new papers')} from ${name}`;
    case 'index':
      return `Updating the search index for ${plural(event.total ?? event.done, 'new paper', 'new papers')}`;
    case 'done':
      return 'Import finished';
  }
}

export interface FileRow {
  source: string;
  label: string;
  /** New papers stored from this file (from its progress events). */
  added: number;
  errors: number;
  warnings: number;
}

/**
 * One row per file of the import. `added` counts what the file's own events reported stored;
 * the index and done events speak for the whole import, so they are left out.
 */
export function fileRows(sources: readonly string[], events: readonly ProgressEvent[], problems: readonly ImportProblem[]): FileRow[] {
  return sources.map((source) => {
    let added = 0;
    for (const event of events) {
      if (event.source === source && event.total === null && (event.phase === 'parse' || event.phase === 'embed' || event.phase === 'store')) added = Math.max(added, event.done);
    }
    const own = problems.filter((problem) => problem.source === source);
    return {
      source,
      label: fileLabel(source),
      added,
      errors: own.filter((problem) => problem.severity === 'error').length,
      warnings: own.filter((problem) => problem.severity === 'warning').length,
    };
  });
}
