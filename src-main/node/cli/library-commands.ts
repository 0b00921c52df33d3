/**
 * Runs the local-library commands (library-args.ts) against the core: results on stdout (text or
 * --json), progress and problems on stderr. Ctrl-C (SIGINT) during an import cancels it through
 * library.cancel: the batch in hand is stored, and the next run resumes. Exit status: 0 ok,
 * 1 failed (or a source that could not be read), 130 cancelled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  FacetError,
  type DuplicatePair,
  type EventPayloads,
  type ImportProblem,
  type LibraryImportSummary,
  type LibrarySourceArg,
  type ResolvePendingSummary,
} from '../../common/contract.ts';
import { callRequest } from '../../common/dispatch.ts';
import { defaultDataDir } from '../../core/data-dir.ts';
import { openFacet, type FacetCore } from '../../core/service.ts';
import { noteLibraryUpkeep } from './upkeep-notes.ts';
import type { CliIo } from './commands.ts';
import { LIBRARY_USAGE, type LibraryCliCommand } from './library-args.ts';
import { runPaperCommand } from './paper-commands.ts';
import { withPaperIds } from './paper-refs.ts';

/** Exit status of an import stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_CANCELLED = 130;

export interface LibraryCliOptions {
  /** Registers the Ctrl-C handler; returns its removal. Default: process SIGINT. Tests pass their own. */
  onInterrupt?: (cancel: () => void) => () => void;
}

export async function runLibraryCommand(command: LibraryCliCommand, io: CliIo, options: LibraryCliOptions = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  if (command.name === 'help') {
    out(LIBRARY_USAGE[command.topic]);
    return 0;
  }
  // Fail before opening the library when the named path is missing.
  let source: LibrarySourceArg | null = null;
  if (command.name === 'import-pdfs') source = { kind: 'pdf-folder', path: requireDir(command.folder, 'folder') };
  if (command.name === 'import-zotero') source = { kind: 'zotero', dataDir: requireDir(command.dataDirOfZotero, 'Zotero data folder'), full: command.full };
  if (command.name === 'import-ids') {
    source =
      command.file === '-'
        ? { kind: 'identifiers', name: 'stdin', text: await readAll(io.stdin) }
        : { kind: 'identifiers-file', path: requireFile(command.file) };
  }

  const core = await openFacet({ dataDir: command.dataDir ?? defaultDataDir(), modelDir: command.modelDir });
  noteLibraryUpkeep(core, io.stderr);
  try {
    switch (command.name) {
      case 'import-pdfs':
      case 'import-zotero':
      case 'import-ids':
        return await runImport(core, source!, command.json, out, err, options);
      case 'resolve-pending': {
        const summary = await withProgress(core, err, options, (importId) =>
          callRequest(core.handlers, 'library.resolvePending', { importId, ...(command.limit !== undefined ? { limit: command.limit } : {}) }),
        );
        printProblems(summary.problems, err);
        if (command.json) out(JSON.stringify(summary, null, 2));
        else out(resolveLine(summary));
        return summary.cancelled ? EXIT_CANCELLED : 0;
      }
      case 'not-duplicate': {
        const { a, b } = await withPaperIds(core.handlers, command);
        const result = await callRequest(core.handlers, 'library.notDuplicate', { a, b, undo: command.undo });
        if (command.json) out(JSON.stringify(result, null, 2));
        else if (result.notDuplicate) out(`${result.a} and ${result.b} are marked as not duplicates${result.changed ? '' : ' (they already were)'}; "facet duplicates" leaves the pair out.`);
        else out(`${result.a} and ${result.b} may be listed as duplicates again${result.changed ? '' : ' (they were not marked)'}.`);
        return 0;
      }
      case 'duplicates': {
        await core.idle();
        const pairs = await callRequest(core.handlers, 'library.duplicates', { limit: command.limit, ...(command.minCosine !== undefined ? { minCosine: command.minCosine } : {}) });
        if (command.json) out(JSON.stringify(pairs, null, 2));
        else if (pairs.length === 0) err('no likely duplicates found');
        else for (const pair of pairs) out(pairLines(pair));
        return 0;
      }
      case 'delete':
      case 'edit':
        return await runPaperCommand(core, await withPaperIds(core.handlers, command), out, err);
      case 'merge': {
        const { keepId, dropId } = await withPaperIds(core.handlers, command);
        const result = await callRequest(core.handlers, 'library.merge', { a: keepId, b: dropId, keep: 'a' });
        if (command.json) out(JSON.stringify(result, null, 2));
        else {
          const kept = await core.handlers['papers.get']({ id: result.keptId });
          out(`Merged ${result.retiredId} into ${result.keptId}: ${kept.title}${result.readingMoved ? ' (reading state carried over)' : ''}`);
        }
        return 0;
      }
    }
  } finally {
    await core.close();
  }
}

/** Imports one local library source with progress and Ctrl-C handling; prints its summary. Exit status as runLibraryCommand's. */
export async function runImport(
  core: FacetCore,
  source: LibrarySourceArg,
  json: boolean,
  out: (t: string) => void,
  err: (t: string) => void,
  options: LibraryCliOptions,
): Promise<number> {
  const summary = await withProgress(core, err, options, (importId) => callRequest(core.handlers, 'library.import', { source, importId }));
  printProblems(summary.problems, err);
  if (json) out(JSON.stringify(summary, null, 2));
  else out(summaryLine(summary));
  if (summary.cancelled) return EXIT_CANCELLED;
  // The source itself could not be read (per-file and per-item problems name their file or record).
  return summary.problems.some((p) => p.severity === 'error' && p.source === summary.source && p.record === null) ? 1 : 0;
}

/** Runs a cancellable library request: progress lines on stderr, Ctrl-C cancels it through library.cancel. */
async function withProgress<T>(core: FacetCore, err: (t: string) => void, options: LibraryCliOptions, run: (importId: string) => Promise<T>): Promise<T> {
  const importId = randomUUID();
  const stopProgress = core.events.on('library.onDidProgress', (p) => {
    if (p.importId === importId) err(progressLine(p));
  });
  const cancel = () => {
    err('stopping after the batch in hand (run the same command again to resume)…');
    void core.handlers['library.cancel']({ importId });
  };
  const stopInterrupt = (options.onInterrupt ?? onSigint)(cancel);
  try {
    return await run(importId);
  } finally {
    stopInterrupt();
    stopProgress();
  }
}

function printProblems(problems: readonly ImportProblem[], err: (t: string) => void): void {
  for (const problem of problems) {
    const where = problem.line !== null ? `${problem.source}:${problem.line}` : problem.source;
    err(`${problem.severity}: ${where}${problem.record ? ` (${problem.record})` : ''}: ${problem.message}`);
  }
}

function onSigint(cancel: () => void): () => void {
  process.on('SIGINT', cancel);
  return () => process.off('SIGINT', cancel);
}

function requireDir(dir: string, what: string): string {
  const resolved = path.resolve(dir);
  if (!fs.existsSync(resolved)) throw new FacetError('BAD_REQUEST', `no such ${what}: ${resolved}`);
  if (!fs.statSync(resolved).isDirectory()) throw new FacetError('BAD_REQUEST', `not a folder: ${resolved}`);
  return resolved;
}

function requireFile(file: string): string {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new FacetError('BAD_REQUEST', `no such file: ${resolved}`);
  if (!fs.statSync(resolved).isFile()) throw new FacetError('BAD_REQUEST', `not a file: ${resolved}`);
  return resolved;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const count = (n: number) => n.toLocaleString('en-US');

export function progressLine(p: EventPayloads['library.onDidProgress']): string {
  const parts = [p.total !== null ? `${count(p.done)} / ${count(p.total)}` : `${count(p.done)}`, `${count(p.added)} new`];
  if (p.ratePerSecond > 0) parts.push(`${p.ratePerSecond.toFixed(p.ratePerSecond < 10 ? 1 : 0)}/s`);
  if (p.etaSeconds !== null) parts.push(`ETA ${Math.ceil(p.etaSeconds)} s`);
  if (p.skipped > 0) parts.push(`${count(p.skipped)} skipped`);
  return parts.join(' · ');
}

function summaryLine(s: LibraryImportSummary): string {
  const seconds = (s.durationMs / 1000).toFixed(1);
  const extras = [
    s.skipped > 0 ? `${s.skipped} already done` : '',
    s.updated > 0 ? `${s.updated} updated in place (Zotero changes, filled stubs)` : '',
    s.pending > 0 ? `${s.pending} metadata pending` : '',
    s.removed > 0 ? `${s.removed} removed in Zotero (kept here)` : '',
  ].filter(Boolean);
  const head = s.cancelled ? `Cancelled: stored ${s.added} new papers` : `Imported ${s.added} new papers`;
  return `${head} from ${s.source} in ${seconds} s: ${s.parsed} records read, ${s.duplicates} duplicates, ${s.titleOnly} title-only, ${s.problems.length} problem(s)${extras.length > 0 ? `; ${extras.join(', ')}` : ''}.`;
}

function resolveLine(s: ResolvePendingSummary): string {
  const head = s.cancelled ? 'Cancelled: filled' : 'Filled';
  return `${head} ${s.filled} of ${s.stubs} pending stubs with fetched metadata in ${(s.durationMs / 1000).toFixed(1)} s; ${s.stillPending} still pending, ${s.problems.length} problem(s).`;
}

function pairLines(pair: DuplicatePair): string {
  const describe = (p: DuplicatePair['a']) => `${p.id}  ${p.title}${p.year ? ` (${p.year})` : ''}`;
  return `${pair.score.toFixed(3)}  cos ${pair.cosine.toFixed(3)} · title ${pair.titleSimilarity.toFixed(2)} · ${pair.reason}\n  ${describe(pair.a)}\n  ${describe(pair.b)}`;
}
