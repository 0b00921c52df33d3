import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataDir, resolveModelDir } from '../../../src-main/core/data-dir.ts';

describe('defaultDataDir', () => {
  it('matches Electron userData for productName "Facet" on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Facet');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Facet');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Facet');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(path.join('C:\\Users\\ada\\AppData\\Roaming', 'Facet'));
  });
});

describe('resolveModelDir', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-models-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });
  const addModel = (name: string) => {
    fs.mkdirSync(path.join(root, name));
    fs.writeFileSync(path.join(root, name, 'manifest.json'), '{}');
  };

  it('picks the single model folder, ignoring folders without a manifest', () => {
    addModel('aspect-v1');
    fs.mkdirSync(path.join(root, 'scratch'));
    expect(resolveModelDir({ modelsRoot: root, env: {} })).toBe(path.join(root, 'aspect-v1'));
  });

  it('fails clearly when there is no model or more than one', () => {
    expect(() => resolveModelDir({ modelsRoot: root, env: {} })).toThrow(/no model: .* holds no folder with a manifest.json/);
    expect(() => resolveModelDir({ modelsRoot: path.join(root, 'missing'), env: {} })).toThrow(/does not exist/);
    addModel('a');
    addModel('b');
    expect(() => resolveModelDir({ modelsRoot: root, env: {} })).toThrow(/several models .*\(a, b\)/);
  });

  it('prefers an explicit folder, then FACET_MODEL_DIR', () => {
    addModel('a');
    addModel('b');
    expect(resolveModelDir({ modelDir: path.join(root, 'b'), modelsRoot: root, env: {} })).toBe(path.join(root, 'b'));
    expect(resolveModelDir({ modelsRoot: root, env: { FACET_MODEL_DIR: path.join(root, 'a') } })).toBe(path.join(root, 'a'));
    expect(() => resolveModelDir({ modelDir: root, env: {} })).toThrow(/has no manifest.json/);
  });
});
