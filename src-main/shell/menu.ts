/**
 * The native menu as plain data (Electron's MenuItemConstructorOptions shape), built per platform.
 * Standard items use Electron roles so they get the platform's own labels and behaviour; Facet's
 * own items call the actions passed in. main.ts hands the result to Menu.buildFromTemplate.
 * Top-level menus carry only a label (plus the 'window' / 'help' roles, which give macOS its
 * window list and help search), because Electron ignores a custom submenu under the *Menu roles.
 */

export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close' | 'minimize' | 'zoom' | 'front'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'window' | 'help';

export interface MenuItemTemplate {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuActions {
  /** Import… : pick files and import them. */
  importFiles(): void;
  /** Find : focus the search box in the page. */
  find(): void;
  /** Library Folder… : choose another library folder (remembered). */
  chooseDataDir(): void;
  /** Show Library Folder : reveal it in the file manager. */
  showDataDir(): void;
  /** About Facet : versions and the model card. */
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get Reload and DevTools; packaged builds do not. */
  isDevelopment: boolean;
  actions: MenuActions;
}

const separator: MenuItemTemplate = { type: 'separator' };

export function buildMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const { actions, appName } = options;
  const mac = options.platform === 'darwin';
  const about: MenuItemTemplate = { id: 'about', label: `About ${appName}`, click: () => actions.showAbout() };
  const quit: MenuItemTemplate = { id: 'quit', role: 'quit', label: mac ? `Quit ${appName}` : 'Quit', accelerator: 'CmdOrCtrl+Q' };

  const appMenu: MenuItemTemplate[] = mac
    ? [
        {
          label: appName,
          submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, quit],
        },
      ]
    : [];

  const fileMenu: MenuItemTemplate = {
    label: mac ? 'File' : '&File',
    submenu: [
      { id: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
      separator,
      { id: 'data-dir', label: 'Library Folder…', click: () => actions.chooseDataDir() },
      { id: 'show-data-dir', label: 'Show Library Folder', click: () => actions.showDataDir() },
      separator,
      mac ? { role: 'close' } : quit,
    ],
  };

  const editMenu: MenuItemTemplate = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItemTemplate] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      separator,
      { id: 'find', label: 'Find', accelerator: 'CmdOrCtrl+F', click: () => actions.find() },
    ],
  };

  const viewMenu: MenuItemTemplate = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...(options.isDevelopment ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] as MenuItemTemplate[] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemTemplate = {
    label: mac ? 'Window' : '&Window',
    role: 'window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuItemTemplate = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: mac ? [{ id: 'model-card', label: `${appName} Model and Versions`, click: () => actions.showAbout() }] : [about],
  };

  return [...appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

/** Every item in the template, depth first (for tests and for looking items up by id). */
export function flattenMenu(template: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  return template.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
