/**
 * The packaging configuration: electron-builder.yml (checked with electron-builder's own schema
 * validation, then for what Facet needs), the committed icons, electron.vite.config.ts, and the
 * runtime check in scripts/dist.mjs.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ASSOCIATED_EXTENSIONS } from '../../../src-main/shell/import-paths.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(path.join(repoRoot, 'package.json'));

interface FileSet {
  from: string;
  to: string;
  filter?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  files: unknown;
  asar: boolean;
  asarUnpack: string[];
  extraResources: FileSet[];
  fileAssociations: Array<{ ext: string; rank?: string; role?: string; mimeType?: string }>;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; files?: unknown };
  mac: { target: string[]; icon: string; files?: unknown };
  win: { target: string[]; icon: string; files?: unknown };
}

/** electron-builder's getConfig turns a top-level `files` list into one FileSet; accept both forms. */
function filePatterns(files: unknown): string[] {
  const entries = Array.isArray(files) ? files : [files];
  return entries.flatMap((entry) => (typeof entry === 'string' ? [entry] : ((entry as { filter?: string[] }).filter ?? [])));
}

type FileFilter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface Matcher {
  createFilter(): FileFilter;
}
const fileMatcher = require('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers(appDir: string, destination: string, expand: (text: string) => string, platformOptions: unknown, packager: unknown, outDir: string, isElectronCompile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (text: string) => string, platformOptions: unknown, packager: unknown): Matcher;
};

/** electron-builder's own ${platform} macro, as it expands it on a build machine of that OS. */
function expandFor(platform: string): (text: string) => string {
  return (text) => text.replaceAll('${platform}', platform);
}

async function loadBuilderConfig(): Promise<Record<string, unknown>> {
  const { getConfig } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown>>;
  };
  return getConfig(repoRoot, path.join(repoRoot, 'electron-builder.yml'), null);
}

let builderConfig: Record<string, unknown>;
const platformKey = { linux: 'linux', darwin: 'mac', win32: 'win' } as const;
const packagerInfo = () => ({ projectDir: repoRoot, buildResourcesDir: 'resources', isPrepackedAppAsar: false, config: builderConfig, debugLogger: { isEnabled: false } });

/**
 * Whether electron-builder would copy an app file (path relative to the repository) into the
 * package for `platform`: every matcher it builds copies files, so one accepting it is enough.
 */
function appFileCopier(platform: keyof typeof platformKey): (relative: string) => boolean {
  const matchers = fileMatcher.getMainFileMatchers(repoRoot, '/app', expandFor(platform), builderConfig[platformKey[platform]] ?? {}, { info: packagerInfo() }, path.join(repoRoot, 'release'), false);
  const filters = matchers.map((matcher) => matcher.createFilter());
  return (relative) => filters.some((filter) => filter(path.join(repoRoot, relative), { isDirectory: () => false }));
}

function nodeModuleCopier(platform: keyof typeof platformKey): (relative: string) => boolean {
  const filter = fileMatcher.getNodeModuleFileMatcher(repoRoot, '/app', expandFor(platform), builderConfig[platformKey[platform]] ?? {}, packagerInfo()).createFilter();
  return (relative) => filter(path.join(repoRoot, relative), { isDirectory: () => false });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const header = fs.readFileSync(file).subarray(0, 24);
  expect(header.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  let config: BuilderConfig;

  beforeAll(async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<unknown>;
      validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(repoRoot, path.join(repoRoot, 'electron-builder.yml'), null);
    // Throws with electron-builder's own message for an unknown or misplaced option.
    await validateConfiguration(loaded, new DebugLogger(false));
    config = loaded as BuilderConfig;
    builderConfig = await loadBuilderConfig();
  });

  it('names the app', () => {
    expect(config.appId).toBe('org.facet.app');
    expect(config.productName).toBe('Facet');
  });

  it('targets AppImage and deb on Linux, dmg on macOS and NSIS on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('ships the model and the name lists outside the asar, where paths.ts looks for them', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'resources/models', to: 'models' }),
        expect.objectContaining({ from: 'resources/aspects', to: 'aspects' }),
        expect.objectContaining({ from: 'resources/icons/512x512.png', to: 'icons/512x512.png' }),
      ]),
    );
  });

  it('unpacks the native modules from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/onnxruntime-node/**', 'node_modules/@lancedb/**']));
  });

  it('packs the bundles and never tests, tools, benchmarks, sources or the Electron package, on every OS', () => {
    const patterns = filePatterns(config.files);
    expect(patterns).toEqual(expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**']));
    for (const excluded of ['!test/**', '!tools/**', '!bench/**', '!src-main/**', '!src-renderer/**', '!node_modules/electron/**']) {
      expect(patterns).toContain(excluded);
    }
    // A platform-level files list would turn into a second, exclusions-only matcher copying "**/*".
    for (const key of ['linux', 'mac', 'win'] as const) expect(config[key].files, `${key}.files`).toBeUndefined();
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const copied = appFileCopier(platform);
      for (const shipped of ['package.json', 'out/main/index.js', 'out/main/embed-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js']) {
        expect(copied(shipped), `${platform}: ${shipped}`).toBe(true);
      }
      for (const left of ['test/unit/shell/menu.test.ts', 'tools/model/train.py', 'bench/perf.ts', 'src-main/shell/main.ts', 'src-renderer/src/App.svelte', 'scripts/dist.mjs', 'docs/DESKTOP.md', 'out/main/index.js.map', 'resources/models/m/model.onnx', 'electron.vite.config.ts']) {
        expect(copied(left), `${platform}: ${left}`).toBe(false);
      }
    }
  });

  it('keeps only the packaged platform\'s ONNX Runtime binaries, and leaves the Electron package out', () => {
    const binaries = (platform: string) => `node_modules/onnxruntime-node/bin/napi-v6/${platform}/x64/onnxruntime_binding.node`;
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const copied = nodeModuleCopier(platform);
      for (const other of ['linux', 'darwin', 'win32']) expect(copied(binaries(other)), `${platform} build, ${other} binary`).toBe(other === platform);
      expect(copied('node_modules/onnxruntime-node/dist/index.js')).toBe(true);
      expect(copied('node_modules/@lancedb/lancedb/dist/index.js')).toBe(true);
      expect(copied('node_modules/zod/index.js')).toBe(true);
      expect(copied('node_modules/electron/dist/electron')).toBe(false);
      expect(copied('node_modules/tsx/dist/cli.mjs')).toBe(false);
    }
  });

  it('registers "open with" for .bib, .ris and .json without claiming to be their default app', () => {
    expect(config.fileAssociations.map((association) => association.ext)).toEqual([...ASSOCIATED_EXTENSIONS]);
    for (const association of config.fileAssociations) {
      expect(association).toMatchObject({ role: 'Viewer', rank: 'Alternate' });
      expect(association.mimeType).toBeTruthy();
    }
  });

  it('turns off the Electron fuses that let the environment run code in the app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('points at icon files that exist, with the sizes their names say', () => {
    expect(pngSize(path.join(repoRoot, config.mac.icon))).toEqual({ width: 1024, height: 1024 });
    expect(pngSize(path.join(repoRoot, config.win.icon))).toEqual({ width: 256, height: 256 });
    const linuxIcons = fs.readdirSync(path.join(repoRoot, config.linux.icon)).filter((name) => name.endsWith('.png'));
    expect(linuxIcons.length).toBeGreaterThanOrEqual(6);
    for (const name of linuxIcons) {
      const [, width, height] = /^(\d+)x(\d+)\.png$/.exec(name) ?? [];
      expect(width, `${name} names its size`).toBeDefined();
      expect(pngSize(path.join(repoRoot, config.linux.icon, name))).toEqual({ width: Number(width), height: Number(height) });
    }
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) expect(linuxIcons).toContain(`${size}x${size}.png`);
    expect(fs.readFileSync(path.join(repoRoot, 'resources', 'icon.svg'), 'utf8')).toMatch(/^<svg[^>]*viewBox="0 0 512 512"/);
  });
});

describe('electron.vite.config.ts', () => {
  it('builds main with the embed and PDF workers as entries beside it, a CommonJS preload, and the shared renderer', async () => {
    const module = (await import('../../../electron.vite.config.ts')) as {
      default: {
        main: { build: { rolldownOptions: { input: Record<string, string>; output: { format: string; chunkFileNames: string } }; externalizeDeps: { include: string[] } } };
        preload: { build: { rolldownOptions: { input: Record<string, string>; output: { format: string; entryFileNames: string } } } };
        renderer: { root: string; build: { outDir: string; rolldownOptions: { input: string } } };
      };
      NATIVE_MODULES: readonly string[];
    };
    const config = module.default;
    const main = config.main.build.rolldownOptions;
    expect(Object.keys(main.input).sort()).toEqual(['embed-worker', 'index', 'layout-worker', 'pdf-worker']);
    expect(path.relative(repoRoot, main.input.index!)).toBe(path.join('src-main', 'shell', 'main.ts'));
    expect(path.relative(repoRoot, main.input['embed-worker']!)).toBe(path.join('src-main', 'core', 'embed', 'embed-worker.ts'));
    expect(path.relative(repoRoot, main.input['pdf-worker']!)).toBe(path.join('src-main', 'core', 'library', 'pdf-worker.ts'));
    expect(path.relative(repoRoot, main.input['layout-worker']!)).toBe(path.join('src-main', 'core', 'map', 'layout-worker.ts'));
    expect(main.output.format).toBe('es');
    expect(main.output.chunkFileNames).not.toContain('/');
    expect(config.main.build.externalizeDeps.include).toEqual(expect.arrayContaining(['@lancedb/lancedb', 'onnxruntime-node']));
    expect(module.NATIVE_MODULES).toEqual(['@lancedb/lancedb', 'onnxruntime-node']);
    const preload = config.preload.build.rolldownOptions;
    expect(path.relative(repoRoot, preload.input.index!)).toBe(path.join('src-main', 'shell', 'preload.ts'));
    expect(preload.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(path.relative(repoRoot, config.renderer.root)).toBe('src-renderer');
    expect(path.relative(repoRoot, config.renderer.build.outDir)).toBe(path.join('out', 'renderer'));
    expect(path.relative(repoRoot, config.renderer.build.rolldownOptions.input)).toBe(path.join('src-renderer', 'index.html'));
  });
});

describe('scripts/dist.mjs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-shell-dist-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('tells a missing Electron package, an unfinished download and a complete runtime apart', async () => {
    const distScript = pathToFileURL(path.join(repoRoot, 'scripts', 'dist.mjs')).href;
    const { findElectronRuntime } = (await import(distScript)) as {
      findElectronRuntime(projectRoot: string): { ok: boolean; reason?: string; version?: string; executable?: string };
    };
    expect(findElectronRuntime(dir)).toMatchObject({ ok: false, reason: expect.stringMatching(/not installed/) });
    const electronDir = path.join(dir, 'node_modules', 'electron');
    fs.mkdirSync(path.join(electronDir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(electronDir, 'package.json'), '{"name":"electron","version":"45.4.1"}');
    expect(findElectronRuntime(dir)).toMatchObject({ ok: false, reason: expect.stringMatching(/download did not complete/) });
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    expect(findElectronRuntime(dir)).toMatchObject({ ok: false, reason: expect.stringMatching(/executable .* is missing/) });
    fs.writeFileSync(path.join(electronDir, 'dist', 'electron'), '');
    expect(findElectronRuntime(dir)).toEqual({ ok: true, distDir: path.join(electronDir, 'dist'), executable: path.join(electronDir, 'dist', 'electron'), version: '45.4.1' });
  });
});
