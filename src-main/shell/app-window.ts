/**
 * The one main window: hardened webPreferences, shown once painted, size and position restored
 * from and saved to window-state.json.
 */
import { BrowserWindow, screen } from 'electron';
import { hardenedWebPreferences } from './web-preferences.ts';
import { MIN_WINDOW_SIZE, createDebouncedSaver, fitWindowState, readWindowState, writeWindowState } from './window-state.ts';
import type { WindowState } from './window-state.ts';

export interface MainWindowOptions {
  url: string;
  preload: string;
  icon: string;
  /** Where window-state.json lives (the app's userData folder). */
  stateDir: string;
  isDevelopment: boolean;
  log(message: string): void;
}

/** Work areas of the connected screens, the primary one first. */
function workAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const read = readWindowState(options.stateDir);
  if (read.problem !== null) options.log(read.problem);
  const state = fitWindowState(read.state, workAreas());

  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Facet',
    icon: options.icon,
    webPreferences: hardenedWebPreferences({ preload: options.preload, isDevelopment: options.isDevelopment }),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const currentState = (): WindowState => ({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  const saver = createDebouncedSaver(() => {
    try {
      writeWindowState(options.stateDir, currentState());
    } catch (error) {
      options.log(`could not save the window position: ${(error as Error).message}`);
    }
  });
  // One call per event: Electron's typings overload on() per event name, not for a union of them.
  window.on('resize', () => saver.schedule());
  window.on('move', () => saver.schedule());
  window.on('maximize', () => saver.schedule());
  window.on('unmaximize', () => saver.schedule());
  window.on('close', () => saver.flush());
  window.once('closed', () => saver.cancel());

  window.loadURL(options.url).catch((error: unknown) => options.log(`could not load ${options.url}: ${(error as Error).message}`));
  return window;
}
