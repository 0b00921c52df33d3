/**
 * Facet's importers. readSource streams one source's records and problems in source order; bad input
 * never throws, it becomes problems (see ImportProblem in the contract). Records are not deduplicated
 * here: the service matches them against the library by dedupKeys and ids them with paperIdFor.
 */
import type { ImportSource } from '../../common/contract.ts';
import type { ImportItem } from '../types.ts';
import { parseBibtex } from './bibtex.ts';
import { openSource, type SourceLine } from './decode.ts';
import { detectFormat, type ImportFormat } from './detect.ts';
import { parseDigest } from './digest.ts';
import { htmlTextLines, looksLikeHtml, MAX_HTML_CHARS } from './html-text.ts';
import { looksLikeIdentifierList } from './identifier-list-detect.ts';
import { parseJsonArray, parseJsonLines } from './json-records.ts';
import { describeNonRecordJson } from './json-shape.ts';
import { ProblemQueue, wholeLines, withoutNul } from './line-guards.ts';
import { RecordFinaliser, type DraftItem, type ParseContext } from './records.ts';
import { parseRis } from './ris.ts';

export { dedupKeys, paperIdFor } from './dedup.ts';
export { detectFormat, type ImportFormat } from './detect.ts';
export { looksLikeIdentifierList } from './identifier-list-detect.ts';
export { normaliseDoi, normaliseTitle, parseArxivId } from './identifiers.ts';

export interface ReadSourceOptions {
  /** "Today", for digest dates printed without a year. Defaults to the current time. */
  now?: Date;
  /** Larger sources fail with one error. Default: no limit for files (streamed), DEFAULT_MAX_TEXT_BYTES for pasted text. */
  maxBytes?: number;
}

const PARSERS: Record<ImportFormat, (lines: AsyncIterable<SourceLine>, context: ParseContext) => AsyncIterable<DraftItem>> = {
  digest: parseDigest,
  bibtex: parseBibtex,
  ris: parseRis,
  'csl-json': parseJsonArray,
  json: parseJsonArray,
  jsonl: parseJsonLines,
};

/** Formats whose parser reads pieces of long lines itself (json-scan.ts); the others get whole lines. */
const READS_PIECES: ReadonlySet<ImportFormat> = new Set(['csl-json', 'json']);

/**
 * The longest line a line-based parser is given. A JSON Lines line is one record, which cannot
 * sanely be larger; other formats may hold many records on one line (a BibTeX file without line
 * breaks), so their limit only bounds memory.
 */
export const MAX_RECORD_LINE_CHARS = 16 * 1024 * 1024;
export const MAX_LINE_CHARS = 128 * 1024 * 1024;

const FORMAT_NAMES: Record<ImportFormat, string> = {
  digest: 'digest page',
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
  json: 'JSON',
  jsonl: 'JSON Lines',
};

/** What problems and progress events call a source: its file path, or the pasted text's name. */
export function sourceName(source: ImportSource): string {
  return source.kind === 'file' ? source.path : source.name;
}

/**
 * Streams records and per-record problems from one source, in source order. Whole-source failures
 * (missing, unreadable, empty, binary, too large, unknown format) yield a single error.
 */
export async function* readSource(source: ImportSource, options: ReadSourceOptions = {}): AsyncGenerator<ImportItem> {
  const opened = await openSource(source, options.maxBytes);
  if (!opened.ok) {
    yield { kind: 'problem', problem: { source: opened.name, line: null, record: null, severity: 'error', message: opened.message } };
    return;
  }
  const { source: input } = opened;
  const context: ParseContext = { source: input.name, now: options.now ?? new Date() };
  if (input.encodingWarning) {
    yield { kind: 'problem', problem: { source: input.name, line: null, record: null, severity: 'warning', message: input.encodingWarning } };
  }
  const format = detectFormat(input.fileName, input.head);
  if (!format) {
    const nonRecordJson = describeNonRecordJson(input.name, input.fileName, input.head);
    if (nonRecordJson) {
      yield { kind: 'problem', problem: { source: input.name, line: 1, record: null, severity: 'error', message: nonRecordJson } };
      return;
    }
    const message = `cannot tell what format ${input.name} is in: Facet imports digest pages (.txt, .md), BibTeX (.bib), RIS (.ris), CSL-JSON or JSON (.json) and JSON Lines (.jsonl)`;
    yield { kind: 'problem', problem: { source: input.name, line: null, record: null, severity: 'error', message } };
    return;
  }

  if (format === 'digest' && looksLikeIdentifierList(input.head)) {
    const message = `${input.name} is a list of arXiv ids / DOIs, not a digest page: import it as an identifier list (facet import routes it there; or facet import-ids), which stores each one as a "metadata pending" stub`;
    yield { kind: 'problem', problem: { source: input.name, line: null, record: null, severity: 'error', message } };
    return;
  }

  const queued = new ProblemQueue();
  let lines: AsyncIterable<SourceLine> = withoutNul(input.lines(), input.name, queued);
  if (!READS_PIECES.has(format)) lines = wholeLines(lines, format === 'jsonl' ? MAX_RECORD_LINE_CHARS : MAX_LINE_CHARS, input.name, queued);
  if (format === 'digest' && looksLikeHtml(input.fileName, input.head)) {
    if (input.bytes > MAX_HTML_CHARS) {
      const message = `${input.name} is an HTML page of ${(input.bytes / 1048576).toFixed(1)} MiB; Facet reads HTML digest pages up to ${MAX_HTML_CHARS / 1048576} MiB (save the page as text instead)`;
      yield { kind: 'problem', problem: { source: input.name, line: null, record: null, severity: 'error', message } };
      return;
    }
    lines = htmlTextLines(lines); // line numbers stay those of the HTML source
  }

  const finaliser = new RecordFinaliser(context);
  let problems = 0;
  try {
    for await (const item of PARSERS[format](lines, context)) {
      for (const problem of queued.drain()) {
        problems++;
        yield { kind: 'problem', problem };
      }
      for (const finished of finaliser.finalise(item)) {
        if (finished.kind === 'problem') problems++;
        yield finished;
      }
    }
    for (const problem of queued.drain()) {
      problems++;
      yield { kind: 'problem', problem };
    }
  } catch (error) {
    // Reading failed part-way (the file vanished, a disk error): report it against the source.
    const detail = error instanceof Error ? error.message : String(error);
    yield { kind: 'problem', problem: { source: input.name, line: null, record: null, severity: 'error', message: `reading ${input.name} failed part-way: ${detail}` } };
    return;
  }
  if (finaliser.records === 0 && problems === 0) {
    const message = `no records found in ${input.name} (read as ${FORMAT_NAMES[format]})`;
    yield { kind: 'problem', problem: { source: input.name, line: null, record: null, severity: 'error', message } };
  }
}
