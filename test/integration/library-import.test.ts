/**
 * Local-library import end to end with the committed model and LanceDB in a temp folder: a
 * generated PDF folder imported, cancelled mid-run and resumed; a generated Zotero library; an
 * identifier list; duplicates listed and merged. Then the same through the real `facet` CLI.
 * Skips with a message where the model is absent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequest, type DuplicatePair, type LibraryImportSummary } from '../../src-main/common/contract.ts';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { openFacet, type FacetCore } from '../../src-main/core/service.ts';
import { writePaperFolder } from '../fixtures/library/paper-folder.ts';
import { buildZoteroLibrary } from '../fixtures/library/zotero-fixture.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const model = realModelDir();
const PDF_COUNT = 60;

const published = {
  title: 'Specialized Document Embeddings for Aspect-based Similarity of Research Papers',
  abstract:
    'Document embeddings and similarity measures underpin content-based recommender systems, whereby a document is commonly represented as a single generic embedding. We propose aspect-based document embeddings: one embedding per aspect, task, method and dataset, learned from papers with code.',
  authors: ['Malte Ostendorff', 'Till Blume', 'Terry Ruas'],
  year: 2022,
  doi: '10.1145/3529372.3530912',
  venue: 'JCDL 2022',
};

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-library-it-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(model.dir === null)(`library import with the real model${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  let core: FacetCore;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = path.join(tmp, 'service-data');
    core = await openFacet({ dataDir, batchSize: 8 });
  }, 120_000);
  afterAll(async () => {
    await core?.close();
  });

  const importSource = (source: unknown, importId?: string): Promise<LibraryImportSummary> =>
    core.handlers['library.import'](parseRequest('library.import', { source, ...(importId ? { importId } : {}) }));

  it('imports a PDF folder, cancelled mid-run and resumed, with every PDF stored once', async () => {
    const folder = path.join(tmp, 'pdfs');
    const papers = writePaperFolder(folder, PDF_COUNT);
    const stop = core.events.on('library.onDidProgress', (p) => {
      if (p.importId === 'first' && p.added >= 8) void core.handlers['library.cancel']({ importId: 'first' });
    });
    const first = await importSource({ kind: 'pdf-folder', path: folder }, 'first');
    stop();
    expect(first.cancelled).toBe(true);
    expect(first.added).toBeGreaterThanOrEqual(8);
    expect(first.added).toBeLessThan(PDF_COUNT);

    const second = await importSource({ kind: 'pdf-folder', path: folder });
    expect(second.cancelled).toBe(false);
    expect(second.skipped).toBeGreaterThanOrEqual(first.added - 1);
    expect(first.added + second.added).toBe(PDF_COUNT);
    const stats = await core.handlers['library.stats']({});
    expect(stats).toMatchObject({ papers: PDF_COUNT, embedded: PDF_COUNT, pendingEmbedding: 0 });

    // The real model finds a paper by its own words, and the paper knows its PDF.
    const hits = await core.handlers['papers.search'](parseRequest('papers.search', { query: papers[5]!.title, mode: 'hybrid', limit: 3 }));
    expect(hits[0]!.paper.title).toBe(papers[5]!.title);
    expect((await core.handlers['papers.get']({ id: hits[0]!.paper.id })).filePath).toBe(papers[5]!.file);
  }, 300_000);

  it('imports a Zotero library with collections and tags, and lists and merges a preprint/published pair', async () => {
    const zotero = path.join(tmp, 'Zotero');
    await buildZoteroLibrary(zotero, [
      {
        key: 'PREPRINT',
        type: 'preprint',
        fields: {
          title: 'Specialized Document Embeddings for Aspect-based Similarity of Scientific Papers',
          abstractNote:
            'Document embeddings and similarity measures underpin content-based recommender systems, whereby a document is commonly represented as a single generic embedding. We propose aspect-based document embeddings: one embedding per aspect, task, method and dataset.',
          date: '2022-05-26 2022-05-26',
          url: 'https://arxiv.org/abs/2205.13147',
          repository: 'arXiv',
        },
        creators: ['Malte Ostendorff', 'Till Blume'],
        tags: ['aspects'],
        collections: ['Thesis/Related work'],
      },
    ]);
    const zotSummary = await importSource({ kind: 'zotero', dataDir: zotero });
    expect(zotSummary).toMatchObject({ parsed: 1, added: 1 });
    const journal = await core.handlers['import.run'](
      parseRequest('import.run', { sources: [{ kind: 'text', name: 'published.jsonl', text: JSON.stringify(published) }] }),
    );
    expect(journal.added).toBe(1);

    const pairs: DuplicatePair[] = await core.handlers['library.duplicates'](parseRequest('library.duplicates', {}));
    const pair = pairs.find((p) => [p.a.title, p.b.title].includes(published.title));
    expect(pair, JSON.stringify(pairs.slice(0, 3))).toBeDefined();
    expect(pair!.cosine).toBeGreaterThanOrEqual(0.85);
    const preprintId = pair!.a.title === published.title ? pair!.b.id : pair!.a.id;
    const publishedId = journal.paperIds![0]!;
    // The generated PDFs come from one template ("Study N of <topic> with <method>"), so some of
    // them are proposed too; none of them is paired with the Ostendorff papers.
    expect(pairs.filter((p) => p !== pair && [p.a.id, p.b.id].some((id) => id === preprintId || id === publishedId))).toEqual([]);

    await core.handlers['reading.set'](parseRequest('reading.set', { id: preprintId, patch: { status: 'reading', tags: ['to-cite'] } }));
    const merged = await core.handlers['library.merge'](parseRequest('library.merge', { a: preprintId, b: publishedId }));
    // The merge's richness rule decides which record is the base; either way the kept paper has both.
    expect([merged.keptId, merged.retiredId].sort()).toEqual([preprintId, publishedId].sort());
    expect(merged.readingMoved).toBe(merged.keptId === publishedId);
    await expect(core.handlers['papers.get']({ id: merged.retiredId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await core.handlers['papers.get']({ id: merged.keptId })).toMatchObject({
      doi: published.doi,
      arxivId: '2205.13147',
      collections: ['Thesis / Related work'],
      tags: ['aspects'],
      embedded: true,
    });
    expect(await core.handlers['reading.get']({ id: merged.keptId })).toMatchObject({ status: 'reading', tags: ['to-cite'] });
    const after = await core.handlers['library.duplicates']({ limit: 1000 });
    expect(after.filter((p) => [p.a.id, p.b.id].some((id) => id === preprintId || id === publishedId))).toEqual([]);
    // Re-running the Zotero import finds nothing changed.
    expect(await importSource({ kind: 'zotero', dataDir: zotero })).toMatchObject({ parsed: 0, added: 0 });
  }, 300_000);
});

/** Runs the CLI and sends it SIGINT once stderr shows the first progress line. */
function facetInterrupted(args: string[]): Promise<Run & { interrupted: boolean }> {
  const bin = path.join(repoRoot(), 'bin', 'facet.mjs');
  return new Promise((resolve) => {
    let interrupted = false;
    const child = execFile(process.execPath, [bin, ...args], { cwd: repoRoot(), maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, interrupted });
    });
    child.stdin!.end();
    child.stderr!.on('data', (chunk: Buffer) => {
      if (!interrupted && / new/.test(chunk.toString())) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function facet(args: string[], stdin?: string): Promise<Run> {
  const bin = path.join(repoRoot(), 'bin', 'facet.mjs');
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: repoRoot(), maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
  });
}

describe('facet library commands: usage errors', () => {
  it('exits 2 with a message for bad usage, and 1 for a missing folder', async () => {
    const usage = await facet(['merge', 'only-one']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('facet merge takes two paper ids');
    const missing = await facet(['import-pdfs', path.join(tmp, 'no-such-folder'), '--data-dir', path.join(tmp, 'unused')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such folder: .*no-such-folder/);
    const help = await facet(['import-zotero', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: facet import-zotero');
  }, 60_000);
});

describe.skipIf(model.dir === null)(`facet library commands with the real model${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  it('import-pdfs, import-ids from stdin, duplicates --json and merge', async () => {
    const dataDir = path.join(tmp, 'cli-data');
    const folder = path.join(tmp, 'cli-pdfs');
    writePaperFolder(folder, 5);
    const pdfs = await facet(['import-pdfs', folder, '--data-dir', dataDir, '--json']);
    expect(pdfs.code, pdfs.stderr).toBe(0);
    expect(JSON.parse(pdfs.stdout)).toMatchObject({ kind: 'pdf-folder', added: 5, cancelled: false });
    expect(pdfs.stderr).toMatch(/5 \/ 5 · 5 new/);

    const again = await facet(['import-pdfs', folder, '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Imported 0 new papers from .* 5 already done\.$/m);

    const ids = await facet(['import-ids', '-', '--data-dir', dataDir, '--json'], 'arXiv:2205.13147\nhttps://doi.org/10.1145/3529372.3530912\n');
    expect(ids.code, ids.stderr).toBe(0);
    expect(JSON.parse(ids.stdout)).toMatchObject({ kind: 'identifiers', added: 2, pending: 2 });

    const dups = await facet(['duplicates', '--data-dir', dataDir, '--json']);
    expect(dups.code, dups.stderr).toBe(0);
    expect(JSON.parse(dups.stdout)).toEqual([]);

    const list = await facet(['search', 'Study 1 of machine translation', '--mode', 'keyword', '--data-dir', dataDir, '--json']);
    const [x, y] = (JSON.parse(list.stdout) as { id: string }[]).map((hit) => hit.id);
    const merge = await facet(['merge', x!, y!, '--data-dir', dataDir, '--json']);
    expect(merge.code, merge.stderr).toBe(0);
    expect(JSON.parse(merge.stdout)).toMatchObject({ keptId: x, retiredId: y });
    const unknown = await facet(['merge', x!, 'no-such-id', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no paper with id or source key "no-such-id"');
  }, 300_000);

  it('Ctrl-C stops import-pdfs with exit status 130 after storing what was read, and a re-run finishes', async () => {
    const dataDir = path.join(tmp, 'cli-sigint-data');
    const folder = path.join(tmp, 'cli-sigint-pdfs');
    const count = 1500;
    writePaperFolder(folder, count);
    const first = await facetInterrupted(['import-pdfs', folder, '--data-dir', dataDir, '--json']);
    expect(first.interrupted).toBe(true);
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toContain('stopping after the batch in hand');
    const stopped = JSON.parse(first.stdout) as LibraryImportSummary;
    expect(stopped.cancelled).toBe(true);
    expect(stopped.added).toBeLessThan(count);
    const second = await facet(['import-pdfs', folder, '--data-dir', dataDir, '--json']);
    expect(second.code, second.stderr).toBe(0);
    const resumed = JSON.parse(second.stdout) as LibraryImportSummary;
    expect(stopped.added + resumed.added).toBe(count);
    const stats = await facet(['stats', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ papers: count, embedded: count });
  }, 300_000);
});
