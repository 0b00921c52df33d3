/**
 * `library.matchTitles`: looks up stored papers that have neither an arXiv id nor a DOI (digest
 * entries known by title alone) on arXiv by title, and fills each strict same-paper match in place
 * through the papers.update edit path (paper-edits.ts), so dedup keys, the source record, tags and
 * vectors stay in step.
 *
 * Promises:
 * - Nothing is fetched unless the library's settings allow network use (BAD_REQUEST otherwise).
 * - A match sets the arXiv id always; DOI, authors, year, date, venue and url only where the paper
 *   has none. Title, abstract and reading state are never touched.
 * - An arXiv id another stored paper already has is a problem naming both ("merge the two"); a
 *   failed request for one title is a warning problem; the run goes on after either.
 * - Cancelling keeps the papers filled so far and resolves with `cancelled: true`.
 * The caller runs it under the write queue and refreshes indexes once when anything was filled.
 */
import { FacetError, type ImportProblem, type Paper, type PaperPatch, type TitleMatchSummary } from '../../common/contract.ts';
import { NetworkDisabledError, ProgressMeter, type LibraryProgress, type LibraryRecord } from '../library/index.ts';
import type { FacetEventEmitter } from './events.ts';
import { metadataFetcherFor, type MetadataFetchOverrides } from './metadata-source.ts';
import { EditClashError, writePaperEdit, type PaperEditContext } from './paper-edits.ts';

/** The source name progress events and problems carry. */
export const TITLES_SOURCE = 'titles on arXiv';

export interface TitleMatchContext extends PaperEditContext {
  dataDir: string;
  events: FacetEventEmitter;
  metadataFetch: MetadataFetchOverrides;
}

export async function matchTitlesOnArxiv(ctx: TitleMatchContext, importId: string, limit: number | undefined, signal: AbortSignal): Promise<TitleMatchSummary> {
  const started = Date.now();
  const fetcher = metadataFetcherFor(ctx.dataDir, ctx.metadataFetch, signal);
  if (!fetcher) throw new FacetError('BAD_REQUEST', new NetworkDisabledError().message);

  const ids = await ctx.store.unidentifiedPaperIds(limit ?? Number.MAX_SAFE_INTEGER);
  const summary: TitleMatchSummary = { importId, candidates: ids.length, matched: 0, unmatched: 0, problems: [], cancelled: false, durationMs: 0 };

  let last: LibraryProgress | null = null;
  const emitProgress = () =>
    ctx.events.emit('library.onDidProgress', {
      importId,
      source: TITLES_SOURCE,
      done: last?.done ?? 0,
      total: ids.length,
      skipped: 0,
      added: summary.matched,
      ratePerSecond: last?.ratePerSecond ?? 0,
      etaSeconds: last?.etaSeconds ?? null,
    });
  const meter = new ProgressMeter((progress) => {
    last = progress;
    emitProgress();
  });
  meter.setTotal(ids.length);
  emitProgress();

  for (const id of ids) {
    if (signal.aborted) break;
    // Looked up one at a time: a paper edited or deleted meanwhile is seen as it is now.
    const paper = await ctx.store.get(id);
    if (!paper || paper.arxivId || paper.doi || paper.pending) {
      meter.tick();
      continue;
    }
    let found: LibraryRecord | null;
    try {
      found = await fetcher.searchArxivByTitle(paper.title);
    } catch (error) {
      if (signal.aborted) break;
      summary.problems.push(problem(paper, 'warning', `the arXiv search failed: ${(error as Error).message}`));
      meter.tick();
      continue;
    }
    if (!found?.arxivId) {
      summary.unmatched++;
      meter.tick();
      continue;
    }
    try {
      const { patch, date } = fillFrom(paper, found);
      await writePaperEdit(ctx, paper.id, patch, date);
      summary.matched++;
    } catch (error) {
      if (!(error instanceof EditClashError)) throw error;
      summary.problems.push(problem(paper, 'error', `arXiv:${found.arxivId} is already in the library as ${error.otherId}: merge the two`));
    }
    meter.tick();
  }
  summary.cancelled = signal.aborted;
  last = meter.finish();
  summary.durationMs = Date.now() - started;
  return summary;
}

/** The edit that fills `paper` from its arXiv record: the id always, the rest only where empty. */
function fillFrom(paper: Paper, found: LibraryRecord): { patch: PaperPatch; date: string | null } {
  const patch: PaperPatch = { arxivId: found.arxivId };
  if (!paper.doi && found.doi) patch.doi = found.doi;
  if (paper.authors.length === 0 && found.authors.length > 0) patch.authors = found.authors;
  if (paper.year === null && found.year !== null) patch.year = found.year;
  if (!paper.venue && found.venue) patch.venue = found.venue;
  if (!paper.url && found.url) patch.url = found.url;
  // A date is filled only when it agrees with the year the paper ends up with.
  const year = patch.year ?? paper.year;
  const date = !paper.date && found.date && (year === null || found.date.startsWith(String(year))) ? found.date : null;
  return { patch, date };
}

function problem(paper: Paper, severity: ImportProblem['severity'], message: string): ImportProblem {
  return { source: TITLES_SOURCE, line: null, record: paper.id, severity, message: `"${paper.title}": ${message}` };
}
