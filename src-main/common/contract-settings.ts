/**
 * The settings part of the contract: what a person can switch on for this library (data folder).
 * contract.ts spreads these request schemas into its own, so transports see one contract.
 *
 * Promise: on a fresh data folder every setting has its default, and network use is off.
 */
import { z } from 'zod';

/** A contact address for Crossref's "polite pool"; sent to Crossref only, and only with network use on. */
const mailto = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address like name@example.org');

/** One edit of the settings: any subset of the fields; the rest stay as they are. */
export const settingsPatchSchema = z
  .object({
    /** "Fetch metadata from arXiv and Crossref": off unless the person turns it on. */
    allowNetwork: z.boolean().optional(),
    /** null clears it. */
    crossrefMailto: mailto.nullable().optional(),
  })
  .strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export const settingsRequestSchemas = {
  /** The library's settings, defaults filled in. */
  'settings.get': z.object({}).default({}),
  /** Changes some settings (written atomically); emits settings.onDidChange when something changed. */
  'settings.set': settingsPatchSchema,
} as const;

export interface FacetSettings {
  /** True only after the person turned on "Fetch metadata from arXiv and Crossref". */
  allowNetwork: boolean;
  crossrefMailto: string | null;
}

export const DEFAULT_SETTINGS: Readonly<FacetSettings> = Object.freeze({ allowNetwork: false, crossrefMailto: null });

export interface SettingsRequestResults {
  'settings.get': FacetSettings;
  'settings.set': FacetSettings;
}

export interface SettingsEventPayloads {
  'settings.onDidChange': { settings: FacetSettings };
}
