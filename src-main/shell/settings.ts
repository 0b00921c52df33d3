/**
 * Desktop settings kept in `settings.json` in the app's own folder (Electron's userData), apart
 * from the library so that choosing another library folder is itself remembered.
 *
 * The library folder in use is, in order: `--data-dir` on the command line, the folder chosen with
 * File ▸ Library Folder…, and the app's own folder (which is also what the CLI and browser mode
 * use by default, see core/data-dir.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../core/util/atomic-file.ts';
import { readStateFile } from './json-state-file.ts';

export const SETTINGS_FILE = 'settings.json';

export interface ShellSettings {
  /** Absolute path of the library folder chosen in the app, or null for the default. */
  dataDir: string | null;
}

export const DEFAULT_SETTINGS: ShellSettings = { dataDir: null };

/** Other keys are ignored; a missing or null `dataDir` means the default library. */
const settingsSchema = z.object({
  dataDir: z
    .string()
    .refine((dir) => path.isAbsolute(dir) && !dir.includes('\0'))
    .nullish()
    .transform((dir) => dir ?? null),
});

export function parseSettings(value: unknown): ShellSettings | null {
  const result = settingsSchema.safeParse(value);
  return result.success ? result.data : null;
}

export interface SettingsRead {
  settings: ShellSettings;
  problem: string | null;
}

export function readSettings(dir: string): SettingsRead {
  const read = readStateFile(path.join(dir, SETTINGS_FILE), settingsSchema, '"dataDir" must be an absolute folder path or null; using the default library');
  return { settings: read.value ?? { ...DEFAULT_SETTINGS }, problem: read.problem };
}

/** Written atomically and indented, since a person may edit it by hand. */
export function writeSettings(dir: string, settings: ShellSettings): void {
  writeJsonAtomic(path.join(dir, SETTINGS_FILE), settings, { pretty: true });
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
