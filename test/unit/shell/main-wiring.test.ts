/**
 * Runs the real main-process entry (src-main/shell/main.ts) against a fake `electron` module and a
 * fake core, to check the wiring the pure modules cannot: what is registered at start-up, which
 * core is opened where, how IPC, events, command-line files, second launches, menus, the app
 * protocol and quitting reach the core. Electron itself is not involved (it is not installed here);
 * test/e2e/electron-smoke.test.ts drives the real app where it is.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALOG_NAMES, RENDERER_REQUEST_NAMES } from '../../../src-main/common/contract-renderer.ts';
import type { EventName } from '../../../src-main/common/contract.ts';

const fake = vi.hoisted(() => {
  // vi.hoisted runs before imports, so it builds everything from require'd built-ins.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as { EventEmitter: typeof EventEmitter };

  class FakeWebContents extends Emitter {
    readonly sent: Array<[string, unknown]> = [];
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
    reloads = 0;
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
    isDestroyed() {
      return false;
    }
    reload() {
      this.reloads += 1;
    }
  }

  class FakeBrowserWindow extends Emitter {
    static readonly created: FakeBrowserWindow[] = [];
    static getAllWindows() {
      return FakeBrowserWindow.created;
    }
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
    focus() {
      this.focused += 1;
    }
    restore() {}
    maximize() {}
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1000, height: 700 };
    }
  }

  const paths = new Map<string, string>();
  const quits: string[] = [];
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    name: 'Facet',
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    quit: () => quits.push('quit'),
    exit: (code?: number) => quits.push(`exit ${code}`),
    getVersion: () => '0.1.0',
    getAppPath: () => '/repo-under-test',
    getPath: (name: string) => paths.get(name) ?? `/fake/${name}`,
    setPath: (name: string, value: string) => paths.set(name, value),
    setAppUserModelId: () => {},
    requestSingleInstanceLock: (data: unknown) => {
      lockData.push(data);
      return true;
    },
  });
  const lockData: unknown[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const menus: unknown[] = [];
  const sessionHandlers: Record<string, unknown> = {};
  const messageBoxes: unknown[] = [];
  const errorBoxes: Array<[string, string]> = [];

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
      handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => protocolHandlers.set(scheme, handler),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => menus.push(menu),
    },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (listener: unknown) => (sessionHandlers.beforeRequest = listener),
          onHeadersReceived: (listener: unknown) => (sessionHandlers.headers = listener),
        },
        setPermissionRequestHandler: (handler: unknown) => (sessionHandlers.permissionRequest = handler),
        setPermissionCheckHandler: (handler: unknown) => (sessionHandlers.permissionCheck = handler),
      },
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    shell: { openExternal: async () => {}, openPath: async () => '' },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        messageBoxes.push(args.at(-1));
        return { response: 0, checkboxChecked: false };
      },
      showErrorBox: (title: string, content: string) => errorBoxes.push([title, content]),
      showOpenDialog: async () => dialogAnswers.open,
      showSaveDialog: async () => dialogAnswers.save,
    },
  };
  const dialogAnswers: { open: { canceled: boolean; filePaths: string[] }; save: { canceled: boolean; filePath: string } } = {
    open: { canceled: true, filePaths: [] },
    save: { canceled: true, filePath: '' },
  };
  return { electron, dialogAnswers, app, quits, lockData, ipcHandlers, schemes, protocolHandlers, menus, sessionHandlers, messageBoxes, errorBoxes, FakeBrowserWindow };
});

const core = vi.hoisted(() => {
  const opened: unknown[] = [];
  const calls: Array<{ name: string; args: unknown }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let closed = 0;
  return {
    opened,
    calls,
    listeners,
    closedCount: () => closed,
    openFacet: async (options: unknown) => {
      opened.push(options);
      const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
      for (const name of ['papers.list', 'papers.get', 'papers.search', 'papers.similar', 'import.run', 'library.stats', 'model.info']) {
        handlers[name] = async (args) => {
          calls.push({ name, args });
          return { handledBy: name };
        };
      }
      return {
        handlers,
        events: {
          on(event: string, listener: (payload: unknown) => void) {
            const set = listeners.get(event) ?? new Set();
            listeners.set(event, set);
            set.add(listener);
            return () => set.delete(listener);
          },
        },
        idle: async () => {},
        close: async () => {
          closed += 1;
        },
      };
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('../../../src-main/core/service.ts', () => ({ openFacet: core.openFacet }));
vi.mock('../../../src-main/core/data-dir.ts', () => ({ resolveModelDir: () => '/models/facet-test' }));

const repoAppPath = '/repo-under-test';
const APP_PAGE = { senderFrame: { url: 'facet://app/index.html' } };

describe('main process wiring (fake Electron)', () => {
  let tempDir: string;
  let libraryDir: string;
  let bibFile: string;
  let risFile: string;
  const savedArgv = process.argv;
  let mainModule: { APP_ID: string };
  const savedUserData = process.env.FACET_USER_DATA_DIR;

  beforeAll(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-shell-main-'));
    libraryDir = path.join(tempDir, 'library');
    bibFile = path.join(tempDir, 'refs.bib');
    risFile = path.join(tempDir, 'more.ris');
    fs.writeFileSync(bibFile, '@article{a, title={A}}\n');
    fs.writeFileSync(risFile, 'TY  - JOUR\nER  -\n');
    process.env.FACET_USER_DATA_DIR = path.join(tempDir, 'userdata');
    process.argv = ['/usr/lib/electron/electron', repoAppPath, '--data-dir', libraryDir, bibFile];
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    mainModule = await import('../../../src-main/shell/main.ts');
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.created).toHaveLength(1));
    await vi.waitFor(() => expect(core.opened).toHaveLength(1));
  });

  afterAll(() => {
    process.argv = savedArgv;
    if (savedUserData === undefined) delete process.env.FACET_USER_DATA_DIR;
    else process.env.FACET_USER_DATA_DIR = savedUserData;
    Reflect.deleteProperty(process, 'defaultApp');
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('registers the facet scheme as privileged and moves userData when asked', () => {
    expect(fake.schemes).toEqual([{ scheme: 'facet', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.app.getPath('userData')).toBe(path.join(tempDir, 'userdata'));
    expect(fake.lockData).toEqual([{ cwd: process.cwd(), files: [bibFile] }]);
  });

  it('uses electron-builder\'s appId as the Windows app user model id', () => {
    const builderYaml = fs.readFileSync(path.resolve(import.meta.dirname, '../../../electron-builder.yml'), 'utf8');
    expect(/^appId: (.+)$/m.exec(builderYaml)?.[1]).toBe(mainModule.APP_ID);
  });

  it('opens the core in the --data-dir folder with the resolved model and the name lists', () => {
    expect(core.opened).toEqual([{ dataDir: libraryDir, modelDir: '/models/facet-test', aspectsDir: path.join(repoAppPath, 'resources', 'aspects'), warmSimilarity: true }]);
  });

  it('opens one hardened window on the app URL, with the preload beside the main bundle', () => {
    const [window] = fake.FakeBrowserWindow.created;
    expect(window!.loaded).toEqual(['facet://app/index.html']);
    const preferences = window!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(preferences.preload).endsWith(path.join('preload', 'index.cjs'))).toBe(true);
  });

  it('registers one IPC handler per request and serves only app pages', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...RENDERER_REQUEST_NAMES, ...DIALOG_NAMES].map((name) => `facet:${name}`).sort());
    const stats = fake.ipcHandlers.get('facet:library.stats')!;
    expect(await stats(APP_PAGE, {})).toEqual({ ok: true, value: { handledBy: 'library.stats' } });
    expect(await stats({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await fake.ipcHandlers.get('facet:papers.get')!(APP_PAGE, { id: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses page requests that name a path, and imports a file picked in the Import dialog by its grant', async () => {
    const importsBefore = core.calls.filter((call) => call.name === 'import.run').length;
    const importRun = fake.ipcHandlers.get('facet:import.run')!;
    expect(await importRun(APP_PAGE, { sources: [{ kind: 'file', path: '/etc/passwd' }] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await fake.ipcHandlers.get('facet:export.run')!(APP_PAGE, { format: 'bibtex', selection: { kind: 'reading' }, path: path.join(tempDir, 'evil.sh') })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await fake.ipcHandlers.get('facet:library.import')!(APP_PAGE, { source: { kind: 'pdf-folder', path: '/' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(fs.existsSync(path.join(tempDir, 'evil.sh'))).toBe(false);

    fake.dialogAnswers.open = { canceled: false, filePaths: [risFile] };
    const picked = (await fake.ipcHandlers.get('facet:dialog.importFiles')!(APP_PAGE, {})) as { ok: true; value: { grants: Array<{ grant: string }> } };
    fake.dialogAnswers.open = { canceled: true, filePaths: [] };
    expect(picked.value.grants).toHaveLength(1);
    expect(await importRun(APP_PAGE, { sources: [{ kind: 'grant', grant: picked.value.grants[0]!.grant }] })).toEqual({ ok: true, value: { handledBy: 'import.run' } });
    const imports = core.calls.filter((call) => call.name === 'import.run');
    expect(imports).toHaveLength(importsBefore + 1);
    expect(imports.at(-1)!.args).toEqual({ sources: [{ kind: 'file', path: risFile }] });
    core.calls.splice(core.calls.indexOf(imports.at(-1)!), 1);
  });

  it('installs the session guards and guards every web contents', () => {
    expect(Object.keys(fake.sessionHandlers).sort()).toEqual(['beforeRequest', 'headers', 'permissionCheck', 'permissionRequest']);
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });

  it('imports the files from the command line once the page has loaded', async () => {
    const [window] = fake.FakeBrowserWindow.created;
    expect(core.calls.filter((call) => call.name === 'import.run')).toEqual([]);
    window!.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(core.calls.filter((call) => call.name === 'import.run')).toHaveLength(1));
    expect(core.calls.find((call) => call.name === 'import.run')!.args).toEqual({ sources: [{ kind: 'file', path: bibFile }] });
  });

  it('forwards core events to the window', () => {
    const [window] = fake.FakeBrowserWindow.created;
    for (const listener of core.listeners.get('library.onDidChange' satisfies EventName) ?? []) listener({ papers: 5 });
    expect(window!.webContents.sent).toContainEqual(['facet:event:library.onDidChange', { papers: 5 }]);
  });

  it('focuses the window and imports the files of a second launch, resolved in its folder', async () => {
    const [window] = fake.FakeBrowserWindow.created;
    const focusedBefore = window!.focused;
    fake.app.emit('second-instance', {}, ['facet', 'ignored.bib'], '/elsewhere', { cwd: tempDir, files: ['more.ris', 'notes.docx'] });
    expect(window!.focused).toBe(focusedBefore + 1);
    await vi.waitFor(() => expect(core.calls.filter((call) => call.name === 'import.run')).toHaveLength(2));
    expect(core.calls.filter((call) => call.name === 'import.run')[1]!.args).toEqual({ sources: [{ kind: 'file', path: risFile }] });
    // The file it could not import is reported, not dropped silently.
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(fake.messageBoxes[0]).toMatchObject({ type: 'warning', detail: expect.stringContaining('notes.docx: not an importable file type') });
  });

  it('sets the menu; Find goes to the page as a menu command', () => {
    expect(fake.menus).toHaveLength(1);
    const template = (fake.menus[0] as { template: Array<{ submenu?: Array<{ id?: string; click?: () => void }> }> }).template;
    const find = template.flatMap((menu) => menu.submenu ?? []).find((item) => item.id === 'find');
    find!.click!();
    expect(fake.FakeBrowserWindow.created[0]!.webContents.sent).toContainEqual(['facet:menu', 'find']);
  });

  it('serves the bundle through the facet protocol and refuses paths outside it', async () => {
    const handler = fake.protocolHandlers.get('facet')!;
    const outside = await handler(new Request('facet://app/..%2F..%2Fpackage.json'));
    expect(outside.status).toBe(403);
    const missing = await handler(new Request('facet://app/no-such-file.js'));
    expect(missing.status).toBe(404);
  });

  it('closes the core before quitting', async () => {
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(fake.quits).toEqual(['quit']));
    expect(core.closedCount()).toBe(1);
    const second = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(fake.errorBoxes).toEqual([]);
  });
});
