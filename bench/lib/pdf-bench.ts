/**
 * PDF import throughput: a folder of generated PDFs (one first page each, laid out like a paper:
 * title, authors, abstract) imported through openFacet's library.import, as the app does it
 * (text extraction in the PDF worker, tagging, embedding, store, index).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPdf, paperPage } from '../../test/fixtures/library/pdf-writer.ts';
import { openFacet } from '../../src-main/core/service.ts';
import { median } from './latency.ts';
import { closeWithin } from './library-build.ts';
import type { PdfImportPerf } from './perf-types.ts';
import { syntheticDigests } from './synthetic.ts';

const LINE_CHARS = 95;

/** The generated PDFs carry Latin-1 text (one standard font); anything else becomes a space. */
function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, ' ').replace(/\s+/g, ' ').trim();
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Writes `count` PDFs of synthetic digests into `dir`; returns their total size in bytes. */
export async function writePdfFolder(dir: string, count: number, seed: number, corpusFile: string, corpusDocuments: number): Promise<number> {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let index = 0;
  for await (const digest of syntheticDigests(corpusFile, count, seed, corpusDocuments)) {
    const titleLines = wrap(latin1(digest.title), 60);
    const title: [string] | [string, string] = titleLines.length > 1 ? [titleLines[0] as string, titleLines.slice(1).join(' ')] : [titleLines[0] ?? 'Untitled'];
    const pdf = buildPdf({
      pages: [paperPage({ title, authors: latin1(digest.authors.join(', ')), abstract: wrap(latin1(digest.abstract), LINE_CHARS).slice(0, 40) })],
      info: { title: latin1(digest.title) },
    });
    // Two levels of folders, as a real library is kept.
    const sub = join(dir, `shelf-${String(index % 10)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `paper-${String(index).padStart(6, '0')}.pdf`), pdf);
    bytes += pdf.length;
    index++;
  }
  return bytes;
}

/** Imports the folder into a fresh library `runs` times; the median PDFs/s is the figure. */
export async function measurePdfImport(options: { folder: string; count: number; bytes: number; workDir: string; modelDir: string; runs: number; log: (line: string) => void }): Promise<PdfImportPerf> {
  const seconds: number[] = [];
  let errors = 0;
  let warnings = 0;
  for (let run = 0; run < options.runs; run++) {
    const facet = await openFacet({ dataDir: join(options.workDir, `pdf-import-${run}`), modelDir: options.modelDir });
    try {
      const started = performance.now();
      const summary = await facet.handlers['library.import']({ source: { kind: 'pdf-folder', path: options.folder } });
      const elapsed = (performance.now() - started) / 1000;
      if (summary.added !== options.count) {
        throw new Error(`PDF import run ${run + 1} added ${summary.added} of ${options.count} PDFs (problems: ${summary.problems.length}, first: ${summary.problems[0]?.message ?? 'none'})`);
      }
      errors = summary.problems.filter((problem) => problem.severity === 'error').length;
      warnings = summary.problems.length - errors;
      for (const problem of summary.problems.slice(0, 5)) options.log(`  PDF import problem (${problem.severity}): ${problem.record ?? problem.source}: ${problem.message}`);
      seconds.push(elapsed);
      options.log(`  PDF import run ${run + 1}: ${options.count} PDFs in ${elapsed.toFixed(1)} s (${(options.count / elapsed).toFixed(1)} PDFs/s)`);
    } finally {
      await closeWithin(facet, options.log);
    }
  }
  const typical = median(seconds);
  return { pdfs: options.count, megabytes: options.bytes / 2 ** 20, seconds: typical, pdfsPerSecond: options.count / typical, runs: seconds, errors, warnings };
}
