import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanPdfFolder } from '../../../src-main/core/library/pdf-folder.ts';
import { WorkerPdfReader } from '../../../src-main/core/library/pdf-worker-reader.ts';
import type { LibraryItem } from '../../../src-main/core/library/types.ts';
import { buildPdf, paperPage } from '../../fixtures/library/pdf-writer.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-pdf-worker-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WorkerPdfReader', () => {
  it('reads PDFs in a worker thread for scanPdfFolder', async () => {
    fs.writeFileSync(path.join(dir, 'a.pdf'), buildPdf({ pages: [paperPage({ title: ['Read in a worker thread today'], authors: 'Ada Lovelace', abstract: ['Off the main thread.'] })] }));
    fs.writeFileSync(path.join(dir, 'b.pdf'), buildPdf({ pages: [[]] }));
    const reader = new WorkerPdfReader();
    try {
      const items: LibraryItem[] = [];
      for await (const item of scanPdfFolder(dir, { readPdf: reader.read })) items.push(item);
      expect(items.map((item) => (item.kind === 'record' ? item.record.title : item.problem.message))).toEqual([
        'Read in a worker thread today',
        expect.stringMatching(/^no text layer/),
      ]);
    } finally {
      await reader.close();
    }
  });

  it('gives up on a file after the hard limit and starts a fresh worker for the next', async () => {
    const silent = new URL('../../fixtures/library/silent-pdf-worker.mjs', import.meta.url);
    const reader = new WorkerPdfReader({ hardTimeoutMs: 200, workerUrl: silent });
    try {
      const started = Date.now();
      expect(await reader.read('/somewhere/stuck.pdf', 10)).toEqual([
        { kind: 'problem', problem: expect.objectContaining({ source: '/somewhere/stuck.pdf', severity: 'error', message: 'gave up after 0.2 s: the PDF reader did not finish this file' }) },
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(await reader.read('/somewhere/next.pdf', 10)).toEqual([{ kind: 'problem', problem: expect.objectContaining({ source: '/somewhere/next.pdf' }) }]);
    } finally {
      await reader.close();
    }
  });
});
