import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetadataFetcher, NetworkDisabledError } from '../../../src-main/core/library/metadata-fetch.ts';
import type { LibraryItem } from '../../../src-main/core/library/types.ts';
import { startMetadataServer, type MetadataServer } from '../../fixtures/library/metadata-server.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/library');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

/** A local stand-in for arXiv and Crossref: answers from a script of responses per path. */
let server: MetadataServer;
let base: string;
let seen: MetadataServer['seen'];
let script: MetadataServer['script'];

beforeEach(async () => {
  server = await startMetadataServer();
  ({ base, seen, script } = server);
});

afterEach(async () => {
  await server.close();
});

function fetcher(extra: Partial<ConstructorParameters<typeof MetadataFetcher>[0]> = {}) {
  return new MetadataFetcher({
    allowNetwork: true,
    arxivApiUrl: `${base}/api/query`,
    crossrefApiUrl: `${base}/works/`,
    arxivIntervalMs: 0,
    crossrefIntervalMs: 0,
    backoffMs: 5,
    ...extra,
  });
}

async function collect(items: AsyncIterable<LibraryItem>): Promise<LibraryItem[]> {
  const out: LibraryItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('MetadataFetcher', () => {
  it('refuses to exist unless network use was allowed', () => {
    expect(() => new MetadataFetcher({ allowNetwork: false })).toThrow(NetworkDisabledError);
    expect(() => new MetadataFetcher({} as never)).toThrow(/network access, which is off/);
  });

  it('reads arXiv Atom entries in one batched request', async () => {
    script.set('/api/query', [{ status: 200, body: fixture('arxiv-two-entries.atom.xml') }]);
    const found = await fetcher().fetchArxiv(['2205.13147', 'hep-th/9901001']);
    expect(seen).toHaveLength(1);
    expect(new URL(seen[0]!.url, base).searchParams.get('id_list')).toBe('2205.13147,hep-th/9901001');
    expect(found.get('2205.13147')).toMatchObject({
      title: 'A Test Paper on Aspect Embeddings & Neighbours',
      abstract: 'We write this abstract for a test. It spans two lines <and> has entities.',
      authors: ['First Author', 'Second Author'],
      year: 2022,
      date: '2022-05-26',
      doi: '10.1145/0000000.0000001',
      venue: 'Test Conference 2022',
    });
    expect(found.get('hep-th/9901001')).toMatchObject({ title: 'An Old-Style Test Entry', year: 1999 });
  });

  it('reads a Crossref work, JATS abstract included', async () => {
    script.set('/works/10.1145%2F0000000.0000002', [{ status: 200, body: fixture('crossref-work.json') }]);
    const record = await fetcher().fetchCrossref('10.1145/0000000.0000002');
    expect(record).toMatchObject({
      title: 'A Published Test Paper: With Markup',
      abstract: 'Abstract This is the published abstract, written for a test & nothing else.'.replace('Abstract ', ''),
      authors: ['First Author', 'Test Consortium'],
      year: 2023,
      date: '2023-03-09',
      venue: 'Proceedings of a Test Conference',
      doi: '10.1145/0000000.0000002',
    });
  });

  it('retries 429 and 503 with backoff, then succeeds', async () => {
    script.set('/works/10.1145%2F0000000.0000002', [
      { status: 429, body: 'slow down', headers: { 'retry-after': '0' } },
      { status: 503, body: 'busy' },
      { status: 200, body: fixture('crossref-work.json') },
    ]);
    const sent: number[] = [];
    const client = fetcher({ backoffMs: 20, fetch: (input, init) => (sent.push(performance.now()), fetch(input, init)) });
    const record = await client.fetchCrossref('10.1145/0000000.0000002');
    expect(record?.title).toBe('A Published Test Paper: With Markup');
    expect(client.requests).toBe(3);
    expect(seen).toHaveLength(3);
    // Backoff doubles: at least 20 ms, then 40 ms between attempts (plus the answer's round trip).
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(19);
    expect(sent[2]! - sent[1]!).toBeGreaterThanOrEqual(39);
  });

  it('gives up after maxRetries and keeps the stub pending with a warning', async () => {
    script.set('/works/10.9999%2Fdown', [{ status: 500, body: 'down' }]);
    script.set('/api/query', [{ status: 200, body: fixture('arxiv-two-entries.atom.xml') }]);
    const items = await collect(
      fetcher({ maxRetries: 2 }).resolve(
        [
          { kind: 'doi', doi: '10.9999/down' },
          { kind: 'doi', doi: '10.9999/unknown' },
          { kind: 'arxiv', id: '2205.13147' },
          { kind: 'arxiv', id: '2301.00001' },
        ],
        'pasted text',
      ),
    );
    expect(seen.filter((s) => s.url.includes('down'))).toHaveLength(3);
    const summary = items.map((item) => (item.kind === 'record' ? `record ${item.record.title}${item.record.pending ? ' [pending]' : ''}` : `${item.problem.severity} ${item.problem.message}`));
    expect(summary).toEqual([
      expect.stringMatching(/^warning Crossref metadata not fetched: .*HTTP 500 \(after 3 attempts\): kept as a pending stub$/),
      'record doi:10.9999/down (metadata pending) [pending]',
      'warning Crossref has no record for 10.9999/unknown: kept as a pending stub',
      'record doi:10.9999/unknown (metadata pending) [pending]',
      'record A Test Paper on Aspect Embeddings & Neighbours',
      'warning arXiv has no paper 2301.00001: kept as a pending stub',
      'record arXiv:2301.00001 (metadata pending) [pending]',
    ]);
  });

  it('spaces requests to one service by the configured interval', async () => {
    script.set('/works/10.1%2Fa', [{ status: 200, body: fixture('crossref-work.json') }]);
    // Spacing is a promise about when requests are sent, so time the sends on a virtual clock that
    // only moves when the fetcher waits: the real machine's load cannot shorten or lengthen a gap.
    let now = 1_000;
    const waits: number[] = [];
    const clock = { now: () => now, sleep: (ms: number) => (waits.push(ms), (now += ms), Promise.resolve()) };
    const sent: number[] = [];
    const client = fetcher({ crossrefIntervalMs: 60, clock, fetch: (input, init) => (sent.push(now), fetch(input, init)) });
    await client.fetchCrossref('10.1/a');
    now += 15; // time spent between two calls counts toward the gap
    await client.fetchCrossref('10.1/a');
    await client.fetchCrossref('10.1/a');
    expect(seen).toHaveLength(3);
    expect(sent).toEqual([1_000, 1_060, 1_120]);
    expect(waits).toEqual([45, 60]);
  });

  it('reports an arXiv error feed clearly', async () => {
    script.set('/api/query', [{ status: 200, body: fixture('arxiv-error.atom.xml') }]);
    await expect(fetcher().fetchArxiv(['9999.99999'])).rejects.toThrow(/arXiv rejected the request for 9999\.99999: incorrect id format/);
  });

  it('stops when cancelled', async () => {
    script.set('/works/10.1%2Fa', [{ status: 503, body: 'busy' }]);
    const controller = new AbortController();
    const client = fetcher({ backoffMs: 10_000, signal: controller.signal });
    const pending = client.fetchCrossref('10.1/a');
    setTimeout(() => controller.abort(new Error('cancelled by test')), 50);
    await expect(pending).rejects.toThrow('cancelled by test');
  });
});
