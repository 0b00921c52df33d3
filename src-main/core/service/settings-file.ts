/**
 * The library's settings file, `<dataDir>/library-settings.json` (contract: FacetSettings).
 *
 * Promises:
 * - A missing file means every default: network use stays off on a fresh data folder.
 * - Writes are atomic (temp file, fsync, rename): a crash leaves the old settings or the new ones.
 * - A file someone broke by hand is an error naming the file and the field, never silently reset
 *   (and never read as "network on").
 *
 * Why not `settings.json`: in the desktop app the default data folder is Electron's userData
 * folder, where the shell keeps its own settings.json (the chosen library folder) and rewrites it
 * whole; one file with two writers would lose fields.
 */
import path from 'node:path';
import { DEFAULT_SETTINGS, FacetError, type FacetSettings, type SettingsPatch } from '../../common/contract.ts';
import { readJsonOrNull, writeJsonAtomic } from '../util/atomic-file.ts';

export const SETTINGS_FILE = 'library-settings.json';

export function settingsFile(dataDir: string): string {
  return path.join(dataDir, SETTINGS_FILE);
}

/** The settings of the library in `dataDir`, defaults filled in. */
export function readSettings(dataDir: string): FacetSettings {
  const file = settingsFile(dataDir);
  let value: unknown;
  try {
    value = readJsonOrNull(file);
  } catch (error) {
    throw new FacetError('INTERNAL', `cannot read the settings: ${(error as Error).message}`);
  }
  if (value === null) return { ...DEFAULT_SETTINGS };
  return parseSettings(value, file);
}

function parseSettings(value: unknown, file: string): FacetSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FacetError('INTERNAL', `settings file ${file} must hold a JSON object; fix or delete it`);
  }
  const record = value as Record<string, unknown>;
  const allowNetwork = record.allowNetwork ?? DEFAULT_SETTINGS.allowNetwork;
  if (typeof allowNetwork !== 'boolean') {
    throw new FacetError('INTERNAL', `settings file ${file}: "allowNetwork" must be true or false, got ${JSON.stringify(allowNetwork)}; fix or delete it`);
  }
  const crossrefMailto = record.crossrefMailto ?? DEFAULT_SETTINGS.crossrefMailto;
  if (crossrefMailto !== null && typeof crossrefMailto !== 'string') {
    throw new FacetError('INTERNAL', `settings file ${file}: "crossrefMailto" must be a string or null; fix or delete it`);
  }
  return { allowNetwork, crossrefMailto };
}

/** Applies a validated patch and writes the file; returns the new settings and whether anything changed. */
export function updateSettings(dataDir: string, patch: SettingsPatch): { settings: FacetSettings; changed: boolean } {
  const before = readSettings(dataDir);
  const settings: FacetSettings = {
    allowNetwork: patch.allowNetwork ?? before.allowNetwork,
    crossrefMailto: patch.crossrefMailto === undefined ? before.crossrefMailto : patch.crossrefMailto,
  };
  const changed = settings.allowNetwork !== before.allowNetwork || settings.crossrefMailto !== before.crossrefMailto;
  if (changed) {
    try {
      writeJsonAtomic(settingsFile(dataDir), settings);
    } catch (error) {
      throw new FacetError('INTERNAL', `cannot write the settings to ${settingsFile(dataDir)}: ${(error as Error).message}`);
    }
  }
  return { settings, changed };
}
