/**
 * Desktop settings kept in `settings.json` in the app's own folder (Electron's userData), apart
 * from the library so that choosing another library folder is itself remembered.
 *
 * The library folder in use is, in order: `--data-dir` on the command line, the folder chosen with
 * File ▸ Library Folder…, and the app's own folder (which is also what the CLI and browser mode
 * use by default, see core/data-dir.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export const SETTINGS_FILE = 'settings.json';

export interface ShellSettings {
  /** Absolute path of the library folder chosen in the app, or null for the default. */
  dataDir: string | null;
}

export const DEFAULT_SETTINGS: ShellSettings = { dataDir: null };

export function parseSettings(value: unknown): ShellSettings | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const dataDir = record.dataDir ?? null;
  if (dataDir !== null && (typeof dataDir !== 'string' || !path.isAbsolute(dataDir) || dataDir.includes('\0'))) return null;
  return { dataDir };
}

export interface SettingsRead {
  settings: ShellSettings;
  problem: string | null;
}

export function readSettings(dir: string): SettingsRead {
  const file = path.join(dir, SETTINGS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: { ...DEFAULT_SETTINGS }, problem: null };
    return { settings: { ...DEFAULT_SETTINGS }, problem: `${file}: ${(error as Error).message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { settings: { ...DEFAULT_SETTINGS }, problem: `${file}: not valid JSON (${(error as Error).message})` };
  }
  const settings = parseSettings(value);
  if (settings === null) {
    return { settings: { ...DEFAULT_SETTINGS }, problem: `${file}: "dataDir" must be an absolute folder path or null; using the default library` };
  }
  return { settings, problem: null };
}

export function writeSettings(dir: string, settings: ShellSettings): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SETTINGS_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  fs.renameSync(temp, file);
}

/** The library folder to open: --data-dir (resolved against the launch folder), saved, default. */
export function chooseDataDir(options: { argDataDir: string | null; cwd: string; settings: ShellSettings; defaultDir: string }): {
  dataDir: string;
  source: 'argument' | 'settings' | 'default';
} {
  if (options.argDataDir !== null) return { dataDir: path.resolve(options.cwd, options.argDataDir), source: 'argument' };
  if (options.settings.dataDir !== null) return { dataDir: options.settings.dataDir, source: 'settings' };
  return { dataDir: options.defaultDir, source: 'default' };
}
