/**
 * Where the desktop app finds its parts. The main bundle lives in `out/main/`, with the preload and
 * the renderer beside it (`out/preload/index.cjs`, `out/renderer/`), both in the repository and
 * inside a packaged app's asar. The model and the aspect name lists ship outside the asar
 * (electron-builder extraResources) in `<resources>/models/<name>/` and `<resources>/aspects/`;
 * unpackaged runs use the repository's `resources/`.
 */
import path from 'node:path';

export interface ShellPaths {
  preload: string;
  rendererDir: string;
  /** The folder that holds one folder per model (core/data-dir.ts resolveModelDir picks the one). */
  modelsRoot: string;
  /** The tagger's name lists (the core's own default is found relative to its source file, which
   * does not hold once bundled). */
  aspectsDir: string;
  /** The window icon (Linux and Windows title bars; macOS uses the bundle's icns). */
  windowIcon: string;
}

export function resolveShellPaths(options: {
  /** The directory of the running main bundle (import.meta.dirname). */
  mainDir: string;
  isPackaged: boolean;
  /** process.resourcesPath (packaged apps). */
  resourcesPath: string;
  /** app.getAppPath(): the repository root when unpackaged. */
  appPath: string;
}): ShellPaths {
  const outDir = path.dirname(options.mainDir);
  const resources = options.isPackaged ? options.resourcesPath : path.join(options.appPath, 'resources');
  return {
    preload: path.join(outDir, 'preload', 'index.cjs'),
    rendererDir: path.join(outDir, 'renderer'),
    modelsRoot: path.join(resources, 'models'),
    aspectsDir: path.join(resources, 'aspects'),
    windowIcon: path.join(resources, 'icons', '512x512.png'),
  };
}
