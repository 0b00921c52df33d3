/**
 * The main window's webPreferences. Every flag the Electron security checklist cares about is
 * spelled out, even where it is Electron's default, so a reader (and the unit test) sees them.
 */
export interface HardenedWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: boolean;
  devTools: boolean;
}

export function hardenedWebPreferences(options: { preload: string; isDevelopment: boolean }): HardenedWebPreferences {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped outside the page's drop zone must not replace the app (will-navigate also refuses it).
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.isDevelopment,
  };
}
