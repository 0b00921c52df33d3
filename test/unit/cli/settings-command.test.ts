/** `facet settings`: parsing, and showing / changing the settings file of a data folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE } from '../../../src-main/core/service/settings-file.ts';
import { parseSettingsCommand, runSettingsCommand } from '../../../src-main/node/cli/settings-command.ts';
import { UsageError } from '../../../src-main/node/cli/usage-error.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-settings-cli-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function run(args: string[]): { code: number; stdout: string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const code = runSettingsCommand(parseSettingsCommand([...args, '--data-dir', dataDir]), { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
  return { code, stdout: text };
}

describe('facet settings', () => {
  it('parses on/off and the Crossref address, and rejects anything else with a usage error', () => {
    expect(parseSettingsCommand(['--allow-network', 'on'])).toMatchObject({ name: 'settings', patch: { allowNetwork: true } });
    expect(parseSettingsCommand(['--allow-network', 'off', '--json'])).toMatchObject({ patch: { allowNetwork: false }, json: true });
    expect(parseSettingsCommand(['--crossref-mailto', 'none'])).toMatchObject({ patch: { crossrefMailto: null } });
    expect(parseSettingsCommand([])).toMatchObject({ name: 'settings', patch: {} });
    expect(parseSettingsCommand(['--help'])).toEqual({ name: 'help' });
    expect(() => parseSettingsCommand(['--allow-network', 'yes'])).toThrow(new UsageError('--allow-network must be on or off, got "yes"'));
    expect(() => parseSettingsCommand(['--crossref-mailto', 'nobody'])).toThrow(/crossrefMailto: must be an e-mail address/);
    expect(() => parseSettingsCommand(['network'])).toThrow(/takes no arguments besides its options/);
  });

  it('shows network use off on a fresh folder, turns it on (written to the file) and off again', () => {
    expect(run([])).toEqual({ code: 0, stdout: expect.stringMatching(/^Fetch metadata from arXiv and Crossref: off\n/) });
    expect(fs.existsSync(path.join(dataDir, SETTINGS_FILE))).toBe(false);

    const on = run(['--allow-network', 'on', '--json']);
    expect(JSON.parse(on.stdout)).toEqual({ allowNetwork: true, crossrefMailto: null });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8'))).toEqual({ allowNetwork: true, crossrefMailto: null });
    expect(JSON.parse(run(['--json']).stdout)).toEqual({ allowNetwork: true, crossrefMailto: null });

    expect(run(['--allow-network', 'off']).stdout).toContain('Fetch metadata from arXiv and Crossref: off');
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8')).allowNetwork).toBe(false);
  });
});
