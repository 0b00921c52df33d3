/**
 * The shell's IPC handlers with grants, called the way Electron would (a fake ipcMain and invoke
 * event, no Electron): requests that name a path, a made-up grant or a grant of the wrong kind are
 * refused before the core sees them; what the person picked in a dialog reaches the core as its path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../../src-main/common/contract.ts';
import type { FileGrant } from '../../../src-main/common/contract-renderer.ts';
import { GrantRegistry } from '../../../src-main/core/service/grants.ts';
import { rendererHandlers } from '../../../src-main/core/service/renderer-handlers.ts';
import type { CoreHandlers } from '../../../src-main/core/types.ts';
import type { IpcReply } from '../../../src-main/shell/channels.ts';
import { createDialogGrants } from '../../../src-main/shell/dialog-grants.ts';
import type { DialogOpenOptions, DialogSaveOptions, NativeDialogs, OpenDialogResultLike, SaveDialogResultLike } from '../../../src-main/shell/dialog-grants.ts';
import { createDialogDispatcher, createRequestDispatcher, registerDialogHandlers, registerRequestHandlers } from '../../../src-main/shell/ipc.ts';
import type { InvokeEventLike, IpcMainLike } from '../../../src-main/shell/ipc.ts';

const APP_PAGE = 'facet://app/index.html';

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, args: unknown, senderUrl: string | null = APP_PAGE): Promise<IpcReply> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, args)) as IpcReply;
  }
}

/** Dialogs that answer with what the test queued, recording what they were asked to show. */
class FakeDialogs implements NativeDialogs {
  readonly opened: DialogOpenOptions[] = [];
  readonly saved: DialogSaveOptions[] = [];
  nextOpen: OpenDialogResultLike = { canceled: true, filePaths: [] };
  nextSave: SaveDialogResultLike = { canceled: true, filePath: '' };
  constructor(private readonly documents: string) {}
  async showOpenDialog(options: DialogOpenOptions) {
    this.opened.push(options);
    return this.nextOpen;
  }
  async showSaveDialog(options: DialogSaveOptions) {
    this.saved.push(options);
    return this.nextSave;
  }
  defaultSaveDir() {
    return this.documents;
  }
}

function recordingCore(calls: Array<{ name: string; args: unknown }>): CoreHandlers {
  const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) {
    handlers[name] = async (args) => {
      calls.push({ name, args });
      return { answeredBy: name };
    };
  }
  return handlers as unknown as CoreHandlers;
}

function expectRefused(reply: IpcReply, pattern: RegExp): void {
  expect(reply.ok).toBe(false);
  if (reply.ok) return;
  expect(reply.error.code).toBe('BAD_REQUEST');
  expect(reply.error.message).toMatch(pattern);
}

const selection = { kind: 'ids', ids: ['p1'] } as const;

describe('IPC with grants instead of paths', () => {
  let tempDir: string;
  let bibFile: string;
  let papersDir: string;
  let exportTarget: string;
  let calls: Array<{ name: string; args: unknown }>;
  let grants: GrantRegistry;
  let dialogs: FakeDialogs;
  let ipc: FakeIpcMain;

  beforeAll(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-grants-ipc-'));
    bibFile = path.join(tempDir, 'refs.bib');
    fs.writeFileSync(bibFile, '@article{a, title={A}}\n');
    papersDir = path.join(tempDir, 'Papers');
    fs.mkdirSync(papersDir);
    exportTarget = path.join(tempDir, 'out', 'list.bib');
  });

  afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

  beforeEach(() => {
    calls = [];
    grants = new GrantRegistry();
    dialogs = new FakeDialogs(path.join(tempDir, 'Documents'));
    ipc = new FakeIpcMain();
    const trusted = (url: string | null) => url === APP_PAGE;
    const handlers = rendererHandlers(recordingCore(calls), grants);
    registerRequestHandlers(ipc, createRequestDispatcher(() => handlers, trusted));
    registerDialogHandlers(ipc, createDialogDispatcher(createDialogGrants(dialogs, grants, () => tempDir), trusted));
  });

  it('refuses export.run with a path, without calling the core or writing anything', async () => {
    const forged = path.join(tempDir, 'pwned', 'deep', 'evil.sh');
    expectRefused(await ipc.invoke('facet:export.run', { format: 'bibtex', selection, path: forged }), /^export\.run: .*path/);
    expectRefused(await ipc.invoke('facet:export.run', { format: 'bibtex', selection, saveTo: { path: forged } }), /^export\.run: /);
    expect(calls).toEqual([]);
    expect(fs.existsSync(path.join(tempDir, 'pwned'))).toBe(false);
  });

  it('refuses import.run with a file path', async () => {
    expectRefused(await ipc.invoke('facet:import.run', { sources: [{ kind: 'file', path: '/etc/passwd' }] }), /^import\.run: sources\.0/);
    // A path smuggled beside text is refused too (strict objects), not silently dropped.
    expectRefused(await ipc.invoke('facet:import.run', { sources: [{ kind: 'text', name: 'x', text: '', path: '/etc/passwd' }] }), /^import\.run: /);
    expect(calls).toEqual([]);
  });

  it('refuses library.import with a folder path, a Zotero data folder or an identifier file path', async () => {
    for (const source of [
      { kind: 'pdf-folder', path: '/' },
      { kind: 'zotero', dataDir: '/home' },
      { kind: 'identifiers-file', path: '/etc/hostname' },
      { kind: 'pdf-folder', grant: '/etc' },
    ]) {
      expectRefused(await ipc.invoke('facet:library.import', { source }), /^library\.import: source/);
    }
    expect(calls).toEqual([]);
  });

  it('refuses forged grants: made up, or issued for something else', async () => {
    const madeUp = randomBytes(32).toString('base64url');
    expectRefused(await ipc.invoke('facet:import.run', { sources: [{ kind: 'grant', grant: madeUp }] }), /unknown or expired grant/);
    expectRefused(await ipc.invoke('facet:export.run', { format: 'bibtex', selection, saveTo: { grant: madeUp } }), /unknown or expired grant/);
    expectRefused(await ipc.invoke('facet:library.import', { source: { kind: 'zotero', grant: madeUp } }), /unknown or expired grant/);

    const readFile = grants.issue({ path: bibFile, kind: 'file', access: 'read' });
    const folder = grants.issue({ path: papersDir, kind: 'folder', access: 'read' });
    // A file to read is not a file to write, nor a folder; a folder is not a file.
    expectRefused(await ipc.invoke('facet:export.run', { format: 'bibtex', selection, saveTo: { grant: readFile.grant } }), /for reading a file, not for writing a file/);
    expectRefused(await ipc.invoke('facet:library.import', { source: { kind: 'pdf-folder', grant: readFile.grant } }), /for reading a file, not for reading a folder/);
    expectRefused(await ipc.invoke('facet:import.run', { sources: [{ kind: 'grant', grant: folder.grant }] }), /for reading a folder, not for reading a file/);
    // One bad grant among good sources stops the whole import before anything is read.
    expectRefused(await ipc.invoke('facet:import.run', { sources: [{ kind: 'grant', grant: readFile.grant }, { kind: 'grant', grant: madeUp }] }), /unknown or expired grant/);
    expect(calls).toEqual([]);
  });

  it('imports the files picked in the Import dialog by grant; the core gets their paths', async () => {
    dialogs.nextOpen = { canceled: false, filePaths: [bibFile, path.join(tempDir, 'notes.docx')] };
    const reply = await ipc.invoke('facet:dialog.importFiles', {});
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const picked = reply.value as { grants: FileGrant[]; rejected: { path: string; reason: string }[] };
    expect(picked.grants).toEqual([{ grant: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), name: bibFile, kind: 'file', access: 'read' }]);
    expect(picked.rejected).toEqual([{ path: path.join(tempDir, 'notes.docx'), reason: expect.stringContaining('not an importable file type') }]);
    expect(dialogs.opened[0]!.properties).toEqual(['openFile', 'multiSelections']);

    const grant = picked.grants[0]!.grant;
    expect(await ipc.invoke('facet:import.run', { sources: [{ kind: 'grant', grant }, { kind: 'text', name: 'pasted', text: 'x' }] })).toEqual({ ok: true, value: { answeredBy: 'import.run' } });
    expect(calls).toEqual([{ name: 'import.run', args: { sources: [{ kind: 'file', path: bibFile }, { kind: 'text', name: 'pasted', text: 'x' }] } }]);
    // Read grants last: importing the same file again (it resumes) needs no new dialog.
    expect((await ipc.invoke('facet:import.run', { sources: [{ kind: 'grant', grant }] })).ok).toBe(true);
  });

  it('imports a folder picked in the folder dialog, as a PDF folder or a Zotero data folder', async () => {
    dialogs.nextOpen = { canceled: false, filePaths: [papersDir] };
    const reply = await ipc.invoke('facet:dialog.folder', { purpose: 'pdf-folder' });
    const folder = (reply as { ok: true; value: FileGrant }).value;
    expect(folder).toMatchObject({ kind: 'folder', access: 'read', name: papersDir });
    expect(dialogs.opened[0]!.properties).toEqual(['openDirectory']);
    expect((await ipc.invoke('facet:library.import', { source: { kind: 'pdf-folder', grant: folder.grant }, importId: 'run-1' })).ok).toBe(true);
    expect((await ipc.invoke('facet:library.import', { source: { kind: 'zotero', grant: folder.grant } })).ok).toBe(true);
    expect(calls).toEqual([
      { name: 'library.import', args: { source: { kind: 'pdf-folder', path: papersDir }, importId: 'run-1' } },
      { name: 'library.import', args: { source: { kind: 'zotero', dataDir: papersDir, full: false } } },
    ]);
    // Identifier lists travel as text and pass straight through.
    expect((await ipc.invoke('facet:library.import', { source: { kind: 'identifiers', name: 'ids.txt', text: '10.1/x' } })).ok).toBe(true);
    expect(calls[2]).toEqual({ name: 'library.import', args: { source: { kind: 'identifiers', name: 'ids.txt', text: '10.1/x' } } });
  });

  it('exports through the save dialog: a grant for writing one file, spent by one export', async () => {
    dialogs.nextSave = { canceled: false, filePath: exportTarget };
    const reply = await ipc.invoke('facet:dialog.saveExport', { format: 'bibtex', fileName: '../../etc/facet-reading-list.bib' });
    const target = (reply as { ok: true; value: FileGrant }).value;
    expect(target).toMatchObject({ kind: 'file', access: 'write', name: exportTarget });
    // The page only suggests a bare name; the dialog starts in Documents.
    expect(dialogs.saved[0]).toMatchObject({ defaultPath: path.join(tempDir, 'Documents', 'facet-reading-list.bib'), filters: [{ name: 'BibTeX', extensions: ['bib'] }] });

    expect(await ipc.invoke('facet:export.run', { format: 'bibtex', selection, saveTo: { grant: target.grant } })).toEqual({ ok: true, value: { answeredBy: 'export.run' } });
    expect(calls).toEqual([{ name: 'export.run', args: { format: 'bibtex', selection, path: exportTarget } }]);
    expectRefused(await ipc.invoke('facet:export.run', { format: 'bibtex', selection, saveTo: { grant: target.grant } }), /unknown or expired grant/);
    // Without a grant the text comes back (no path reaches the core).
    expect((await ipc.invoke('facet:export.run', { format: 'markdown', selection })).ok).toBe(true);
    expect(calls[1]).toEqual({ name: 'export.run', args: { format: 'markdown', selection } });
  });

  it('answers a cancelled dialog with no grant, and refuses dialogs asked for by pages outside the app', async () => {
    expect(await ipc.invoke('facet:dialog.folder', { purpose: 'zotero' })).toEqual({ ok: true, value: null });
    expect(await ipc.invoke('facet:dialog.saveExport', { format: 'markdown', fileName: 'x.md' })).toEqual({ ok: true, value: null });
    expect(await ipc.invoke('facet:dialog.importFiles', {})).toEqual({ ok: true, value: { grants: [], rejected: [] } });
    dialogs.nextOpen = { canceled: false, filePaths: [papersDir] };
    expectRefused(await ipc.invoke('facet:dialog.folder', { purpose: 'zotero' }, 'https://evil.example/'), /refused a request from a page outside the app/);
    expectRefused(await ipc.invoke('facet:dialog.folder', { purpose: 'anything' }), /^dialog\.folder: purpose/);
    expect(grants.list()).toEqual([]);
  });

  it('lists the grants it holds for the page', async () => {
    const held = grants.issue({ path: papersDir, kind: 'folder', access: 'read' });
    expect(await ipc.invoke('facet:grants.list', {})).toEqual({ ok: true, value: [held] });
  });
});
