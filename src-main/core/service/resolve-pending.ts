/**
 * `library.resolvePending`: fetches metadata for the stored identifier stubs from arXiv and
 * Crossref and fills each stub in place (stub-fill.ts), in batches, with progress on
 * library.onDidProgress.
 *
 * Promises:
 * - Nothing is fetched unless the library's settings allow network use (BAD_REQUEST otherwise).
 * - Each batch is one atomic write; cancelling stores the records fetched so far and resolves
 *   with `cancelled: true`; the stubs not reached stay pending for the next run.
 * - A stub that cannot be filled stays as it is, with one error naming its identifier. When not
 *   one stub could be filled, the request fails with those reasons (nothing stored changes).
 */
import { FacetError, type ImportProblem, type Paper, type ResolvePendingSummary } from '../../common/contract.ts';
import { NetworkDisabledError, ProgressMeter, type LibraryProgress, type LibraryRecord, type PaperIdentifier } from '../library/index.ts';
import { IMPORT_BATCH_SIZE } from '../ingest/index.ts';
import type { FacetEventEmitter } from './events.ts';
import { metadataFetcherFor, type MetadataFetchOverrides } from './metadata-source.ts';
import { fillStubs, pairWithStubs, type StubFillContext } from './stub-fill.ts';

/** The source name progress events and problems carry. */
export const PENDING_SOURCE = 'pending stubs';
/** Ids per store lookup. */
const LOOKUP_CHUNK = 500;
/** Problems quoted in the error when nothing could be filled. */
const QUOTED_PROBLEMS = 5;

export interface ResolvePendingContext extends StubFillContext {
  dataDir: string;
  events: FacetEventEmitter;
  metadataFetch: MetadataFetchOverrides;
  batchSize?: number;
}

export async function resolvePendingStubs(ctx: ResolvePendingContext, importId: string, limit: number | undefined, signal: AbortSignal): Promise<ResolvePendingSummary> {
  const started = Date.now();
  const fetcher = metadataFetcherFor(ctx.dataDir, ctx.metadataFetch, signal);
  if (!fetcher) throw new FacetError('BAD_REQUEST', new NetworkDisabledError().message);
  const batchSize = ctx.batchSize ?? IMPORT_BATCH_SIZE;

  const ids = await ctx.store.pendingStubIds(limit ?? Number.MAX_SAFE_INTEGER);
  const stubs: Paper[] = [];
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) stubs.push(...(await ctx.store.getMany(ids.slice(i, i + LOOKUP_CHUNK))));
  const summary: ResolvePendingSummary = { importId, stubs: stubs.length, filled: 0, merged: 0, stillPending: 0, embedded: 0, problems: [], cancelled: false, durationMs: 0 };

  const identifiers: PaperIdentifier[] = [];
  for (const stub of stubs) {
    if (stub.arxivId) identifiers.push({ kind: 'arxiv', id: stub.arxivId });
    else if (stub.doi) identifiers.push({ kind: 'doi', doi: stub.doi });
    else {
      summary.stillPending++;
      summary.problems.push(problem(stub.id, `the stub "${stub.title}" has neither an arXiv id nor a DOI to fetch`));
    }
  }

  let last: LibraryProgress | null = null;
  const emitProgress = () =>
    ctx.events.emit('library.onDidProgress', {
      importId,
      source: PENDING_SOURCE,
      done: last?.done ?? 0,
      total: identifiers.length,
      skipped: 0,
      added: summary.filled,
      ratePerSecond: last?.ratePerSecond ?? 0,
      etaSeconds: last?.etaSeconds ?? null,
    });
  const meter = new ProgressMeter((progress) => {
    last = progress;
    emitProgress();
  });
  meter.setTotal(identifiers.length);

  let batch: LibraryRecord[] = [];
  const flush = async () => {
    const records = batch;
    batch = [];
    if (records.length === 0) return;
    const { fills, unmatched } = await pairWithStubs(ctx.store, records);
    summary.merged += await fillStubs(ctx, fills);
    summary.filled += fills.length;
    summary.embedded += fills.length;
    for (const record of unmatched) {
      summary.problems.push({ ...problem(record.arxivId ? `arxiv:${record.arxivId}` : `doi:${record.doi}`, 'fetched, but its pending stub is no longer stored (merged or filled meanwhile)'), severity: 'warning' });
    }
    emitProgress();
  };

  emitProgress();
  try {
    for await (const item of fetcher.resolve(identifiers, PENDING_SOURCE)) {
      if (item.kind === 'problem') {
        // The fetcher names the identifier in `record`; the message says it too, for a reader of the list alone.
        const { record, message } = item.problem;
        summary.problems.push(problem(record, message));
        continue;
      }
      meter.tick();
      if (item.record.pending) {
        summary.stillPending++;
        continue;
      }
      batch.push(item.record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (error) {
    if (!signal.aborted) {
      if (error instanceof FacetError) throw error;
      throw new FacetError('IMPORT_FAILED', `filling pending stubs failed after ${summary.filled} were filled: ${(error as Error).message}`);
    }
    summary.cancelled = true;
    await flush();
  }
  last = meter.finish();
  summary.durationMs = Date.now() - started;
  if (!summary.cancelled && summary.filled === 0 && summary.problems.length > 0) {
    const quoted = summary.problems.slice(0, QUOTED_PROBLEMS).map((p) => p.message);
    const more = summary.problems.length > QUOTED_PROBLEMS ? `; and ${summary.problems.length - QUOTED_PROBLEMS} more` : '';
    throw new FacetError('IMPORT_FAILED', `no pending stub could be filled (${summary.stubs} tried; they stay pending): ${quoted.join('; ')}${more}`);
  }
  return summary;
}

function problem(record: string | null, message: string): ImportProblem {
  const named = record && !message.includes(record) ? `${record}: ${message}` : message;
  return { source: PENDING_SOURCE, line: null, record, severity: 'error', message: named };
}
