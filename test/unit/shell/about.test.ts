import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_CARD_EXCERPT_CHARS, aboutContent, collectVersions, installedVersion, plainTextExcerpt, readModelCard } from '../../../src-main/shell/about.ts';
import { resolveShellPaths } from '../../../src-main/shell/paths.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const readVersion = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;

describe('versions', () => {
  it('reads the installed onnxruntime-node and @lancedb/lancedb versions (the latter exports no package.json)', () => {
    expect(installedVersion('onnxruntime-node')).toBe(readVersion(path.join(repoRoot, 'node_modules/onnxruntime-node/package.json')));
    expect(installedVersion('@lancedb/lancedb')).toBe(readVersion(path.join(repoRoot, 'node_modules/@lancedb/lancedb/package.json')));
  });

  it('says why a version is unknown', () => {
    expect(installedVersion('no-such-package-facet')).toMatch(/^unknown \(MODULE_NOT_FOUND\)$/);
  });

  it('collects app, Electron, Node, ONNX Runtime and LanceDB versions', () => {
    const versions = collectVersions({ appVersion: '0.1.0', processVersions: { ...process.versions, electron: '45.4.1' } });
    expect(versions).toMatchObject({ app: '0.1.0', electron: '45.4.1', node: process.versions.node });
    expect(versions.onnxruntime).toMatch(/^\d+\.\d+\.\d+/);
    expect(versions.lancedb).toMatch(/^\d+\.\d+\.\d+/);
    expect(collectVersions({ appVersion: '0.1.0', processVersions: process.versions }).electron).toBe('(not running in Electron)');
  });
});

describe('model card', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-shell-about-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads MODEL_CARD.md from the model folder, or says which file is missing', () => {
    expect(readModelCard(dir)).toEqual({ card: null, problem: expect.stringContaining(path.join(dir, 'MODEL_CARD.md')) });
    fs.writeFileSync(path.join(dir, 'MODEL_CARD.md'), '# Model\n\nTrained on **train** split.\n');
    expect(readModelCard(dir)).toEqual({ card: { file: path.join(dir, 'MODEL_CARD.md'), text: '# Model\n\nTrained on **train** split.\n' }, problem: null });
  });

  it('turns markdown into plain text and cuts long cards at a line', () => {
    expect(plainTextExcerpt('## Data\n\nSee [the paper](https://x.y/z), *Specialized* and `code`.\n\n\n\nEnd')).toBe('Data\n\nSee the paper, Specialized and code.\n\nEnd');
    const long = Array.from({ length: 400 }, (_, index) => `line ${index}`).join('\n');
    const excerpt = plainTextExcerpt(long);
    expect(excerpt.length).toBeLessThanOrEqual(MODEL_CARD_EXCERPT_CHARS + 2);
    expect(excerpt.endsWith('\n…')).toBe(true);
    expect(long.startsWith(excerpt.slice(0, -2))).toBe(true);
  });

  it('shows versions, folders and the card in the About box', () => {
    const content = aboutContent({
      appName: 'Facet',
      versions: { app: '0.1.0', electron: '45.4.1', node: '22.20.0', onnxruntime: '1.30.0', lancedb: '0.39.0' },
      dataDir: '/home/me/.config/Facet',
      modelDir: '/opt/Facet/resources/models/facet-aspects',
      card: { file: '/x/MODEL_CARD.md', text: '# Facet aspects\nProvisional model.' },
      modelProblem: null,
    });
    expect(content.title).toBe('About Facet');
    expect(content.message).toBe('Facet 0.1.0');
    for (const expected of ['Electron 45.4.1', 'Node 22.20.0', 'onnxruntime-node) 1.30.0', 'LanceDB 0.39.0', 'Library folder: /home/me/.config/Facet', 'Model card', 'Provisional model.']) {
      expect(content.detail).toContain(expected);
    }
  });
});

describe('resolveShellPaths', () => {
  it('finds preload and renderer beside the main bundle, and resources in the repository when unpackaged', () => {
    expect(resolveShellPaths({ mainDir: '/repo/out/main', isPackaged: false, resourcesPath: '/usr/lib/electron/resources', appPath: '/repo' })).toEqual({
      preload: path.join('/repo/out/preload/index.cjs'),
      rendererDir: path.join('/repo/out/renderer'),
      modelsRoot: path.join('/repo/resources/models'),
      aspectsDir: path.join('/repo/resources/aspects'),
      windowIcon: path.join('/repo/resources/icons/512x512.png'),
    });
  });

  it('finds models, aspects and the icon in the packaged resources folder, outside the asar', () => {
    const paths = resolveShellPaths({ mainDir: '/opt/Facet/resources/app.asar/out/main', isPackaged: true, resourcesPath: '/opt/Facet/resources', appPath: '/opt/Facet/resources/app.asar' });
    expect(paths.preload).toBe(path.join('/opt/Facet/resources/app.asar/out/preload/index.cjs'));
    expect(paths.modelsRoot).toBe(path.join('/opt/Facet/resources/models'));
    expect(paths.aspectsDir).toBe(path.join('/opt/Facet/resources/aspects'));
    expect(paths.windowIcon).toBe(path.join('/opt/Facet/resources/icons/512x512.png'));
  });
});
