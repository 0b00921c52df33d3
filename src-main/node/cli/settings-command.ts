/**
 * `facet settings`: shows or changes the library's settings (contract: settings.get / settings.set).
 * It reads and writes the settings file directly, through the same validation and atomic write as
 * the core's handlers, so it needs no model and answers at once. A running app reads the file on
 * its next network use; its settings view shows the change after a reload.
 */
import { parseRequest, type FacetSettings, type SettingsPatch } from '../../common/contract.ts';
import { defaultDataDir } from '../../core/data-dir.ts';
import { readSettings, settingsFile, updateSettings } from '../../core/service/settings-file.ts';
import type { CommonOptions } from './args.ts';
import { parseCommandArgs, type Options } from './command-args.ts';
import type { CliIo } from './commands.ts';
import { UsageError } from './usage-error.ts';

export const SETTINGS_USAGE = `Usage: facet settings [--allow-network on|off] [--crossref-mailto ADDRESS|none] [--data-dir DIR] [--json]
Without options, shows the settings of the library. --allow-network on lets Facet fetch metadata
for arXiv ids and DOIs from export.arxiv.org and api.crossref.org: it sends those identifiers (and
the Crossref contact address, when set) and nothing else. Off by default.
--crossref-mailto: an e-mail address Crossref may use to reach you ("none" clears it).`;

export type SettingsCommand = { name: 'help' } | ({ name: 'settings'; patch: SettingsPatch } & CommonOptions);

const OPTIONS: Options = {
  'data-dir': { type: 'string' },
  'model-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  'allow-network': { type: 'string' },
  'crossref-mailto': { type: 'string' },
};

export function parseSettingsCommand(rest: readonly string[]): SettingsCommand {
  const { values, common, expectPositionals } = parseCommandArgs('settings', OPTIONS, rest);
  if (values.help) return { name: 'help' };
  expectPositionals(0, 'no arguments besides its options');
  const patch: Record<string, unknown> = {};
  const network = values['allow-network'] as string | undefined;
  if (network !== undefined) {
    if (!['on', 'off'].includes(network)) throw new UsageError(`--allow-network must be on or off, got ${JSON.stringify(network)}`);
    patch.allowNetwork = network === 'on';
  }
  const mailto = values['crossref-mailto'] as string | undefined;
  if (mailto !== undefined) patch.crossrefMailto = mailto === 'none' ? null : mailto;
  try {
    return { name: 'settings', patch: parseRequest('settings.set', patch), ...common };
  } catch (error) {
    throw new UsageError(`facet settings: ${(error as Error).message.replace(/^settings\.set: /, '')}`);
  }
}

export function runSettingsCommand(command: SettingsCommand, io: CliIo): number {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  if (command.name === 'help') {
    out(SETTINGS_USAGE);
    return 0;
  }
  const dataDir = command.dataDir ?? defaultDataDir();
  const settings = Object.keys(command.patch).length > 0 ? updateSettings(dataDir, command.patch).settings : readSettings(dataDir);
  if (command.json) out(JSON.stringify(settings, null, 2));
  else out(settingsLines(settings, settingsFile(dataDir)));
  return 0;
}

function settingsLines(settings: FacetSettings, file: string): string {
  return [
    `Fetch metadata from arXiv and Crossref: ${settings.allowNetwork ? 'on' : 'off'}`,
    `Crossref contact address: ${settings.crossrefMailto ?? '(none)'}`,
    `(${file})`,
  ].join('\n');
}
