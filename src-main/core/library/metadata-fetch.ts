/**
 * Metadata for pending identifier stubs from arXiv's API (Atom) and Crossref (JSON).
 *
 * Network use is opt-in: constructing a fetcher without `allowNetwork: true` throws, so nothing in
 * Facet reaches the network unless a person turned the setting on. Requests to each service are
 * spaced (arXiv asks for one request every 3 s; Crossref gets 10/s by default), and failed requests
 * (network errors, 429, 5xx) are retried with exponential backoff, honouring Retry-After. Base URLs
 * are injectable so tests talk to a local server.
 */
import { parseArxivAtom } from './arxiv-atom.ts';
import { parseCrossrefWork } from './crossref.ts';
import { identifierKey, pendingStub, type PaperIdentifier } from './identifier-list.ts';
import { arxivTitleQuery, bestTitleMatch, TITLE_QUERY_RESULTS } from './title-match.ts';
import { problemOf, type LibraryItem, type LibraryRecord } from './types.ts';

export const DEFAULT_ARXIV_API = 'https://export.arxiv.org/api/query';
export const DEFAULT_CROSSREF_API = 'https://api.crossref.org/works/';
/** Ids per arXiv request (the API accepts more; smaller batches lose less on a failure). */
export const ARXIV_BATCH = 50;

export interface MetadataFetcherOptions {
  /** Must be true: the person has allowed network use. */
  allowNetwork: boolean;
  arxivApiUrl?: string;
  /** Prefix to which the URL-encoded DOI is appended. */
  crossrefApiUrl?: string;
  /** Minimum time between two arXiv requests (default 3000 ms). */
  arxivIntervalMs?: number;
  /** Minimum time between two Crossref requests (default 100 ms). */
  crossrefIntervalMs?: number;
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** First backoff; doubles each retry (default 1000 ms). Retry-After wins when longer (capped at 60 s). */
  backoffMs?: number;
  /** Per-request time limit (default 30 s). */
  timeoutMs?: number;
  /** Contact address for Crossref's "polite pool" (sent in the User-Agent). */
  mailto?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Time source for request spacing and backoff; tests inject one that advances on demand. */
  clock?: FetchClock;
}

/** What the fetcher needs of time: the current millisecond and a cancellable wait. */
export interface FetchClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: FetchClock = { now: () => Date.now(), sleep };

export class NetworkDisabledError extends Error {
  constructor() {
    super('fetching metadata needs network access, which is off: turn on "Fetch metadata from arXiv and Crossref" in settings (allowNetwork)');
    this.name = 'NetworkDisabledError';
  }
}

/** An HTTP answer that retries did not fix, with the status when there was one. */
export class FetchFailedError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'FetchFailedError';
  }
}

class Spacer {
  private next = 0;
  constructor(
    private readonly intervalMs: number,
    private readonly clock: FetchClock,
  ) {}
  async wait(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await this.clock.sleep(at - now, signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class MetadataFetcher {
  private readonly arxivSpacer: Spacer;
  private readonly crossrefSpacer: Spacer;
  private readonly options: Required<Omit<MetadataFetcherOptions, 'signal' | 'mailto'>> & Pick<MetadataFetcherOptions, 'signal' | 'mailto'>;
  /** Requests made, retries included (for tests and status lines). */
  requests = 0;

  constructor(options: MetadataFetcherOptions) {
    if (options.allowNetwork !== true) throw new NetworkDisabledError();
    this.options = {
      allowNetwork: true,
      arxivApiUrl: options.arxivApiUrl ?? DEFAULT_ARXIV_API,
      crossrefApiUrl: options.crossrefApiUrl ?? DEFAULT_CROSSREF_API,
      arxivIntervalMs: options.arxivIntervalMs ?? 3000,
      crossrefIntervalMs: options.crossrefIntervalMs ?? 100,
      maxRetries: options.maxRetries ?? 4,
      backoffMs: options.backoffMs ?? 1000,
      timeoutMs: options.timeoutMs ?? 30_000,
      fetch: options.fetch ?? globalThis.fetch,
      signal: options.signal,
      mailto: options.mailto,
      clock: options.clock ?? realClock,
    };
    this.arxivSpacer = new Spacer(this.options.arxivIntervalMs, this.options.clock);
    this.crossrefSpacer = new Spacer(this.options.crossrefIntervalMs, this.options.clock);
  }

  /** Records for the ids arXiv knows, by id; ids it does not know are absent. */
  async fetchArxiv(ids: readonly string[]): Promise<Map<string, LibraryRecord>> {
    const found = new Map<string, LibraryRecord>();
    for (let start = 0; start < ids.length; start += ARXIV_BATCH) {
      const batch = ids.slice(start, start + ARXIV_BATCH);
      const records = await this.queryArxiv({ id_list: batch.join(','), max_results: String(batch.length) }, `the request for ${batch.join(', ')}`);
      for (const record of records) if (record.arxivId) found.set(record.arxivId, record);
    }
    return found;
  }

  /**
   * arXiv's record of the paper titled `title` (title-match.ts decides what counts as the same
   * paper), or null when arXiv has none or the title is too short to match on.
   */
  async searchArxivByTitle(title: string): Promise<LibraryRecord | null> {
    const query = arxivTitleQuery(title);
    if (query === null) return null;
    return bestTitleMatch(title, await this.queryArxiv({ search_query: query, max_results: String(TITLE_QUERY_RESULTS) }, `the title search for "${title}"`));
  }

  /** One arXiv API query: its records, or FetchFailedError when arXiv answers only with errors (`what` names the query). */
  private async queryArxiv(params: Record<string, string>, what: string): Promise<LibraryRecord[]> {
    const url = new URL(this.options.arxivApiUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const response = await this.request(url.toString(), this.arxivSpacer, 'application/atom+xml');
    const feed = parseArxivAtom(await response.text());
    if (feed.records.length === 0 && feed.errors.length > 0) throw new FetchFailedError(`arXiv rejected ${what}: ${feed.errors.join('; ')}`, response.status);
    return feed.records;
  }

  /** The Crossref record of a DOI, or null when Crossref does not know it (404). */
  async fetchCrossref(doi: string): Promise<LibraryRecord | null> {
    const url = this.options.crossrefApiUrl + encodeURIComponent(doi);
    let response: Response;
    try {
      response = await this.request(url, this.crossrefSpacer, 'application/json');
    } catch (error) {
      if (error instanceof FetchFailedError && error.status === 404) return null;
      throw error;
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new FetchFailedError(`Crossref answer for ${doi} is not JSON: ${(error as Error).message}`, response.status);
    }
    return parseCrossrefWork(body, doi);
  }

  /**
   * Fills in pending stubs: yields each identifier's fetched record, or its stub (still pending)
   * plus a warning when the service does not know it or the request failed. arXiv ids are asked
   * for in batches; cancelling (signal) throws.
   */
  async *resolve(identifiers: AsyncIterable<PaperIdentifier> | Iterable<PaperIdentifier>, sourceName: string): AsyncGenerator<LibraryItem> {
    let arxivBatch: string[] = [];
    const flushArxiv = async function* (this: MetadataFetcher): AsyncGenerator<LibraryItem> {
      const batch = arxivBatch;
      arxivBatch = [];
      if (batch.length === 0) return;
      let found: Map<string, LibraryRecord>;
      try {
        found = await this.fetchArxiv(batch);
      } catch (error) {
        this.options.signal?.throwIfAborted();
        for (const id of batch) yield* stillPending({ kind: 'arxiv', id }, sourceName, `arXiv metadata not fetched: ${(error as Error).message}`);
        return;
      }
      for (const id of batch) {
        const record = found.get(id);
        if (record) yield { kind: 'record', record };
        else yield* stillPending({ kind: 'arxiv', id }, sourceName, `arXiv has no paper ${id}`);
      }
    };
    for await (const identifier of identifiers) {
      this.options.signal?.throwIfAborted();
      if (identifier.kind === 'arxiv') {
        arxivBatch.push(identifier.id);
        if (arxivBatch.length >= ARXIV_BATCH) yield* flushArxiv.call(this);
        continue;
      }
      try {
        const record = await this.fetchCrossref(identifier.doi);
        if (record) yield { kind: 'record', record };
        else yield* stillPending(identifier, sourceName, `Crossref has no record for ${identifier.doi}`);
      } catch (error) {
        this.options.signal?.throwIfAborted();
        yield* stillPending(identifier, sourceName, `Crossref metadata not fetched: ${(error as Error).message}`);
      }
    }
    yield* flushArxiv.call(this);
  }

  private async request(url: string, spacer: Spacer, accept: string): Promise<Response> {
    const { maxRetries, backoffMs, timeoutMs, signal } = this.options;
    const userAgent = `Facet/0.1 (local-first paper reader${this.options.mailto ? `; mailto:${this.options.mailto}` : ''})`;
    let lastError = '';
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      await spacer.wait(signal);
      this.requests++;
      let response: Response | null = null;
      let waitMs = backoffMs * 2 ** attempt;
      try {
        const timeout = AbortSignal.timeout(timeoutMs);
        response = await this.options.fetch(url, {
          headers: { accept, 'user-agent': userAgent },
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        signal?.throwIfAborted();
        lastError = `request to ${url} failed: ${(error as Error).message}`;
      }
      if (response) {
        if (response.ok) return response;
        lastError = `${url} answered HTTP ${response.status}`;
        const retryable = response.status === 429 || response.status >= 500;
        await response.body?.cancel().catch(() => undefined);
        if (!retryable) throw new FetchFailedError(lastError, response.status);
        const retryAfter = Number(response.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.max(waitMs, Math.min(retryAfter * 1000, 60_000));
        if (attempt === maxRetries) throw new FetchFailedError(`${lastError} (after ${maxRetries + 1} attempts)`, response.status);
      } else if (attempt === maxRetries) {
        throw new FetchFailedError(`${lastError} (after ${maxRetries + 1} attempts)`, null);
      }
      await this.options.clock.sleep(waitMs, signal);
    }
    throw new FetchFailedError(lastError, null);
  }
}

function* stillPending(identifier: PaperIdentifier, sourceName: string, message: string): Generator<LibraryItem> {
  yield { kind: 'problem', problem: problemOf(sourceName, 'warning', `${message}: kept as a pending stub`, identifierKey(identifier)) };
  yield { kind: 'record', record: pendingStub(identifier) };
}
