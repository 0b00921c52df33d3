/**
 * `facet embed`: JSONL in, JSONL out, streaming and in input order. Each input line is
 * {"id","title","abstract"}; each output line is exactly {"id","vectors":{"generic","task","method","dataset"}}
 * (embed-line.ts: 9 significant digits per component, exact for float32).
 * A bad line stops the run with its file and line number (no partial guessing).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { FacetError } from '../../common/contract.ts';
import type { EmbedReport, ReportingEmbedder } from '../../core/embed/index.ts';
import type { DigestText } from '../../core/types.ts';
import { isBrokenPipe, OutputClosed } from './output-guard.ts';
import { encodeEmbedLines } from './embed-line.ts';

export interface EmbedCommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: Writable;
  progress: (line: string) => void;
}

export interface EmbedCounts {
  lines: number;
  truncated: number;
}

interface InputPaper extends DigestText {
  id: string;
}

export function parseInputLine(text: string, where: string): InputPaper {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FacetError('BAD_REQUEST', `${where}: not valid JSON (${(error as Error).message})`);
  }
  const record = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FacetError('BAD_REQUEST', `${where}: expected a JSON object`);
  if (typeof record.id !== 'string' || record.id.length === 0) throw new FacetError('BAD_REQUEST', `${where}: "id" must be a non-empty string`);
  if (typeof record.title !== 'string') throw new FacetError('BAD_REQUEST', `${where}: "title" must be a string`);
  if (record.abstract !== undefined && record.abstract !== null && typeof record.abstract !== 'string') {
    throw new FacetError('BAD_REQUEST', `${where}: "abstract" must be a string when present`);
  }
  return { id: record.id, title: record.title, abstract: typeof record.abstract === 'string' ? record.abstract : '' };
}

/**
 * Batches waiting for the embedder or for their turn to be written, at most: while the worker
 * embeds one batch, this thread turns the one before into text and writes it.
 */
const BATCHES_IN_FLIGHT = 3;

export async function runEmbed(embedder: ReportingEmbedder, input: string, output: string, batchSize: number, io: EmbedCommandIo): Promise<EmbedCounts> {
  const inputName = input === '-' ? 'stdin' : input;
  if (input !== '-' && !fs.existsSync(input)) throw new FacetError('BAD_REQUEST', `no such file: ${input}`);
  const source = input === '-' ? io.stdin : fs.createReadStream(input, { encoding: 'utf8' });
  const sink: Writable = output === '-' ? io.stdout : fs.createWriteStream(output);
  const lines = readline.createInterface({ input: source, crlfDelay: Infinity });
  const counts: EmbedCounts = { lines: 0, truncated: 0 };
  let batch: InputPaper[] = [];
  let lineNumber = 0;

  let sinkError: Error | null = null;
  sink.on('error', (error) => {
    sinkError ??= error;
  });
  const checkSink = () => {
    // Whoever read stdout stopped reading (`| head`): stop embedding for nobody, quietly.
    if (sinkError && sink === io.stdout && isBrokenPipe(sinkError)) throw new OutputClosed();
    if (sinkError) throw new FacetError('INTERNAL', `cannot write ${output === '-' ? 'stdout' : output}: ${sinkError.message}`);
  };
  const write = async (bytes: Buffer) => {
    checkSink();
    // A failed write is recorded by the 'error' listener above; checkSink reports it.
    if (!sink.write(bytes)) await drained(sink);
    checkSink();
  };
  const writeBatch = async (papers: InputPaper[], report: EmbedReport) => {
    counts.truncated += report.truncated.filter(Boolean).length;
    await write(encodeEmbedLines(papers.map((paper, i) => ({ id: paper.id, vectors: report.vectors[i]! }))));
    counts.lines += papers.length;
    io.progress(`embedded ${counts.lines} papers`);
  };

  // Each batch is sent to the embedder at once and written after the one before it: output
  // stays in input order while embedding and writing overlap.
  const inFlight: Promise<void>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const papers = batch;
    batch = [];
    const embedded = embedder.embedWithReport(papers);
    const before = inFlight.at(-1);
    const written = (async () => {
      const report = await embedded;
      await before;
      await writeBatch(papers, report);
    })();
    // Awaited in order below (or settled in `finally`); this only keeps an early failure from
    // counting as unhandled while it waits for its turn.
    written.catch(() => undefined);
    inFlight.push(written);
    while (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift();
  };

  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim().length === 0) continue;
      batch.push(parseInputLine(line, `${inputName}:${lineNumber}`));
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    for (const written of inFlight.splice(0)) await written;
  } finally {
    lines.close();
    // A bad line stops the run after the batches before it are written, as when they ran one by one.
    await Promise.allSettled(inFlight);
    if (sink !== io.stdout && !sinkError) {
      sink.end();
      await Promise.race([once(sink, 'finish'), once(sink, 'error')]);
    }
  }
  checkSink();
  return counts;
}

/** Resolves when the sink drains or fails, leaving no listener behind either way. */
function drained(sink: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done);
      sink.off('error', done);
      resolve();
    };
    sink.on('drain', done);
    sink.on('error', done);
  });
}
