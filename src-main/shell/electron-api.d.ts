/**
 * The subset of Electron's API that the shell uses, declared here so the project typechecks where
 * the `electron` package (an optional dependency whose binary download can fail) is not installed.
 * Signatures follow electron@45's own electron.d.ts; an ambient module declaration takes precedence
 * over the package's types, so these are what the compiler checks against everywhere.
 * docs/DESKTOP.md says how to check the shell against the real electron.d.ts.
 */
declare module 'electron' {
  interface Rectangle {
    x: number;
    y: number;
    width: number;
    height: number;
  }

  interface ElectronEvent {
    preventDefault(): void;
    readonly defaultPrevented: boolean;
  }

  interface Display {
    id: number;
    bounds: Rectangle;
    workArea: Rectangle;
    scaleFactor: number;
  }

  interface WebFrameMain {
    readonly url: string;
  }

  interface IpcMainInvokeEvent extends ElectronEvent {
    readonly senderFrame: WebFrameMain | null;
  }

  interface IpcRendererEvent {
    readonly senderId: number;
  }

  interface WebContentsWillNavigateEvent extends ElectronEvent {
    readonly url: string;
    readonly isMainFrame: boolean;
  }

  interface HandlerDetails {
    url: string;
    frameName: string;
    features: string;
    disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  }

  type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

  interface RenderProcessGoneDetails {
    reason: string;
    exitCode: number;
  }

  class WebContents {
    readonly id: number;
    send(channel: string, ...args: unknown[]): void;
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    on(event: 'will-navigate' | 'will-redirect', listener: (details: WebContentsWillNavigateEvent) => void): this;
    on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): this;
    on(event: 'render-process-gone', listener: (event: ElectronEvent, details: RenderProcessGoneDetails) => void): this;
    on(event: 'did-finish-load', listener: () => void): this;
    isDestroyed(): boolean;
    reload(): void;
    getURL(): string;
  }

  interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInWorker?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    webSecurity?: boolean;
    allowRunningInsecureContent?: boolean;
    experimentalFeatures?: boolean;
    webviewTag?: boolean;
    navigateOnDragDrop?: boolean;
    spellcheck?: boolean;
    devTools?: boolean;
  }

  interface BrowserWindowConstructorOptions {
    x?: number;
    y?: number;
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    icon?: string;
    backgroundColor?: string;
    webPreferences?: WebPreferences;
  }

  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    static getAllWindows(): BrowserWindow[];
    readonly webContents: WebContents;
    loadURL(url: string): Promise<void>;
    show(): void;
    focus(): void;
    restore(): void;
    maximize(): void;
    isMinimized(): boolean;
    isMaximized(): boolean;
    isDestroyed(): boolean;
    getNormalBounds(): Rectangle;
    on(event: 'ready-to-show' | 'closed' | 'resize' | 'move' | 'maximize' | 'unmaximize', listener: () => void): this;
    on(event: 'close', listener: (event: ElectronEvent) => void): this;
    once(event: 'ready-to-show' | 'closed', listener: () => void): this;
  }

  interface App {
    readonly isPackaged: boolean;
    name: string;
    whenReady(): Promise<void>;
    isReady(): boolean;
    quit(): void;
    exit(exitCode?: number): void;
    getVersion(): string;
    getAppPath(): string;
    getPath(name: 'userData' | 'home' | 'documents'): string;
    setPath(name: 'userData', path: string): void;
    requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
    setAppUserModelId(id: string): void;
    on(
      event: 'second-instance',
      listener: (event: ElectronEvent, argv: string[], workingDirectory: string, additionalData: unknown) => void,
    ): this;
    on(event: 'open-file', listener: (event: ElectronEvent, path: string) => void): this;
    on(event: 'web-contents-created', listener: (event: ElectronEvent, webContents: WebContents) => void): this;
    on(event: 'before-quit', listener: (event: ElectronEvent) => void): this;
    on(event: 'window-all-closed' | 'activate', listener: () => void): this;
  }

  interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
    removeHandler(channel: string): void;
  }

  interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
    removeListener(channel: string, listener: (...args: unknown[]) => void): this;
  }

  interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }

  type MenuItemRole =
    | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
    | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
    | 'window' | 'minimize' | 'close' | 'help' | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit'
    | 'zoom' | 'front' | 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu';

  interface MenuItemConstructorOptions {
    id?: string;
    label?: string;
    role?: MenuItemRole;
    type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
    accelerator?: string;
    enabled?: boolean;
    click?: (...args: unknown[]) => void;
    submenu?: MenuItemConstructorOptions[];
  }

  class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
    static setApplicationMenu(menu: Menu | null): void;
  }

  interface Shell {
    openExternal(url: string): Promise<void>;
    openPath(path: string): Promise<string>;
  }

  interface FileFilter {
    name: string;
    extensions: string[];
  }

  interface OpenDialogOptions {
    title?: string;
    defaultPath?: string;
    buttonLabel?: string;
    filters?: FileFilter[];
    properties?: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'showHiddenFiles' | 'createDirectory' | 'promptToCreate'>;
  }

  interface OpenDialogReturnValue {
    canceled: boolean;
    filePaths: string[];
  }

  interface SaveDialogOptions {
    title?: string;
    defaultPath?: string;
    buttonLabel?: string;
    filters?: FileFilter[];
    properties?: Array<'showHiddenFiles' | 'createDirectory' | 'treatPackageAsDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent'>;
  }

  interface SaveDialogReturnValue {
    canceled: boolean;
    filePath: string;
  }

  interface MessageBoxOptions {
    message: string;
    type?: 'none' | 'info' | 'error' | 'question' | 'warning';
    buttons?: string[];
    defaultId?: number;
    cancelId?: number;
    title?: string;
    detail?: string;
    noLink?: boolean;
  }

  interface MessageBoxReturnValue {
    response: number;
    checkboxChecked: boolean;
  }

  interface Dialog {
    showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
    showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
    showMessageBox(window: BrowserWindow, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
    showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
    showErrorBox(title: string, content: string): void;
  }

  interface Screen {
    getAllDisplays(): Display[];
    getPrimaryDisplay(): Display;
  }

  interface OnBeforeRequestListenerDetails {
    id: number;
    url: string;
    method: string;
    resourceType: string;
  }

  interface OnHeadersReceivedListenerDetails {
    id: number;
    url: string;
    method: string;
    statusCode: number;
    responseHeaders?: Record<string, string[]>;
  }

  interface CallbackResponse {
    cancel?: boolean;
    redirectURL?: string;
  }

  interface HeadersReceivedResponse {
    cancel?: boolean;
    responseHeaders?: Record<string, string | string[]>;
    statusLine?: string;
  }

  interface WebRequest {
    onBeforeRequest(listener: ((details: OnBeforeRequestListenerDetails, callback: (response: CallbackResponse) => void) => void) | null): void;
    onHeadersReceived(
      listener: ((details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void) | null,
    ): void;
  }

  interface PermissionRequest {
    requestingUrl: string;
    isMainFrame: boolean;
  }

  interface PermissionCheckHandlerHandlerDetails {
    requestingUrl?: string;
    isMainFrame: boolean;
  }

  interface Session {
    readonly webRequest: WebRequest;
    setPermissionRequestHandler(
      handler: ((webContents: WebContents, permission: string, callback: (permissionGranted: boolean) => void, details: PermissionRequest) => void) | null,
    ): void;
    setPermissionCheckHandler(
      handler: ((webContents: WebContents | null, permission: string, requestingOrigin: string, details: PermissionCheckHandlerHandlerDetails) => boolean) | null,
    ): void;
  }

  interface Privileges {
    standard?: boolean;
    secure?: boolean;
    bypassCSP?: boolean;
    allowServiceWorkers?: boolean;
    supportFetchAPI?: boolean;
    corsEnabled?: boolean;
    stream?: boolean;
    codeCache?: boolean;
  }

  interface CustomScheme {
    scheme: string;
    privileges?: Privileges;
  }

  interface Protocol {
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  }

  export const app: App;
  export const ipcMain: IpcMain;
  export const ipcRenderer: IpcRenderer;
  export const contextBridge: ContextBridge;
  export const shell: Shell;
  export const dialog: Dialog;
  export const screen: Screen;
  export const session: { readonly defaultSession: Session };
  export const protocol: Protocol;
  export { BrowserWindow, Menu, WebContents };
  export type {
    Display,
    MenuItemConstructorOptions,
    MessageBoxOptions,
    OpenDialogOptions,
    WebContentsWillNavigateEvent,
    WindowOpenHandlerResponse,
  };
}

// Electron's additions to Node's process object that the shell reads.
declare namespace NodeJS {
  interface Process {
    /** The packaged app's resources folder (holds app.asar and extraResources). */
    readonly resourcesPath: string;
    /** True when Electron runs an unpackaged app (`electron .`), so argv[1] is the app path. */
    readonly defaultApp?: boolean;
  }
  interface ProcessVersions {
    readonly electron?: string;
  }
}
