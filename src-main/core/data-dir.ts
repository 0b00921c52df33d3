/**
 * Where Facet keeps its library and where it finds its model.
 *
 * The default data folder matches what Electron's `app.getPath('userData')` gives for productName
 * "Facet", so the CLI, browser mode and the desktop app share one library unless told otherwise.
 * Every entry point accepts an override (`--data-dir`, `openFacet({ dataDir })`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FacetError } from '../common/contract.ts';

export const PRODUCT_NAME = 'Facet';

/** Environment variable that points at a model folder (packaged apps, custom models). */
export const MODEL_DIR_ENV = 'FACET_MODEL_DIR';

/** The per-user application data folder Electron would use for productName "Facet". */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') {
    const appData = env.APPDATA && env.APPDATA.length > 0 ? env.APPDATA : path.join(home, 'AppData', 'Roaming');
    return path.join(appData, PRODUCT_NAME);
  }
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0 ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, PRODUCT_NAME);
}

/** The repository root, found from this file's location (src-main/core/data-dir.ts). */
export function repoRoot(): string {
  const here = fileURLToPath(import.meta.url);
  return path.resolve(path.dirname(here), '..', '..');
}

/** `<repo>/resources/models`, where the committed model lives. */
export function defaultModelsRoot(): string {
  return path.join(repoRoot(), 'resources', 'models');
}

export interface ResolveModelDirOptions {
  /** An explicit model folder (wins over everything). */
  modelDir?: string;
  /** Folder holding one model folder each; defaults to `<repo>/resources/models`. */
  modelsRoot?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The model folder to load: an explicit `modelDir`, else `$FACET_MODEL_DIR`, else the single
 * folder under `resources/models/` that has a manifest.json. Fails with a MODEL error naming the
 * folder when there is none, or several (so a stray second model never gets picked silently).
 */
export function resolveModelDir(options: ResolveModelDirOptions = {}): string {
  const env = options.env ?? process.env;
  const explicit = options.modelDir ?? (env[MODEL_DIR_ENV] && env[MODEL_DIR_ENV].length > 0 ? env[MODEL_DIR_ENV] : undefined);
  if (explicit !== undefined) {
    const dir = path.resolve(explicit);
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
      throw new FacetError('MODEL', `model folder ${dir} has no manifest.json`);
    }
    return dir;
  }
  const root = options.modelsRoot ?? defaultModelsRoot();
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    throw new FacetError('MODEL', `no model: ${root} does not exist (train one with "npm run train", or set ${MODEL_DIR_ENV})`);
  }
  const models = entries
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'manifest.json')))
    .map((entry) => path.join(root, entry.name))
    .sort();
  if (models.length === 0) {
    throw new FacetError('MODEL', `no model: ${root} holds no folder with a manifest.json (train one with "npm run train", or set ${MODEL_DIR_ENV})`);
  }
  if (models.length > 1) {
    throw new FacetError('MODEL', `several models under ${root} (${models.map((m) => path.basename(m)).join(', ')}); keep one or pass a model folder explicitly`);
  }
  return models[0]!;
}
