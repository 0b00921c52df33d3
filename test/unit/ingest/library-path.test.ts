/**
 * library.import now runs through the ingest pipeline: it reports truncated digests as import.run
 * does, and its pipelined writes commit the resume state only through what was stored. Fake
 * embedder (unit tests only), a fresh data folder per test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type LibraryImportSummary } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { writePaperFolder } from '../../fixtures/library/paper-folder.ts';
import { buildZoteroLibrary } from '../../fixtures/library/zotero-fixture.ts';
import { FakeEmbedder } from '../service/fake-embedder.ts';

let tmp: string;
let dataDir: string;
let core: FacetCore | null = null;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-ingest-library-'));
  dataDir = path.join(tmp, 'data');
});

afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(embedder: FakeEmbedder, batchSize: number): Promise<FacetCore> {
  core = await openFacet({ dataDir, embedder, batchSize });
  return core;
}

function importSource(c: FacetCore, source: unknown): Promise<LibraryImportSummary> {
  return c.handlers['library.import'](parseRequest('library.import', { source }));
}

describe('library.import through the ingest pipeline', () => {
  it('warns once about the digests cut to the token limit', async () => {
    const embedder = new FakeEmbedder();
    const zotero = path.join(tmp, 'Zotero');
    const long = Array.from({ length: embedder.maxTokens + 20 }, (_, i) => `term${i}`).join(' ');
    await buildZoteroLibrary(zotero, [
      { key: 'AAAA1111', fields: { title: 'A long paper', abstractNote: long }, creators: ['Ann Long'] },
      { key: 'BBBB2222', fields: { title: 'A short paper', abstractNote: 'Brief.' }, creators: ['Sam Short'] },
      { key: 'CCCC3333', fields: { title: 'Another long paper', abstractNote: `${long} more` }, creators: ['Lee Longer'] },
    ]);
    const c = await open(embedder, 2);
    const summary = await importSource(c, { kind: 'zotero', dataDir: zotero });
    expect(summary).toMatchObject({ added: 3, embedded: 3 });
    const warnings = summary.problems.filter((p) => p.message.includes('token limit'));
    expect(warnings).toEqual([
      {
        source: path.join(zotero, 'zotero.sqlite'),
        line: null,
        record: null,
        severity: 'warning',
        message: `2 record(s) were longer than the model's ${embedder.maxTokens}-token limit; their vectors come from the first ${embedder.maxTokens} tokens`,
      },
    ]);
  });

  it('gives no truncation warning when nothing was cut', async () => {
    const folder = path.join(tmp, 'pdfs');
    writePaperFolder(folder, 3);
    const c = await open(new FakeEmbedder(), 2);
    const summary = await importSource(c, { kind: 'pdf-folder', path: folder });
    expect(summary).toMatchObject({ added: 3 });
    expect(summary.problems.filter((p) => p.message.includes('token limit'))).toEqual([]);
  });

  it('after a failure mid-import, a re-run stores every file: read-ahead items were not marked done', async () => {
    const folder = path.join(tmp, 'pdfs');
    writePaperFolder(folder, 6);
    const failing = new FakeEmbedder();
    failing.failOnCall = 2;
    const c = await open(failing, 2);
    await expect(importSource(c, { kind: 'pdf-folder', path: folder })).rejects.toThrow(/simulated embedder crash/);
    expect((await c.handlers['library.stats']({})).papers).toBe(2);
    await c.close();

    const c2 = await open(new FakeEmbedder(), 2);
    const resumed = await importSource(c2, { kind: 'pdf-folder', path: folder });
    expect(resumed.skipped + resumed.parsed).toBe(6);
    expect(resumed.added).toBe(4);
    expect((await c2.handlers['library.stats']({})).papers).toBe(6);
  });
});
