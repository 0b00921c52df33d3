/**
 * Runs one parsed `facet` command against the core. Results go to stdout (text or --json),
 * progress and problems to stderr. Returns the exit status; failures throw (cli.ts prints them).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { FacetError, type ImportSummary, type LibrarySourceArg, type Neighbour, type SearchHit } from '../../common/contract.ts';
import { callRequest } from '../../common/dispatch.ts';
import { detectFormat, looksLikeIdentifierList } from '../../core/import/index.ts';
import { defaultDataDir, resolveModelDir } from '../../core/data-dir.ts';
import { openFacet, type FacetCore } from '../../core/service.ts';
import { noteLibraryUpkeep } from './upkeep-notes.ts';
import { USAGE, type Command } from './args.ts';
import { runEmbed } from './embed-command.ts';
import { runImport } from './library-commands.ts';
import { runReadingCommand } from './reading-commands.ts';
import { resolvePaperRef, withPaperIds } from './paper-refs.ts';
import { runSimilarBatch } from './similar-batch.ts';
import { runCompare, runCrossAspect } from './aspect-commands.ts';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: Writable;
  stderr: Writable;
}

type LibraryCommand = Exclude<Command, { name: 'help' } | { name: 'embed' }>;

export async function runCommand(command: Command, io: CliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);

  if (command.name === 'help') {
    out(USAGE[command.topic ?? 'main']);
    return 0;
  }
  if (command.name === 'embed') {
    const modelDir = resolveModelDir({ modelDir: command.modelDir });
    // Imported here: the other commands never load the embedder's code.
    const { WorkerEmbedder } = await import('../../core/embed/worker-embedder.ts');
    const embedder = await WorkerEmbedder.start(modelDir, { batchSize: command.batchSize });
    try {
      err(`facet embed: model ${embedder.info.id} (${embedder.info.dims} dims)`);
      const counts = await runEmbed(embedder, command.input, command.output, command.batchSize, {
        stdin: io.stdin,
        stdout: io.stdout,
        progress: (line) => err(line),
      });
      err(`facet embed: wrote ${counts.lines} lines${counts.truncated > 0 ? `; ${counts.truncated} inputs were cut to ${embedder.maxTokens} tokens` : ''}`);
    } finally {
      await embedder.close();
    }
    return 0;
  }

  // Fail before opening anything when a named path is missing; folders and identifier lists go
  // to the library importers (as import-pdfs and import-ids would), everything else to import.run.
  const plan = command.name === 'import' ? command.files.map(planImport) : [];

  const dataDir = command.dataDir ?? defaultDataDir();
  const core = await openFacet({ dataDir, modelDir: command.modelDir });
  noteLibraryUpkeep(core, io.stderr);
  try {
    return await runLibraryCommand(core, command, out, err, plan);
  } finally {
    await core.close();
  }
}

async function runLibraryCommand(core: FacetCore, named: LibraryCommand, out: (t: string) => void, err: (t: string) => void, plan: readonly ImportStep[]): Promise<number> {
  const { handlers } = core;
  const command = await withPaperIds(handlers, named);
  switch (command.name) {
    case 'mark':
    case 'list':
    case 'for-you':
    case 'not-relevant':
    case 'export':
      return runReadingCommand(core, command, out, err);
    case 'import': {
      const files = plan.filter((step) => step.kind === 'file');
      let status = 0;
      if (files.length > 0) status = await importFiles(core, files.map((step) => step.path), command.json, out, err);
      for (const step of plan) {
        if (step.kind === 'library') status = Math.max(status, await runImport(core, step.source, command.json, out, err, {}));
      }
      return status;
    }
    case 'search': {
      await core.idle();
      const hits = await callRequest(handlers, 'papers.search', { query: command.query, mode: command.mode, limit: command.k });
      if (command.json) out(JSON.stringify(hits.map(searchJson), null, 2));
      else if (hits.length === 0) err('no matches');
      else for (const hit of hits) out(`${String(hit.rank).padStart(3)}. ${hit.paper.id}  ${hit.paper.title}${hit.paper.year ? ` (${hit.paper.year})` : ''}\n       ${hit.reason}`);
      return 0;
    }
    case 'similar': {
      await core.idle();
      if (command.unlike !== null) return runCrossAspect(handlers, { ...command, unlike: command.unlike }, out);
      const neighbours = await callRequest(handlers, 'papers.similar', { id: command.id, aspect: command.aspect, k: command.k });
      if (command.json) out(JSON.stringify(neighbours.map(neighbourJson), null, 2));
      else {
        const source = await handlers['papers.get']({ id: command.id });
        out(`Nearest by ${command.aspect} to: ${source.title}`);
        for (const n of neighbours) {
          out(`${String(n.rank).padStart(3)}. ${n.score.toFixed(4)}  ${n.paper.id}  ${n.paper.title}`);
          if (n.reason) out(`       ${n.reason}`);
        }
      }
      return 0;
    }
    case 'compare':
      await core.idle();
      return runCompare(handlers, command, out);
    case 'get': {
      const paper = await handlers['papers.get']({ id: command.id });
      if (command.json) out(JSON.stringify(paper, null, 2));
      else out([`${paper.id}${paper.sourceKey ? ` (source key ${paper.sourceKey})` : ''}`, `${paper.title}${paper.year ? ` (${paper.year})` : ''}`, paper.authors.join(', '), '', paper.abstract].join('\n').trimEnd());
      return 0;
    }
    case 'similar-batch': {
      await core.idle();
      const resolveRef = (ref: string) => resolvePaperRef(handlers, ref).catch((error: unknown) => {
        if (error instanceof FacetError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
      return runSimilarBatch(handlers, command.file, resolveRef, out);
    }
    case 'stats': {
      const stats = await handlers['library.stats']({});
      if (command.json) out(JSON.stringify(stats, null, 2));
      else {
        out(`Library:   ${stats.dataDir}`);
        out(`Papers:    ${stats.papers} (${stats.titleOnly} title-only)`);
        out(`Embedded:  ${stats.embedded}${stats.pendingEmbedding > 0 ? ` (${stats.pendingEmbedding} pending)` : ''}`);
        out(`Model:     ${stats.model.name} [${stats.model.id}], ${stats.model.dims} dims${stats.model.provisional ? ', provisional' : ''}`);
      }
      return 0;
    }
  }
}

export type ImportStep = { kind: 'file'; path: string } | { kind: 'library'; source: LibrarySourceArg };

/** Where `facet import` sends a path: a folder to the PDF-folder importer, an identifier list to the stub importer, other files to import.run. */
export function planImport(file: string): ImportStep {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new FacetError('BAD_REQUEST', `no such file: ${file}`);
  const stat = fs.statSync(resolved);
  if (stat.isDirectory()) return { kind: 'library', source: { kind: 'pdf-folder', path: resolved } };
  if (!stat.isFile()) throw new FacetError('BAD_REQUEST', `not a file or folder: ${file}`);
  const head = readHead(resolved);
  if (detectFormat(resolved, head) === 'digest' && looksLikeIdentifierList(head)) return { kind: 'library', source: { kind: 'identifiers-file', path: resolved } };
  return { kind: 'file', path: resolved };
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const bytes = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytes).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** import.run over record files (digest pages, BibTeX, RIS, CSL-JSON, JSON/JSONL), in order. */
async function importFiles(core: FacetCore, paths: string[], json: boolean, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const stopProgress = core.events.on('import.onDidProgress', (p) => {
    if (p.phase === 'store') err(`${path.basename(p.source)}: ${p.done} new papers stored`);
    else if (p.phase === 'index') err('updating search indexes…');
  });
  const summary = await callRequest(core.handlers, 'import.run', { sources: paths.map((file) => ({ kind: 'file', path: file })) });
  stopProgress();
  for (const problem of summary.problems) {
    const where = problem.line !== null ? `${problem.source}:${problem.line}` : problem.source;
    err(`${problem.severity}: ${where}${problem.record ? ` (${problem.record})` : ''}: ${problem.message}`);
  }
  if (json) out(JSON.stringify(summary, null, 2));
  else out(importLine(summary));
  // A source that could not be read at all is a failure, even if other sources imported.
  return summary.problems.some((p) => p.severity === 'error' && p.line === null) ? 1 : 0;
}

function importLine(s: ImportSummary): string {
  const seconds = (s.durationMs / 1000).toFixed(1);
  return `Imported ${s.added} new papers from ${s.sources.length} source(s) in ${seconds} s: ${s.parsed} records read, ${s.duplicates} duplicates, ${s.titleOnly} title-only, ${s.problems.length} problem(s).`;
}

function searchJson(hit: SearchHit) {
  return { id: hit.paper.id, sourceKey: hit.paper.sourceKey ?? null, title: hit.paper.title, score: hit.score, rank: hit.rank, match: hit.match, reason: hit.reason, year: hit.paper.year, authors: hit.paper.authors, arxivId: hit.paper.arxivId, doi: hit.paper.doi };
}

function neighbourJson(n: Neighbour) {
  return { id: n.paper.id, sourceKey: n.paper.sourceKey ?? null, title: n.paper.title, score: n.score, rank: n.rank, sharedTerms: n.sharedTerms, reason: n.reason, year: n.paper.year };
}
