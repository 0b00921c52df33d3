/**
 * One `import.run`: stream each source, drop records the library (or this import) already has,
 * tag, embed and store in batches. Each batch is one table write with its vectors, so a crash
 * loses at most the batch in flight, and running the same import again resumes: what was written
 * is now a duplicate.
 */
import type { TermFolding } from '../aspects/term-folding.ts';
import { FacetError, type AspectTerms, type ImportProblem, type ImportSource, type ImportSummary } from '../../common/contract.ts';
import { isReportingEmbedder } from '../embed/types.ts';
import { dedupKeys, normaliseTitle, paperIdFor, readSource } from '../import/index.ts';
import type { NewPaper, PaperStore } from '../store/index.ts';
import type { AspectVectors, DigestText, Embedder, ParsedRecord } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';

/** Papers per atomic write: big enough to amortise a LanceDB commit, small enough to lose little. */
export const IMPORT_BATCH_SIZE = 256;
/** A parse progress event every this many records read. */
const PARSE_PROGRESS_EVERY = 50;

/** Warnings about one record's content, which matter only if the record is stored. */
function isRecordWarning(message: string): boolean {
  return message === 'no abstract: imported title-only' || message.startsWith('abstract looks truncated');
}

export interface Tagger {
  tag(title: string, abstract: string): AspectTerms;
  /** How its tag strings fold together (aliases, task parents); spelling-only folding when absent. */
  readonly folding?: TermFolding;
}

export interface ImportContext {
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
  events: FacetEventEmitter;
  batchSize?: number;
}

export function sourceName(source: ImportSource): string {
  return source.kind === 'file' ? source.path : source.name;
}

export async function runImport(ctx: ImportContext, sources: readonly ImportSource[], importId: string): Promise<ImportSummary> {
  const started = Date.now();
  const batchSize = ctx.batchSize ?? IMPORT_BATCH_SIZE;
  const summary: ImportSummary = {
    importId,
    sources: [],
    parsed: 0,
    added: 0,
    duplicates: 0,
    titleOnly: 0,
    embedded: 0,
    problems: [],
    durationMs: 0,
    paperIds: [],
    perSource: [],
  };
  // The digest's papers in page order. A duplicate is named by its own id, which is the stored
  // paper's id whenever both have the same strongest identifier (the same digest page again);
  // recommend.digest leaves out ids the library does not hold.
  const paperIds = new Set<string>();
  await ctx.store.syncSequence();
  const knownKeys = await ctx.store.loadDedupKeys();

  for (const source of sources) {
    const name = sourceName(source);
    summary.sources.push(name);
    let batch: ParsedRecord[] = [];
    let truncated = 0;
    let addedFromSource = 0;
    const row = { source: name, parsed: 0, added: 0, duplicates: 0, titleOnly: 0, problems: 0 };
    summary.perSource!.push(row);
    const problemsBefore = summary.problems.length;
    let queued = 0;
    let embedded = 0;
    let lastParseEvent = 0;
    const counts = () => ({ parsed: row.parsed, duplicates: row.duplicates, embedded, added: addedFromSource });
    const progress = (phase: 'parse' | 'embed' | 'store') => {
      const done = phase === 'parse' ? row.parsed : phase === 'embed' ? embedded : addedFromSource;
      ctx.events.emit('import.onDidProgress', { importId, source: name, phase, done, total: phase === 'parse' ? null : queued, counts: counts() });
    };
    // Warnings about a record (no abstract, truncated abstract) arrive just before it; they are
    // kept only if the record is stored, since a duplicate changes nothing in the library.
    let recordWarnings: number[] = [];

    // Pipelined: while the worker embeds batch N+1 the main thread tags it, and batch N's table
    // write runs meanwhile. Writes still happen one at a time and in order, each one atomic.
    let writing: Promise<void> | null = null;
    const finishWriting = async () => {
      const pending = writing;
      writing = null;
      if (pending) await pending;
    };

    const flush = async () => {
      if (batch.length === 0) return;
      const records = batch;
      batch = [];
      progress('embed');
      const embedding = embedTexts(ctx.embedder, records.map((r) => ({ title: r.title, abstract: r.abstract })));
      const tagged = records.map((record) => paperFieldsOf(record, name, ctx.tagger.tag(record.title, record.abstract)));
      const { vectors, truncatedCount } = await embedding;
      if (vectors.length !== records.length) {
        throw new FacetError('MODEL', `the embedder returned ${vectors.length} vectors for ${records.length} papers`);
      }
      truncated += truncatedCount;
      embedded += records.length;
      progress('embed');
      const papers: NewPaper[] = tagged.map((paper, i) => ({ ...paper, vectors: vectors[i]! }));
      await finishWriting();
      const write = ctx.store.addPapers(papers).then(() => {
        addedFromSource += papers.length;
        summary.added += papers.length;
        summary.embedded += papers.length;
        const titleOnly = papers.filter((p) => p.abstract.trim().length === 0).length;
        summary.titleOnly += titleOnly;
        row.added += papers.length;
        row.titleOnly += titleOnly;
        progress('store');
      });
      // Handled here so a failure while the next batch is parsed is not an unhandled rejection;
      // finishWriting() awaits the same promise and rethrows it.
      write.catch(() => undefined);
      writing = write;
    };

    progress('parse');
    try {
      for await (const item of readSource(source)) {
        if (item.kind === 'problem') {
          if (item.problem.severity === 'warning' && item.problem.line !== null && isRecordWarning(item.problem.message)) recordWarnings.push(summary.problems.length);
          summary.problems.push(item.problem);
          continue;
        }
        const record = item.record;
        const warnings = recordWarnings.filter((at) => summary.problems[at]!.line === record.sourceLine);
        recordWarnings = [];
        summary.parsed++;
        row.parsed++;
        if (row.parsed - lastParseEvent >= PARSE_PROGRESS_EVERY) {
          lastParseEvent = row.parsed;
          progress('parse');
        }
        const keys = dedupKeys(record);
        if (keys.length === 0) {
          summary.problems.push(problem(name, record, 'skipped: the record has no title, arXiv id or DOI'));
          continue;
        }
        paperIds.add(paperIdFor(record));
        if (keys.some((key) => knownKeys.has(key))) {
          summary.duplicates++;
          row.duplicates++;
          for (const at of warnings.reverse()) summary.problems.splice(at, 1);
          continue;
        }
        for (const key of keys) knownKeys.add(key);
        queued++;
        batch.push(record);
        if (batch.length >= batchSize) await flush();
      }
      progress('parse');
      await flush();
      await finishWriting();
    } catch (error) {
      // Let a write in flight settle (its batch is stored or not, never half) before reporting.
      await finishWriting().catch(() => undefined);
      if (error instanceof FacetError) throw error;
      throw new FacetError('IMPORT_FAILED', `import of ${name} failed after ${addedFromSource} new papers: ${(error as Error).message}`);
    }
    if (truncated > 0) {
      summary.problems.push({
        source: name,
        line: null,
        record: null,
        severity: 'warning',
        message: `${truncated} record(s) were longer than the model's ${maxTokensOf(ctx.embedder)}-token limit; their vectors come from the first ${maxTokensOf(ctx.embedder)} tokens`,
      });
    }
    row.problems = summary.problems.length - problemsBefore;
  }
  summary.durationMs = Date.now() - started;
  summary.paperIds = [...paperIds];
  return summary;
}

async function embedTexts(embedder: Embedder, texts: DigestText[]): Promise<{ vectors: AspectVectors[]; truncatedCount: number }> {
  if (isReportingEmbedder(embedder)) {
    const report = await embedder.embedWithReport(texts);
    return { vectors: report.vectors, truncatedCount: report.truncated.filter(Boolean).length };
  }
  return { vectors: await embedder.embed(texts), truncatedCount: 0 };
}

function maxTokensOf(embedder: Embedder): number | string {
  return isReportingEmbedder(embedder) ? embedder.maxTokens : '?';
}

function problem(source: string, record: ParsedRecord, message: string): ImportProblem {
  return { source, line: record.sourceLine, record: record.recordKey ?? (record.title || null), severity: 'warning', message };
}

/** The stored fields of a parsed record (everything but vectors and library extras). */
export function paperFieldsOf(record: ParsedRecord, sourceName: string, terms: AspectTerms): Omit<NewPaper, 'vectors' | 'pending' | 'library' | 'citeKey'> {
  return {
    id: paperIdFor(record),
    title: record.title,
    abstract: record.abstract,
    authors: record.authors,
    year: record.year,
    date: record.date,
    venue: record.venue,
    arxivId: record.arxivId,
    doi: record.doi,
    url: record.url,
    sourceFile: sourceName,
    sourceLine: record.sourceLine,
    normTitle: normaliseTitle(record.title),
    terms,
    dedupKeys: dedupKeys(record),
    sourceKey: record.recordKey,
    ...(record.source ? { sourceRecord: record.source } : {}),
  };
}
