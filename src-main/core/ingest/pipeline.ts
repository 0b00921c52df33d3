/**
 * One ingest pipeline for every import (import.run, library.import): new records in -> tag ->
 * embed (counting truncated digests) -> one atomic table write per batch -> the commit hook.
 *
 * Promises:
 * - Batches are written one at a time and in the order they were cut; each write stores the
 *   whole batch or none of it.
 * - Pipelined: while batch N is written, the source reads on and batch N+1 is tagged and
 *   embedded; batch N+1's write starts only after batch N's write and its commit hook finished.
 * - The commit hook runs after its batch is stored and before the next batch's write: a source
 *   writes its resume state there (it covers exactly what was read before the batch was cut,
 *   which `markCut` notes) and does the rewrites that need the batch stored first.
 * - Stubs (records `isStub` picks: pending identifier stubs) are stored untagged and without
 *   vectors; they are never embedded.
 */
import { TERM_ASPECTS, emptyAspectTerms, type AspectTerms } from '../../common/contract.ts';
import type { NewPaper, PaperStore } from '../store/index.ts';
import type { AspectVectors, Embedder, ParsedRecord } from '../types.ts';
import { SerialWriter } from './batch-writer.ts';
import { TruncationCounter } from './embed-stage.ts';
import type { Tagger } from './tagger.ts';

/** Papers per atomic write: big enough to amortise a LanceDB commit, small enough to lose little. */
export const IMPORT_BATCH_SIZE = 256;

/** One batch, stored. */
export interface StoredBatch<R, M> {
  records: readonly R[];
  papers: readonly NewPaper[];
  /** How many of the papers were stored with vectors (the batch less its stubs). */
  embedded: number;
  /** What the source's `markCut` returned when the batch was cut. */
  mark: M;
}

export interface IngestOptions<R extends ParsedRecord, M> {
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
  batchSize?: number;
  /** The row stored for a record, from its tags and vectors (null for a stub). */
  toPaper(record: R, terms: AspectTerms, vectors: AspectVectors | null): NewPaper;
  /** Records stored without tags and vectors; none by default. */
  isStub?: (record: R) => boolean;
  /** Called when a batch is cut, before anything else is read: what its commit hook needs to know. */
  markCut(): M;
  /** Called as a batch's embedding starts and after it finished. */
  onEmbed?(phase: 'start' | 'done', records: readonly R[]): void;
  /** The commit hook: called after each stored batch, in order, before the next batch's write. */
  onCommit(batch: StoredBatch<R, M>): Promise<void> | void;
  /** Cut (and commit) a batch with no new records too, e.g. for the hook's own queue; default false. */
  commitEmptyBatches?: boolean;
}

export class IngestPipeline<R extends ParsedRecord, M> {
  private batch: R[] = [];
  private readonly writer = new SerialWriter();
  private readonly counter: TruncationCounter;
  readonly batchSize: number;

  constructor(private readonly options: IngestOptions<R, M>) {
    this.counter = new TruncationCounter(options.embedder);
    this.batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  }

  /** The embedder for the commit hook's rewrites: what it embeds counts towards `truncated`. */
  get embedder(): Embedder {
    return this.counter;
  }

  /** Digests cut to the model's token limit so far (see truncationWarning). */
  get truncated(): number {
    return this.counter.truncated;
  }

  /** Queues a new (deduplicated) record; a full batch is cut at once. */
  async push(record: R): Promise<void> {
    this.batch.push(record);
    if (this.batch.length >= this.batchSize) await this.cut();
  }

  /**
   * Ends the current batch: tags and embeds it, waits for the previous write, and starts this
   * one's write. Returns once the write has started, not finished.
   */
  async cut(): Promise<void> {
    if (this.batch.length === 0 && !this.options.commitEmptyBatches) return;
    const records = this.batch;
    this.batch = [];
    const mark = this.options.markCut();
    const isStub = this.options.isStub ?? (() => false);
    const content = records.filter((record) => !isStub(record));
    this.options.onEmbed?.('start', records);
    const embedding = this.counter.embed(content.map((record) => ({ title: record.title, abstract: record.abstract })));
    // Awaited below; handled now so a tagger failure meanwhile leaves no unhandled rejection.
    embedding.catch(() => undefined);
    const terms = records.map((record) => (isStub(record) ? untagged() : this.options.tagger.tag(record.title, record.abstract)));
    const vectors = await embedding;
    this.options.onEmbed?.('done', records);
    let next = 0;
    const papers = records.map((record, i) => this.options.toPaper(record, terms[i]!, isStub(record) ? null : vectors[next++]!));
    await this.writer.enqueue(async () => {
      if (papers.length > 0) await this.options.store.addPapers(papers);
      await this.options.onCommit({ records, papers, embedded: content.length, mark });
    });
  }

  /** Cuts the last batch and waits until every write and commit hook has finished. */
  async finish(): Promise<void> {
    await this.cut();
    await this.writer.settle();
  }

  /** After a failure: lets the write in flight settle (its batch is stored or not, never half), ignoring its error. */
  async abandon(): Promise<void> {
    this.batch = [];
    await this.writer.settle().catch(() => undefined);
  }
}

/** No terms under any tagged aspect: what a stub stores. */
function untagged(): AspectTerms {
  return emptyAspectTerms(TERM_ASPECTS);
}
