#!/usr/bin/env node
/**
 * `npm start [-- --data-dir DIR …]`: the desktop app when Electron's binary is installed,
 * otherwise browser mode (the renderer served by the local bridge on 127.0.0.1).
 *
 * Every argument after `--` is passed through unchanged to whichever mode runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const args = process.argv.slice(2);

/**
 * The Electron executable, or null. The electron package resolves to its binary's path, and
 * throws when the binary was never downloaded (optional dependency skipped or failed).
 */
export function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Newest modification time of any file under `target` (a file or a folder). */
function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stats = fs.statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when out/renderer is missing or older than anything it is built from. */
export function rendererIsStale() {
  const built = path.join(repoRoot, 'out', 'renderer', 'index.html');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const inputs = ['src-renderer', 'vite.renderer.config.ts', 'src-main/common/contract.ts', 'package.json'];
  return inputs.some((input) => newestMtime(path.join(repoRoot, input)) > builtAt);
}

/** Runs a Node script of a dependency's bin folder, exiting with its status when it fails. */
function runNodeScript(script, scriptArgs) {
  const result = spawnSync(process.execPath, [script, ...scriptArgs], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Runs a long-lived child and exits with its status. Ctrl+C in a terminal reaches the child
 * directly (same process group), so SIGINT is only kept from killing this parent early; SIGTERM
 * (sent to this process alone) is forwarded.
 */
function runForeground(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: repoRoot, stdio: 'inherit' });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startDesktop() {
  // electron-vite builds main, preload and renderer, then starts Electron with the arguments after `--`.
  const cli = path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  runForeground(process.execPath, [cli, 'preview', ...(args.length > 0 ? ['--', ...args] : [])]);
}

function startBrowserMode(reason) {
  console.log(reason);
  if (rendererIsStale()) {
    console.log('Building the renderer …');
    runNodeScript(path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), ['build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  }
  // The compiled server in out/node when it is current, else the sources through tsx.
  runForeground(process.execPath, [path.join(repoRoot, 'bin', 'facet-serve.mjs'), ...args]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.env.FACET_BROWSER_MODE === '1') startBrowserMode('FACET_BROWSER_MODE=1: starting Facet in browser mode.');
  else if (electronBinary() === null) {
    startBrowserMode(
      'Electron is not installed on this machine (its binary download failed or was skipped); starting Facet in browser mode instead.',
    );
  } else startDesktop();
}
