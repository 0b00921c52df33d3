/**
 * One `import.run`: each source's records streamed into the ingest pipeline (core/ingest), which
 * tags, embeds and stores them in batches. Each batch is one table write with its vectors, so a
 * crash loses at most the batch in flight, and running the same import again resumes: what was
 * written is now a duplicate.
 */
import { FacetError, type ImportProblem, type ImportSource, type ImportSummary, type ImportSourceSummary } from '../../common/contract.ts';
import { paperIdFor, readSource, sourceName } from '../import/index.ts';
import { DedupGate, IngestPipeline, paperFieldsOf, truncationWarning, unkeyedProblem, type Tagger } from '../ingest/index.ts';
import type { PaperStore } from '../store/index.ts';
import type { Embedder, ParsedRecord } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';

/** A parse progress event every this many records read. */
const PARSE_PROGRESS_EVERY = 50;

/** Warnings about one record's content, which matter only if the record is stored. */
function isRecordWarning(message: string): boolean {
  return message === 'no abstract: imported title-only' || message.startsWith('abstract looks truncated');
}

export interface ImportContext {
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
  events: FacetEventEmitter;
  batchSize?: number;
}

export async function runImport(ctx: ImportContext, sources: readonly ImportSource[], importId: string): Promise<ImportSummary> {
  const started = Date.now();
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
  const gate = await DedupGate.open(ctx.store);
  for (const source of sources) await importSource(ctx, source, importId, gate, summary, paperIds);
  summary.durationMs = Date.now() - started;
  summary.paperIds = [...paperIds];
  return summary;
}

async function importSource(ctx: ImportContext, source: ImportSource, importId: string, gate: DedupGate, summary: ImportSummary, paperIds: Set<string>): Promise<void> {
  const name = sourceName(source);
  summary.sources.push(name);
  const row: ImportSourceSummary = { source: name, parsed: 0, added: 0, duplicates: 0, titleOnly: 0, problems: 0 };
  summary.perSource!.push(row);
  const problemsBefore = summary.problems.length;
  let queued = 0;
  let embedded = 0;
  let lastParseEvent = 0;
  const progress = (phase: 'parse' | 'embed' | 'store') => {
    const done = phase === 'parse' ? row.parsed : phase === 'embed' ? embedded : row.added;
    const counts = { parsed: row.parsed, duplicates: row.duplicates, embedded, added: row.added };
    ctx.events.emit('import.onDidProgress', { importId, source: name, phase, done, total: phase === 'parse' ? null : queued, counts });
  };
  const pipeline = new IngestPipeline<ParsedRecord, null>({
    store: ctx.store,
    embedder: ctx.embedder,
    tagger: ctx.tagger,
    ...(ctx.batchSize !== undefined ? { batchSize: ctx.batchSize } : {}),
    toPaper: (record, terms, vectors) => ({ ...paperFieldsOf(record, name, terms), vectors }),
    markCut: () => null,
    onEmbed: (phase, records) => {
      if (phase === 'done') embedded += records.length;
      progress('embed');
    },
    onCommit: ({ papers }) => {
      const titleOnly = papers.filter((p) => p.abstract.trim().length === 0).length;
      summary.added += papers.length;
      summary.embedded += papers.length;
      summary.titleOnly += titleOnly;
      row.added += papers.length;
      row.titleOnly += titleOnly;
      progress('store');
    },
  });
  // Warnings about a record (no abstract, truncated abstract) arrive just before it; they are
  // kept only if the record is stored, since a duplicate changes nothing in the library.
  let recordWarnings: number[] = [];

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
      const verdict = gate.admit(record);
      if (verdict === 'unkeyed') {
        summary.problems.push(unkeyedProblem(name, record));
        continue;
      }
      paperIds.add(paperIdFor(record));
      if (verdict === 'known') {
        summary.duplicates++;
        row.duplicates++;
        for (const at of warnings.reverse()) summary.problems.splice(at, 1);
        continue;
      }
      queued++;
      await pipeline.push(record);
    }
    progress('parse');
    await pipeline.finish();
  } catch (error) {
    // Let a write in flight settle (its batch is stored or not, never half) before reporting.
    await pipeline.abandon();
    if (error instanceof FacetError) throw error;
    throw new FacetError('IMPORT_FAILED', `import of ${name} failed after ${row.added} new papers: ${(error as Error).message}`);
  }
  const warning: ImportProblem | null = truncationWarning(name, pipeline.truncated, ctx.embedder);
  if (warning) summary.problems.push(warning);
  row.problems = summary.problems.length - problemsBefore;
}
