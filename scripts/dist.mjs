#!/usr/bin/env node
// npm run dist: builds Facet's installers for the OS this runs on.
//
//   1. checks that the Electron runtime is installed (the `electron` optional dependency downloads
//      it from GitHub on install; where that failed there is nothing to package) and that a model
//      exists under resources/models;
//   2. electron-vite build  -> out/main, out/preload, out/renderer;
//   3. electron-builder --linux | --mac | --win  (targets in electron-builder.yml) -> release/.
//
// Arguments after `--` go to electron-builder, e.g. `npm run dist -- --x64 --arm64`.
// The installed runtime is reused as electron-builder's electronDist, so packaging needs no second
// download.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PLATFORM_FLAGS = { linux: '--linux', darwin: '--mac', win32: '--win' };

function fail(message) {
  console.error(`\ndist: ${message}\n`);
  process.exit(1);
}

/** The installed Electron runtime folder, or the reason there is none. */
export function findElectronRuntime(projectRoot = root) {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifest)) return { ok: false, reason: `the "electron" package is not installed (${packageDir} is missing)` };
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return { ok: false, reason: `the "electron" package is installed but its runtime download did not complete (${pathFile} is missing)` };
  }
  const executable = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(executable)) return { ok: false, reason: `the Electron executable ${executable} is missing` };
  const version = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
  return { ok: true, distDir: path.join(packageDir, 'dist'), executable, version };
}

function declaredElectronRange() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return manifest.optionalDependencies?.electron ?? manifest.devDependencies?.electron ?? 'latest';
}

function modelFolders() {
  const modelsRoot = path.join(root, 'resources', 'models');
  if (!fs.existsSync(modelsRoot)) return [];
  return fs
    .readdirSync(modelsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(modelsRoot, entry.name, 'manifest.json')))
    .map((entry) => entry.name);
}

function run(command, args) {
  console.log(`\ndist: ${command} ${args.join(' ')}`);
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${command}.cmd` : command);
  const result = spawnSync(bin, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} exited with ${result.status ?? result.signal}`);
}

function main() {
  const platformFlag = PLATFORM_FLAGS[process.platform];
  if (platformFlag === undefined) fail(`no installer target for ${process.platform}; Facet packages for Linux, macOS and Windows`);

  const runtime = findElectronRuntime();
  if (!runtime.ok) {
    fail(
      [
        `cannot build installers: ${runtime.reason}.`,
        '',
        'Installers bundle the Electron runtime, which the optional "electron" dependency downloads',
        'from GitHub when npm installs it. To get it:',
        `  npm install --no-save electron@"${declaredElectronRange()}"`,
        '  (behind a proxy or mirror: set ELECTRON_MIRROR, see https://www.electronjs.org/docs/latest/tutorial/installation)',
        'then run `npm run dist` again. The rest of Facet (CLI, browser mode: npm run serve) works without it.',
      ].join('\n'),
    );
  }

  const models = modelFolders();
  if (models.length !== 1) {
    fail(
      models.length === 0
        ? 'no model under resources/models (a folder with manifest.json): train one with `npm run train` first'
        : `several models under resources/models (${models.join(', ')}); the app ships exactly one`,
    );
  }

  console.log(`dist: Electron ${runtime.version} (${runtime.executable}); model ${models[0]}`);
  run('electron-vite', ['build']);
  const extra = process.argv.slice(2);
  run('electron-builder', [platformFlag, '--publish', 'never', `--config.electronDist=${runtime.distDir}`, ...extra]);
  console.log(`\ndist: installers are in ${path.join(root, 'release')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
