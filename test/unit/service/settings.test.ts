/**
 * settings.get / settings.set through openFacet (fake embedder): defaults on a fresh data folder,
 * atomic writes, the change event, validation at the contract boundary, and a broken file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type EventPayloads } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { SETTINGS_FILE, readSettings } from '../../../src-main/core/service/settings-file.ts';
import { FakeEmbedder } from './fake-embedder.ts';

let tmp: string;
let dataDir: string;
let core: FacetCore | null = null;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-settings-'));
  dataDir = path.join(tmp, 'data');
});

afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(): Promise<FacetCore> {
  core = await openFacet({ dataDir, embedder: new FakeEmbedder() });
  return core;
}

describe('settings', () => {
  it('has network use off on a fresh data folder, without writing a file', async () => {
    const c = await open();
    expect(await c.handlers['settings.get'](parseRequest('settings.get', {}))).toEqual({ allowNetwork: false, crossrefMailto: null });
    expect(fs.existsSync(path.join(dataDir, SETTINGS_FILE))).toBe(false);
  });

  it('writes a change atomically, emits settings.onDidChange once per change, and keeps the other fields', async () => {
    const c = await open();
    const seen: EventPayloads['settings.onDidChange'][] = [];
    c.events.on('settings.onDidChange', (event) => seen.push(event));

    const on = await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    expect(on).toEqual({ allowNetwork: true, crossrefMailto: null });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8'))).toEqual({ allowNetwork: true, crossrefMailto: null });
    // No temporary file is left beside it.
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith(SETTINGS_FILE))).toEqual([SETTINGS_FILE]);

    await c.handlers['settings.set'](parseRequest('settings.set', { crossrefMailto: ' me@example.org ' }));
    expect(await c.handlers['settings.get']({})).toEqual({ allowNetwork: true, crossrefMailto: 'me@example.org' });
    // Setting what is already set changes nothing and says nothing.
    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: false, crossrefMailto: null }));
    expect(seen.map((event) => event.settings)).toEqual([
      { allowNetwork: true, crossrefMailto: null },
      { allowNetwork: true, crossrefMailto: 'me@example.org' },
      { allowNetwork: false, crossrefMailto: null },
    ]);

    // Another core on the same folder (a restart, or the CLI) reads what was written.
    await c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: true }));
    await c.close();
    core = null;
    const again = await open();
    expect(await again.handlers['settings.get']({})).toEqual({ allowNetwork: true, crossrefMailto: null });
  });

  it('rejects bad edits at the boundary, naming the field', () => {
    expect(() => parseRequest('settings.set', { allowNetwork: 'yes' })).toThrow(/settings\.set: allowNetwork/);
    expect(() => parseRequest('settings.set', { crossrefMailto: 'not an address' })).toThrow(/crossrefMailto: must be an e-mail address/);
    expect(() => parseRequest('settings.set', { arxivApiUrl: 'http://127.0.0.1:1/' })).toThrow(/settings\.set: .*arxivApiUrl/);
  });

  it('does not read the desktop shell\'s settings.json, and names a broken settings file', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    // The shell keeps { dataDir } in settings.json of its own folder, which may be this data folder.
    fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ dataDir: null, allowNetwork: true }));
    expect(readSettings(dataDir).allowNetwork).toBe(false);

    fs.writeFileSync(path.join(dataDir, SETTINGS_FILE), JSON.stringify({ allowNetwork: 'true' }));
    const c = await open();
    await expect(c.handlers['settings.get']({})).rejects.toThrow(/library-settings\.json: "allowNetwork" must be true or false/);
    await expect(c.handlers['settings.set'](parseRequest('settings.set', { allowNetwork: false }))).rejects.toThrow(/"allowNetwork" must be true or false/);
  });
});
