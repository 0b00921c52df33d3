/**
 * Electron main-process entry (bundled by electron-vite to out/main/index.js).
 *
 * Lifecycle: one instance (a second launch focuses this one and imports the files it was given),
 * one window, one core. The core's requests are served over IPC (ipc.ts), its events forwarded to
 * the window, and the window and session are hardened (hardening.ts). Decisions live in the pure
 * modules next to this file; this one only wires them to Electron.
 */
// First: ONNX Runtime telemetry off before anything can load the runtime.
import '../core/embed/ort-telemetry-off.ts';
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { MessageBoxOptions } from 'electron';
import { errorDetail, FacetError, parseRequest } from '../common/contract.ts';
import { resolveModelDir } from '../core/data-dir.ts';
import { openFacet } from '../core/service.ts';
import { GrantRegistry } from '../core/service/grants.ts';
import { rendererHandlers } from '../core/service/renderer-handlers.ts';
import { aboutContent, collectVersions, readModelCard } from './about.ts';
import { createMainWindow } from './app-window.ts';
import { parseSecondInstanceData, parseShellArgs, secondInstanceData } from './argv.ts';
import { resolveBundleFile } from './bundle-files.ts';
import { MENU_CHANNEL } from './channels.ts';
import { CoreHost } from './core-host.ts';
import { contentSecurityPolicy } from './csp.ts';
import { createDialogGrants } from './dialog-grants.ts';
import type { DialogOpenOptions, DialogSaveOptions } from './dialog-grants.ts';
import { guardSession, guardWebContents } from './hardening.ts';
import { checkImportPaths, importDialogFilters } from './import-paths.ts';
import { createDialogDispatcher, createRequestDispatcher, registerDialogHandlers, registerRequestHandlers } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { resolveShellPaths } from './paths.ts';
import { chooseDataDir, readSettings, writeSettings } from './settings.ts';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, devServerOrigin, isTrustedSender } from './url-guards.ts';
import type { AppOrigins } from './url-guards.ts';

const log = (message: string): void => console.error(`facet: ${message}`);

// FACET_USER_DATA_DIR moves the app's own folder (settings, window state, default library,
// single-instance lock): used by the e2e test and for portable setups. Must precede the lock.
const userDataOverride = process.env.FACET_USER_DATA_DIR;
if (userDataOverride !== undefined && userDataOverride !== '') app.setPath('userData', path.resolve(userDataOverride));

// Privileged before 'ready': a standard, secure scheme gets an origin, 'self' in the CSP, fetch,
// and CORS-mode loads (Vite's <script type="module" crossorigin>). The session blocks every
// non-local origin anyway, so corsEnabled opens nothing to the network.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);

const isDevelopment = !app.isPackaged;
// Windows groups taskbar entries and notifications by this id; it must match electron-builder's appId.
export const APP_ID = 'org.facet.app';
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
const origins: AppOrigins = { app: APP_ORIGIN, devServer: devServerOrigin(process.env.ELECTRON_RENDERER_URL, app.isPackaged) };
const paths = resolveShellPaths({
  mainDir: import.meta.dirname,
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
});
const launch = parseShellArgs(process.argv, { defaultApp: process.defaultApp === true });
for (const problem of launch.problems) log(problem);

if (!app.requestSingleInstanceLock(secondInstanceData(process.cwd(), launch.files))) {
  // Another Facet is running: it got our files through 'second-instance' and takes over.
  app.quit();
} else {
  runApp();
}

function runApp(): void {
  const hardeningHooks = {
    openExternal: (url: string) => {
      shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${(error as Error).message}`));
    },
    log,
  };
  let mainWindow: BrowserWindow | null = null;
  let pageLoaded = false;
  const pendingImports: Array<{ files: string[]; cwd: string }> = [{ files: launch.files, cwd: process.cwd() }];

  const host = new CoreHost(
    (location) => openFacet({ dataDir: location.dataDir, modelDir: location.modelDir, aspectsDir: location.aspectsDir, warmSimilarity: true }),
    {
      send: (channel, payload) => {
        if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
      },
      log,
    },
  );

  async function openLibrary(dataDir: string): Promise<void> {
    let modelDir: string;
    try {
      modelDir = resolveModelDir({ modelsRoot: paths.modelsRoot });
    } catch (error) {
      const wire = FacetError.toWire(error);
      log(`no model: ${wire.message}`);
      await host.fail(new FacetError(wire.code, wire.message), dataDir);
      return;
    }
    try {
      await host.open({ dataDir, modelDir, aspectsDir: paths.aspectsDir });
    } catch (error) {
      // Every request now fails with this error, so the page shows it too.
      log(`could not open the library in ${dataDir}: ${FacetError.toWire(error).message}`);
    }
  }

  async function importFiles(files: readonly string[], cwd: string): Promise<void> {
    if (files.length === 0) return;
    const check = checkImportPaths(files, cwd);
    if (check.rejected.length > 0) {
      const detail = check.rejected.map((rejected) => `${rejected.path}: ${rejected.reason}`).join('\n');
      log(`not imported:\n${detail}`);
      void showMessage({ type: 'warning', title: 'Import', message: 'Some files were not imported.', detail });
    }
    if (check.accepted.length === 0) return;
    try {
      const args = parseRequest('import.run', { sources: check.accepted.map((file) => ({ kind: 'file', path: file })) });
      // Progress and the summary reach the page as import events.
      await host.handlers['import.run'](args);
    } catch (error) {
      const message = FacetError.toWire(error).message;
      log(`import failed: ${message}`);
      dialog.showErrorBox('Import failed', message);
    }
  }

  function queueImport(files: readonly string[], cwd: string): void {
    if (files.length === 0) return;
    if (pageLoaded) void importFiles(files, cwd);
    else pendingImports.push({ files: [...files], cwd });
  }

  function showMessage(options: MessageBoxOptions) {
    return mainWindow !== null && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  }

  function openWindow(): void {
    pageLoaded = false;
    const window = createMainWindow({
      url: origins.devServer !== null ? `${origins.devServer}/` : APP_ENTRY_URL,
      preload: paths.preload,
      icon: paths.windowIcon,
      stateDir: app.getPath('userData'),
      isDevelopment,
      log,
    });
    mainWindow = window;
    window.webContents.on('did-finish-load', () => {
      if (pageLoaded) return;
      pageLoaded = true;
      for (const pending of pendingImports.splice(0)) void importFiles(pending.files, pending.cwd);
    });
    window.webContents.on('render-process-gone', (_event, details) => log(`the page's process ended: ${details.reason} (${details.exitCode})`));
    window.once('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
  }

  function focusWindow(): void {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      if (app.isReady()) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  const menuActions = {
    importFiles: () => {
      const options = { title: 'Import', properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>, filters: importDialogFilters() };
      const chosen = mainWindow !== null ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options);
      chosen
        .then((result) => (result.canceled ? undefined : importFiles(result.filePaths, process.cwd())))
        .catch((error: unknown) => log(`the Import dialog failed: ${(error as Error).message}`));
    },
    find: () => {
      if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_CHANNEL, 'find');
    },
    chooseDataDir: () => void chooseLibraryFolder(),
    showDataDir: () => {
      const dir = host.dataDir;
      if (dir === null) return;
      void shell.openPath(dir).then((problem) => {
        if (problem !== '') dialog.showErrorBox('Show Library Folder', `${dir}: ${problem}`);
      });
    },
    showAbout: () => void showAbout(),
  };

  async function chooseLibraryFolder(): Promise<void> {
    const options = {
      title: 'Library Folder',
      buttonLabel: 'Use This Folder',
      defaultPath: host.dataDir ?? app.getPath('userData'),
      properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
    };
    const result = mainWindow !== null ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    const chosen = result.filePaths[0];
    if (result.canceled || chosen === undefined || chosen === host.dataDir) return;
    try {
      writeSettings(app.getPath('userData'), { dataDir: path.resolve(chosen) });
    } catch (error) {
      dialog.showErrorBox('Library Folder', `Could not save the setting: ${(error as Error).message}`);
      return;
    }
    await openLibrary(path.resolve(chosen));
    // The page starts over against the new library (its lists, counts and selection are stale).
    if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
  }

  async function showAbout(): Promise<void> {
    const versions = collectVersions({ appVersion: app.getVersion(), processVersions: process.versions });
    const modelDir = host.modelDir;
    const cardRead = modelDir !== null ? readModelCard(modelDir) : { card: null, problem: 'no model loaded' };
    const content = aboutContent({
      appName: 'Facet',
      versions,
      dataDir: host.dataDir ?? '(not open)',
      modelDir,
      card: cardRead.card,
      modelProblem: cardRead.problem,
    });
    const buttons = cardRead.card !== null ? ['OK', 'Open Model Card'] : ['OK'];
    const { response } = await showMessage({ type: 'info', title: content.title, message: content.message, detail: content.detail, buttons, defaultId: 0, cancelId: 0, noLink: true });
    if (response === 1 && cardRead.card !== null) {
      const problem = await shell.openPath(cardRead.card.file);
      if (problem !== '') dialog.showErrorBox('Model Card', `${cardRead.card.file}: ${problem}`);
    }
  }

  // macOS delivers "open with" files as events, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    queueImport([file], process.cwd());
  });
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    focusWindow();
    const data = parseSecondInstanceData(additionalData) ?? {
      cwd: workingDirectory,
      files: parseShellArgs(argv, { defaultApp: process.defaultApp === true }).files,
    };
    queueImport(data.files, data.cwd);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, origins, hardeningHooks));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  let coreClosed = false;
  app.on('before-quit', (event) => {
    if (coreClosed) return;
    // Let the core finish its write in flight and release the table before the process ends.
    event.preventDefault();
    void host.close().finally(() => {
      coreClosed = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(async () => {
      guardSession(session.defaultSession, origins, hardeningHooks);
      const csp = contentSecurityPolicy(origins);
      protocol.handle(APP_SCHEME, async (request) => {
        const lookup = resolveBundleFile(paths.rendererDir, request.url);
        if (!lookup.ok) return new Response(lookup.reason, { status: lookup.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
        try {
          const body = await fs.promises.readFile(lookup.file);
          return new Response(body, {
            headers: { 'content-type': lookup.mimeType, 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
          });
        } catch {
          return new Response(`not found: ${request.url}`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
        }
      });
      // The page's requests name files only by grant: what the person picked in one of these
      // dialogs. The shell's own imports (command line, Import… menu) call the core with paths.
      const grants = new GrantRegistry();
      // A paper's PDF opens in the system viewer, never in the app window.
      const openFile = async (file: string) => {
        const problem = await shell.openPath(file);
        if (problem) throw new FacetError('INTERNAL', `could not open ${file}: ${problem}`);
      };
      const pageHandlers = rendererHandlers(host.handlers, grants, openFile);
      const trusted = (url: string | null) => isTrustedSender(url, origins);
      registerRequestHandlers(ipcMain, createRequestDispatcher(() => pageHandlers, trusted, log));
      const nativeDialogs = {
        showOpenDialog: (options: DialogOpenOptions) => (mainWindow !== null ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
        showSaveDialog: (options: DialogSaveOptions) => (mainWindow !== null ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
        defaultSaveDir: () => app.getPath('documents'),
      };
      registerDialogHandlers(ipcMain, createDialogDispatcher(createDialogGrants(nativeDialogs, grants), trusted));
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, appName: 'Facet', isDevelopment, actions: menuActions })),
      );

      const userData = app.getPath('userData');
      const settings = readSettings(userData);
      if (settings.problem !== null) log(settings.problem);
      const { dataDir, source } = chooseDataDir({ argDataDir: launch.dataDir, cwd: process.cwd(), settings: settings.settings, defaultDir: userData });
      log(`library folder ${dataDir} (${source})`);
      const opening = openLibrary(dataDir);
      openWindow();
      await opening;
    })
    .catch((error: unknown) => {
      const message = errorDetail(error);
      log(`could not start: ${message}`);
      dialog.showErrorBox('Facet could not start', message);
      app.exit(1);
    });
}
