/**
 * The batch-end work of a library import, run in the ingest pipeline's commit hook once the batch
 * is stored: its counts, then the rewrites of papers already stored that were read before the batch
 * was cut (changed Zotero items, fetched records filling pending stubs).
 */
import type { LibraryImportSummary } from '../../common/contract.ts';
import type { StoredBatch } from '../ingest/index.ts';
import type { LibraryRecord } from '../library/index.ts';
import { fillStubs, pairWithStubs, type StubFillContext } from './stub-fill.ts';
import { updateChangedItems } from './zotero-changes.ts';

/** What a batch's commit hook handles besides the batch: the known records read before the cut, and the resume point. */
export interface CutMark {
  /** Already-known records that may be Zotero items changed since the last import. */
  changed: LibraryRecord[];
  /** Already-known fetched records that may fill stored pending stubs. */
  fetched: LibraryRecord[];
  /** The source's resume state through the last item read before the cut. */
  resumeAt: number;
}

/** `ctx.embedder` should be the pipeline's, so the truncation warning counts what the rewrites embed. */
export async function storeLibraryBatchEnd(ctx: StubFillContext, sourceName: string, batch: StoredBatch<LibraryRecord, CutMark>, summary: LibraryImportSummary): Promise<void> {
  const { records, papers, embedded, mark } = batch;
  summary.added += papers.length;
  summary.embedded += embedded;
  summary.pending += papers.length - embedded;
  summary.titleOnly += records.filter((r) => !r.pending && r.abstract.trim().length === 0).length;
  if (mark.changed.length > 0) {
    const result = await updateChangedItems(ctx, sourceName, mark.changed);
    summary.updated += result.updated;
    summary.duplicates += result.duplicates;
    summary.embedded += result.embedded;
  }
  if (mark.fetched.length > 0) {
    const { fills, unmatched } = await pairWithStubs(ctx.store, mark.fetched);
    summary.merged += await fillStubs(ctx, fills);
    summary.updated += fills.length;
    summary.embedded += fills.length;
    summary.duplicates += unmatched.length;
  }
}
