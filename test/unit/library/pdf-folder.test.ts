import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCheckpoint } from '../../../src-main/core/library/checkpoint.ts';
import { scanPdfFolder } from '../../../src-main/core/library/pdf-folder.ts';
import type { LibraryItem, LibraryProgress } from '../../../src-main/core/library/types.ts';
import { buildPdf, paperPage } from '../../fixtures/library/pdf-writer.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-pdf-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function collect(items: AsyncIterable<LibraryItem>): Promise<LibraryItem[]> {
  const out: LibraryItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const records = (items: LibraryItem[]) => items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
const problems = (items: LibraryItem[]) => items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));

function writePaper(file: string, n: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    buildPdf({
      pages: [
        paperPage({
          title: [`Paper number ${n} on aspect-based`, 'document similarity'],
          authors: 'Ada Lovelace, Alan Turing and Grace Hopper',
          abstract: [`We study paper ${n} and propose a method for find-`, 'ing similar research papers.'],
        }),
      ],
    }),
  );
}

describe('scanPdfFolder', () => {
  it('extracts title, authors, abstract, arXiv id and DOI from a typeset first page', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'paper.pdf');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      buildPdf({
        pages: [
          paperPage({
            arxivStamp: 'arXiv:2205.13147v2 [cs.CL] 27 May 2022',
            title: ['Specialized Document Embeddings for', 'Aspect-based Similarity of Research Papers'],
            authors: 'Malte Ostendorff*, Till Blume and Terry Ruas',
            abstract: [
              'Document embeddings and similarity measures underpin content-based recom-',
              'mender systems. We propose aspect-based document embeddings.',
            ],
            doiLine: 'DOI: https://doi.org/10.1145/3529372.3530912.',
          }),
          [{ text: 'More text on page two.', size: 10, y: 700 }],
        ],
      }),
    );
    const items = await collect(scanPdfFolder(dir));
    const [record] = records(items);
    expect(record).toBeDefined();
    expect(record!.title).toBe('Specialized Document Embeddings for Aspect-based Similarity of Research Papers');
    expect(record!.authors).toEqual(['Malte Ostendorff', 'Till Blume', 'Terry Ruas']);
    expect(record!.abstract).toBe(
      'Document embeddings and similarity measures underpin content-based recommender systems. We propose aspect-based document embeddings.',
    );
    expect(record!.arxivId).toBe('2205.13147');
    expect(record!.doi).toBe('10.1145/3529372.3530912');
    expect(record!.year).toBe(2022);
    expect(record!.filePath).toBe(file);
    expect(problems(items)).toEqual([]);
  });

  it('lists bad files with a reason and keeps going', async () => {
    writePaper(path.join(dir, 'a-good.pdf'), 1);
    fs.writeFileSync(path.join(dir, 'empty.pdf'), '');
    const broken = buildPdf({ pages: [paperPage({ title: ['Broken'], authors: 'A B', abstract: ['x'] })] });
    fs.writeFileSync(path.join(dir, 'corrupted.pdf'), Buffer.concat([broken.subarray(0, 9), Buffer.from('garbage '.repeat(50))]));
    fs.writeFileSync(path.join(dir, 'not-a-pdf.pdf'), 'hello, I am a text file');
    fs.writeFileSync(path.join(dir, 'scanned.pdf'), buildPdf({ pages: [[]] }));
    fs.writeFileSync(path.join(dir, 'locked.pdf'), buildPdf({ pages: [paperPage({ title: ['Secret'], authors: 'A B', abstract: ['x'] })], encrypted: true }));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not scanned');
    fs.mkdirSync(path.join(dir, 'loop'));
    fs.symlinkSync(dir, path.join(dir, 'loop', 'back-to-root'));
    fs.symlinkSync(path.join(dir, 'self-a'), path.join(dir, 'self-b'));
    fs.symlinkSync(path.join(dir, 'self-b'), path.join(dir, 'self-a'));
    fs.symlinkSync(path.join(dir, 'missing.pdf'), path.join(dir, 'dangling.pdf'));
    writePaper(path.join(dir, 'z-last.pdf'), 2);

    const items = await collect(scanPdfFolder(dir));
    expect(records(items).map((r) => r.title)).toEqual([
      'Paper number 1 on aspect-based document similarity',
      'Paper number 2 on aspect-based document similarity',
    ]);
    const byFile = new Map(problems(items).map((p) => [path.basename(p.source), p.message]));
    expect(byFile.get('empty.pdf')).toMatch(/empty file/);
    expect(byFile.get('corrupted.pdf')).toMatch(/PDF|pdf\.js/);
    expect(byFile.get('not-a-pdf.pdf')).toMatch(/not a PDF/);
    expect(byFile.get('scanned.pdf')).toMatch(/no text layer/);
    expect(byFile.get('locked.pdf')).toMatch(/encrypted/);
    expect(byFile.get('back-to-root')).toMatch(/symbolic link to a folder already scanned/);
    expect(byFile.get('self-a')).toMatch(/loop/);
    expect(byFile.get('dangling.pdf')).toMatch(/broken symbolic link/);
    expect(byFile.has('notes.txt')).toBe(false);
  });

  it('reports an unreadable file (when permissions are enforced)', async (context) => {
    const file = path.join(dir, 'private.pdf');
    writePaper(file, 3);
    fs.chmodSync(file, 0o000);
    let readable = true;
    try {
      fs.readFileSync(file);
    } catch {
      readable = false;
    }
    if (readable) {
      context.skip(`running as a user who can read chmod-000 files (uid ${process.getuid?.()}), so the permission case cannot be made`);
      return;
    }
    const items = await collect(scanPdfFolder(dir));
    expect(problems(items)).toEqual([expect.objectContaining({ source: file, severity: 'error', message: 'cannot read file: permission denied' })]);
  });

  it('resumes after a cancel from the checkpoint and reports count, rate and ETA', async () => {
    for (let n = 0; n < 12; n++) writePaper(path.join(dir, `folder-${n % 3}`, `paper-${String(n).padStart(2, '0')}.pdf`), n);
    const checkpointFile = path.join(dir, 'state', 'scan.json');
    const controller = new AbortController();
    const firstRun: string[] = [];
    await expect(async () => {
      for await (const item of scanPdfFolder(dir, { signal: controller.signal, checkpoint: FileCheckpoint.open(checkpointFile) })) {
        if (item.kind === 'record') firstRun.push(item.record.filePath!);
        if (firstRun.length === 5) controller.abort(new Error('cancelled by test'));
      }
    }).rejects.toThrow('cancelled by test');
    expect(firstRun).toHaveLength(5);
    // The fifth item was in hand when the run stopped: not marked done, so it comes again.
    expect(FileCheckpoint.open(checkpointFile).size).toBe(4);

    const progress: LibraryProgress[] = [];
    const secondRun = records(await collect(scanPdfFolder(dir, { checkpoint: FileCheckpoint.open(checkpointFile), onProgress: (p) => progress.push(p) })));
    expect(secondRun.map((r) => r.filePath)).toEqual(expect.arrayContaining([firstRun[4]]));
    expect(secondRun).toHaveLength(8);
    expect(new Set([...firstRun.slice(0, 4), ...secondRun.map((r) => r.filePath!)]).size).toBe(12);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ done: 12, total: 12, skipped: 4, etaSeconds: 0 });
    expect(last.ratePerSecond).toBeGreaterThan(0);

    // A third run finds everything done; a changed file is read again.
    writePaper(path.join(dir, 'folder-0', 'paper-00.pdf'), 100);
    const thirdRun = records(await collect(scanPdfFolder(dir, { checkpoint: FileCheckpoint.open(checkpointFile) })));
    expect(thirdRun.map((r) => r.title)).toEqual(['Paper number 100 on aspect-based document similarity']);
  });

  it('honours a caller skip function', async () => {
    writePaper(path.join(dir, 'one.pdf'), 1);
    writePaper(path.join(dir, 'two.pdf'), 2);
    const items = await collect(scanPdfFolder(dir, { skip: (file) => file.endsWith('one.pdf') }));
    expect(records(items).map((r) => path.basename(r.filePath!))).toEqual(['two.pdf']);
  });

  it('reports a missing folder as one error', async () => {
    const items = await collect(scanPdfFolder(path.join(dir, 'nope')));
    expect(problems(items)).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/cannot open folder .*does not exist/) })]);
  });
});

describe('metadataFromPdfText', () => {
  it('reads "Abstract—" run-in headings but not "Abstract Syntax" titles', async () => {
    const { metadataFromPdfText } = await import('../../../src-main/core/library/pdf-metadata.ts');
    const line = (text: string, size: number, y: number) => ({ text, size, page: 1, y });
    const runIn = metadataFromPdfText(
      { lines: [line('Graph Methods for Citation Networks', 16, 700), line('Jane Doe and John Roe', 10, 680), line('Abstract—We study graphs of citations.', 9, 650), line('Index Terms—graphs', 9, 630)], pageCount: 1, infoTitle: null, infoAuthor: null },
      'x.pdf',
    );
    expect(runIn.record.abstract).toBe('We study graphs of citations.');
    expect(runIn.record.authors).toEqual(['Jane Doe', 'John Roe']);
    const manual = metadataFromPdfText(
      { lines: [line('Libasn Reference Manual', 20, 700), line('Abstract Syntax Notation One library', 12, 650)], pageCount: 1, infoTitle: null, infoAuthor: null },
      'libasn.pdf',
    );
    expect(manual.record.abstract).toBe('');
    expect(manual.warnings).toEqual(['no "Abstract" section found: imported title-only']);
  });

  it('falls back to the Title field, then to the file name', async () => {
    const { metadataFromPdfText } = await import('../../../src-main/core/library/pdf-metadata.ts');
    const lines = [{ text: '12', size: 10, page: 1, y: 40 }];
    expect(metadataFromPdfText({ lines, pageCount: 1, infoTitle: 'A Title From The Info Dictionary', infoAuthor: 'Ada Lovelace; Alan Turing' }, 'f.pdf').record).toMatchObject({
      title: 'A Title From The Info Dictionary',
      authors: ['Ada Lovelace', 'Alan Turing'],
    });
    expect(metadataFromPdfText({ lines, pageCount: 1, infoTitle: 'Microsoft Word - draft7.docx', infoAuthor: null }, 'my_paper_draft.pdf').record.title).toBe('my paper draft');
  });
});

describe('groupLines', () => {
  it('joins items on one baseline, drops raised marks, splits at baseline changes, and keeps a rotated stamp whole', async () => {
    const { groupLines } = await import('../../../src-main/core/library/pdf-text.ts');
    const item = (str: string, transform: number[], width: number, hasEOL = false) => ({ str, transform, width, hasEOL });
    const lines = groupLines(
      [
        item('Aspect-based', [17, 0, 0, 17, 72, 700], 100),
        item('Similarity', [17, 0, 0, 17, 180, 700], 80),
        item('1', [7, 0, 0, 7, 262, 706], 4), // a footnote mark, raised
        item('Second line', [10, 0, 0, 10, 72, 660], 60),
        // arXiv's stamp, rotated 90 degrees and split in two items along its baseline.
        item('arXiv:2205.13147v1', [0, 20, -20, 0, 40, 250], 180),
        item(' [cs.CL] 27 May 2022', [0, 20, -20, 0, 40, 430], 190),
      ],
      1,
    );
    expect(lines.map((line) => [line.text, line.size])).toEqual([
      ['Aspect-based Similarity', 17],
      ['Second line', 10],
      ['arXiv:2205.13147v1 [cs.CL] 27 May 2022', 20],
    ]);
  });
});
