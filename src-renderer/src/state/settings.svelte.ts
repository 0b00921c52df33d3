/** The library's settings (settings.get / settings.set), kept current by settings.onDidChange. */
import type { FacetSettings, SettingsEventPayloads, SettingsPatch } from '../../../src-main/common/contract.ts';
import { toClientError, type FacetClient } from '../lib/client.ts';

export class SettingsState {
  /** Null until loaded: the UI then treats network use as off. */
  settings = $state.raw<FacetSettings | null>(null);
  panelOpen = $state(false);
  saving = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly client: FacetClient) {}

  get allowNetwork(): boolean {
    return this.settings?.allowNetwork === true;
  }

  async load(): Promise<void> {
    try {
      this.settings = await this.client.request('settings.get', {});
      this.error = null;
    } catch (error) {
      this.error = `Could not read the settings: ${toClientError(error).message}`;
    }
  }

  async set(patch: SettingsPatch): Promise<boolean> {
    this.saving = true;
    this.error = null;
    try {
      this.settings = await this.client.request('settings.set', patch);
      return true;
    } catch (error) {
      this.error = `Could not save the settings: ${toClientError(error).message}`;
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** Another window (or this one) changed them. */
  onChange(event: SettingsEventPayloads['settings.onDidChange']): void {
    this.settings = event.settings;
  }
}
