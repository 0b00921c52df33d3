/**
 * The ingest pipeline over a fresh LanceDB per test, with the fake embedder (unit tests only):
 * batches, the commit hook's order, the embed/write overlap, stubs, truncation counts and failures.
 */
import { describe, expect, it, vi } from 'vitest';
import { ASPECTS, type AspectTerms } from '../../../src-main/common/contract.ts';
import { IngestPipeline, paperFieldsOf, truncationWarning, type IngestOptions, type StoredBatch, type Tagger } from '../../../src-main/core/ingest/index.ts';
import type { AspectVectors, DigestText, Embedder, ParsedRecord } from '../../../src-main/core/types.ts';
import { FakeEmbedder } from '../service/fake-embedder.ts';
import { useFreshStore } from '../../support/fresh-store.ts';

const DIMS = 32;
const storeOf = useFreshStore('fake-model', DIMS);

const tagger: Tagger = { tag: (title) => ({ task: [title.split(' ')[0]!.toLowerCase()], method: [], dataset: [] }) };

function record(n: number, extra: Partial<ParsedRecord> = {}): ParsedRecord {
  return {
    title: `Paper ${n} on topic ${n}`,
    abstract: `We study topic ${n} carefully.`,
    authors: [`Author ${n}`],
    year: 2020,
    date: null,
    venue: null,
    arxivId: null,
    doi: `10.1000/test.${n}`,
    url: null,
    sourceLine: n,
    recordKey: null,
    ...extra,
  };
}

function pipelineOf(embedder: Embedder, overrides: Partial<IngestOptions<ParsedRecord, number>> & Pick<IngestOptions<ParsedRecord, number>, 'onCommit'>) {
  let cuts = 0;
  return new IngestPipeline<ParsedRecord, number>({
    store: storeOf(),
    embedder,
    tagger,
    batchSize: 2,
    toPaper: (r, terms: AspectTerms, vectors: AspectVectors | null) => ({ ...paperFieldsOf(r, 'test-source', terms), vectors, pending: vectors === null }),
    markCut: () => ++cuts,
    ...overrides,
  });
}

describe('IngestPipeline', () => {
  it('stores records in batches and calls the commit hook after each stored batch, in order', async () => {
    const seen: { mark: number; ids: string[]; storedThen: number }[] = [];
    const pipeline = pipelineOf(new FakeEmbedder('fake-model', DIMS), {
      onCommit: async (batch: StoredBatch<ParsedRecord, number>) => {
        seen.push({ mark: batch.mark, ids: batch.papers.map((p) => p.id), storedThen: await storeOf().count() });
      },
    });
    for (let n = 1; n <= 5; n++) await pipeline.push(record(n));
    await pipeline.finish();
    expect(seen.map((s) => s.mark)).toEqual([1, 2, 3]);
    expect(seen.map((s) => s.ids.length)).toEqual([2, 2, 1]);
    // When the hook runs, its batch (and every earlier one) is stored, and no later batch is.
    expect(seen.map((s) => s.storedThen)).toEqual([2, 4, 5]);
    const stored = await storeOf().get(seen[0]!.ids[0]!);
    expect(stored).toMatchObject({ title: 'Paper 1 on topic 1', embedded: true, terms: { task: ['paper'] } });
    const vectors = await storeOf().aspectVectorsOf(seen[0]!.ids[0]!);
    for (const aspect of ASPECTS) expect(vectors[aspect]).toHaveLength(DIMS);
  });

  it('embeds the next batch while the previous batch is still being committed, and writes only after that commit', async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const pipeline = pipelineOf(new FakeEmbedder('fake-model', DIMS), {
      onEmbed: (phase, records) => order.push(`embed ${phase} ${records[0]!.sourceLine}`),
      onCommit: async (batch) => {
        order.push(`commit ${batch.mark} start (${await storeOf().count()} stored)`);
        if (batch.mark === 1) await firstHeld;
        order.push(`commit ${batch.mark} end`);
      },
    });
    await pipeline.push(record(1));
    await pipeline.push(record(2)); // cuts batch 1; its write starts, the push returns
    await vi.waitFor(() => expect(order).toContain('commit 1 start (2 stored)'));
    await pipeline.push(record(3));
    const second = pipeline.push(record(4)); // cuts batch 2: embeds it, then waits for batch 1's commit
    second.catch(() => undefined);
    try {
      await vi.waitFor(() => expect(order).toContain('embed done 3'));
      expect(order).not.toContain('commit 1 end');
      expect(await storeOf().count()).toBe(2);
    } finally {
      releaseFirst();
    }
    await second;
    await pipeline.finish();
    expect(order).toEqual(['embed start 1', 'embed done 1', 'commit 1 start (2 stored)', 'embed start 3', 'embed done 3', 'commit 1 end', 'commit 2 start (4 stored)', 'commit 2 end']);
  });

  it('stores stubs untagged and without vectors, and never embeds them', async () => {
    const embedder = new FakeEmbedder('fake-model', DIMS);
    const papers: string[] = [];
    const pipeline = pipelineOf(embedder, {
      isStub: (r) => r.abstract === '',
      onCommit: (batch) => {
        expect(batch.embedded).toBe(1);
        papers.push(...batch.papers.map((p) => p.id));
      },
    });
    await pipeline.push(record(1, { title: 'arXiv:2101.00001 (metadata pending)', abstract: '' }));
    await pipeline.push(record(2));
    await pipeline.finish();
    expect(embedder.embeddedTexts).toBe(1);
    const stub = await storeOf().get(papers[0]!);
    expect(stub).toMatchObject({ embedded: false, pending: true, terms: { task: [], method: [], dataset: [] } });
    await expect(storeOf().aspectVectorsOf(papers[0]!)).rejects.toMatchObject({ code: 'MODEL' });
  });

  it('counts digests cut to the token limit, including what the commit hook embeds through it', async () => {
    const embedder = new FakeEmbedder('fake-model', DIMS);
    const long = Array.from({ length: embedder.maxTokens + 10 }, (_, i) => `word${i}`).join(' ');
    const pipeline: IngestPipeline<ParsedRecord, number> = pipelineOf(embedder, {
      onCommit: async (batch) => {
        if (batch.mark === 1) await pipeline.embedder.embed([{ title: 'A rewrite', abstract: long }]);
      },
    });
    await pipeline.push(record(1, { abstract: long }));
    await pipeline.push(record(2));
    await pipeline.push(record(3, { abstract: long }));
    await pipeline.finish();
    expect(pipeline.truncated).toBe(3);
    expect(truncationWarning('test-source', pipeline.truncated, embedder)).toMatchObject({
      source: 'test-source',
      severity: 'warning',
      message: `3 record(s) were longer than the model's ${embedder.maxTokens}-token limit; their vectors come from the first ${embedder.maxTokens} tokens`,
    });
    expect(truncationWarning('test-source', 0, embedder)).toBeNull();
  });

  it('fails with MODEL and stores nothing of a batch when the embedder returns the wrong number of vectors', async () => {
    const inner = new FakeEmbedder('fake-model', DIMS);
    const short: Embedder = { info: inner.info, embed: async (texts: readonly DigestText[]) => (await inner.embed(texts)).slice(1), close: async () => undefined };
    let commits = 0;
    const pipeline = pipelineOf(short, { onCommit: () => void commits++ });
    await pipeline.push(record(1));
    await expect(pipeline.push(record(2))).rejects.toMatchObject({ code: 'MODEL', message: 'the embedder returned 1 vectors for 2 papers' });
    await pipeline.abandon();
    expect(commits).toBe(0);
    expect(await storeOf().count()).toBe(0);
  });

  it('surfaces a failed write at the next batch or at finish, and abandon lets the write in flight settle', async () => {
    let commits = 0;
    const pipeline = pipelineOf(new FakeEmbedder('fake-model', DIMS), {
      onCommit: (batch) => {
        commits++;
        if (batch.mark === 1) throw new Error('hook failed');
      },
    });
    await pipeline.push(record(1));
    await pipeline.push(record(2));
    await pipeline.push(record(3));
    await expect(pipeline.push(record(4))).rejects.toThrow('hook failed');
    expect(commits).toBe(1);
    await pipeline.abandon();
    expect(await storeOf().count()).toBe(2);
  });

  it('commits an empty batch only when asked to', async () => {
    const marks: number[] = [];
    const quiet = pipelineOf(new FakeEmbedder('fake-model', DIMS), { onCommit: (batch) => void marks.push(batch.mark) });
    await quiet.finish();
    expect(marks).toEqual([]);
    const always = pipelineOf(new FakeEmbedder('fake-model', DIMS), { commitEmptyBatches: true, onCommit: (batch) => void marks.push(batch.papers.length) });
    await always.finish();
    expect(marks).toEqual([0]);
  });
});
