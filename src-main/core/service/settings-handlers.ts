/**
 * settings.get / settings.set. The file is read on every call (and by every import that may use
 * the network), so a change made by another process (the CLI) counts at once.
 */
import type { RequestName } from '../../common/contract.ts';
import type { CoreHandlers } from '../types.ts';
import type { FacetEventEmitter } from './events.ts';
import { readSettings, updateSettings } from './settings-file.ts';

export type SettingsHandlers = Pick<CoreHandlers, Extract<RequestName, 'settings.get' | 'settings.set'>>;

export function openSettingsHandlers(dataDir: string, events: FacetEventEmitter): SettingsHandlers {
  return {
    'settings.get': async () => readSettings(dataDir),
    'settings.set': async (patch) => {
      const { settings, changed } = updateSettings(dataDir, patch);
      if (changed) events.emit('settings.onDidChange', { settings });
      return settings;
    },
  };
}
