/** export.run: papers or the reading list, as BibTeX, CSL-JSON, RIS or Markdown, returned or written to a file. */
import path from 'node:path';
import { FacetError, type ExportFormat, type ExportSelection, type ReadingState } from '../../common/contract.ts';
import { EXPORT_EXTENSIONS, exportPapers } from '../export/index.ts';
import type { ReadingStore } from '../reading/index.ts';
import type { CoreHandlers } from '../types.ts';
import { writeTextAtomic } from '../util/atomic-file.ts';
import { isOnList, type ReadingContext } from './reading-context.ts';

export type ExportHandlers = Pick<CoreHandlers, 'export.run'>;

export function exportHandlers(context: ReadingContext): ExportHandlers {
  const { store, reading, sync, papersById } = context;
  return {
    'export.run': async ({ format, selection, path: target, includeAbstract, withReadingState, includeDismissed }) => {
      sync();
      const snapshot = reading.snapshot();
      const keepDismissed = includeDismissed === true || (selection.kind === 'reading' && selection.status?.includes('dismissed') === true);
      const ids = selectionIds(reading, selection).filter((id) => keepDismissed || !isDismissed(snapshot.get(id)));
      const [papers, sources] = await Promise.all([papersById(ids), store.sourceRecordsOf(ids)]);
      const items = ids.flatMap((id) => {
        const paper = papers.get(id);
        return paper ? [{ paper: { ...paper, source: sources.get(id) ?? null }, reading: snapshot.get(id) ?? null }] : [];
      });
      const title = selection.kind === 'reading' ? 'Reading list' : 'Papers';
      const text = exportPapers(items, format, { includeAbstract, title, withReadingState: withReadingState === true });
      const bytes = Buffer.byteLength(text, 'utf8');
      const fileName = exportFileName(selection, format);
      if (target !== undefined) {
        const written = path.resolve(target);
        writeExport(written, text);
        return { format, count: items.length, path: written, text: null, bytes, fileName };
      }
      return { format, count: items.length, path: null, text, bytes, fileName };
    },
  };
}

/** Dismissed, or marked "not relevant": left out of exports unless asked for. */
function isDismissed(state: ReadingState | undefined): boolean {
  return state !== undefined && (state.status === 'dismissed' || state.notRelevant);
}

function selectionIds(reading: ReadingStore, selection: ExportSelection): string[] {
  if (selection.kind === 'ids') return [...new Set(selection.ids)];
  const states = reading.list({ status: selection.status, tag: selection.tag, minRating: selection.minRating });
  return (selection.status === undefined ? states.filter(isOnList) : states).map((state) => state.paperId);
}

function exportFileName(selection: ExportSelection, format: ExportFormat): string {
  const base = selection.kind === 'reading' ? ['facet-reading-list', ...(selection.status ?? []), selection.tag ? 'tagged' : ''].filter(Boolean).join('-') : 'facet-papers';
  return `${base}.${EXPORT_EXTENSIONS[format]}`;
}

/** The whole export or nothing (atomic-file.ts); a path that cannot be written is the caller's mistake. */
function writeExport(file: string, text: string): void {
  try {
    writeTextAtomic(file, text);
  } catch (error) {
    throw new FacetError('BAD_REQUEST', `cannot write the export to ${file}: ${(error as Error).message}`);
  }
}
