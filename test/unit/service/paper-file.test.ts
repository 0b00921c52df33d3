import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacetError, type Paper } from '../../../src-main/common/contract.ts';
import { openPaperFile } from '../../../src-main/core/service/paper-file.ts';
import { openCommand } from '../../../src-main/node/system-opener.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-paper-file-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A papers.get that knows one paper, with the given file. */
const coreWith = (filePath: string | null) => ({
  'papers.get': async ({ id }: { id: string }) => {
    if (id !== 'p1') throw new FacetError('NOT_FOUND', `no paper with id "${id}"`);
    return { id, title: 'Aspect Embeddings', filePath } as unknown as Paper;
  },
});

describe('papers.openFile', () => {
  it('hands the stored PDF to the opener and says which file it was', async () => {
    const file = path.join(dir, 'paper.PDF');
    fs.writeFileSync(file, '%PDF-1.4\n');
    const opened: string[] = [];
    expect(await openPaperFile(coreWith(file), 'p1', async (f) => void opened.push(f))).toEqual({ opened: file });
    expect(opened).toEqual([file]);
  });

  it('refuses a paper without a PDF, a file that is not a PDF, and a PDF that is gone, opening nothing', async () => {
    const opened: string[] = [];
    const open = async (f: string) => void opened.push(f);
    await expect(openPaperFile(coreWith(null), 'p1', open)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '"Aspect Embeddings" has no PDF: it was not imported from a PDF folder' });
    const script = path.join(dir, 'run.sh');
    fs.writeFileSync(script, 'echo');
    await expect(openPaperFile(coreWith(script), 'p1', open)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('is not a PDF') as unknown });
    await expect(openPaperFile(coreWith(path.join(dir, 'gone.pdf')), 'p1', open)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('is no longer at') as unknown });
    fs.mkdirSync(path.join(dir, 'folder.pdf'));
    await expect(openPaperFile(coreWith(path.join(dir, 'folder.pdf')), 'p1', open)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openPaperFile(coreWith(null), 'nope', open)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(opened).toEqual([]);
  });

  it("uses each system's own open command, the path as one argument", () => {
    const file = '/home/r/Papers/a b; rm -rf.pdf';
    expect(openCommand(file, 'linux')).toEqual({ command: 'xdg-open', args: [file] });
    expect(openCommand(file, 'darwin')).toEqual({ command: 'open', args: [file] });
    expect(openCommand('C:\\Papers\\a b.pdf', 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'C:\\Papers\\a b.pdf'] });
  });
});
