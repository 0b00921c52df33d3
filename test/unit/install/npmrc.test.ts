/**
 * The project's npm settings: npm commands (npm start, npm test, npm ci) print no warning about
 * them, and onnxruntime-node's install script still sees "skip", so an install never downloads
 * the CUDA libraries.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ORT_INSTALL = path.join(ROOT, 'node_modules', 'onnxruntime-node', 'script', 'install.js');

function npm(args: string[]) {
  const env = { ...process.env };
  // The test runner may itself run under npm, which exports the project's settings already.
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_config_')) delete env[key];
  return spawnSync('npm', args, { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
}

describe('project npm settings', () => {
  it('give no "npm warn" on an ordinary npm command', () => {
    const run = npm(['pkg', 'get', 'name']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('"facet"');
    expect(run.stderr).not.toMatch(/npm warn/i);
    expect(run.stderr).not.toMatch(/Unknown project config/);
  });

  it('still tell onnxruntime-node to skip its CUDA download, and its install script exits at once', () => {
    const flag = npm(['exec', '--offline', '--', 'node', '-e', 'process.stdout.write(String(process.env.npm_config_onnxruntime_node_install))']);
    expect(flag.status).toBe(0);
    expect(flag.stdout).toBe('skip');
    expect(flag.stderr).not.toMatch(/npm warn/i);

    // The script exactly as npm runs it at install time, with npm's environment: it must stop
    // before resolving any NuGet package (it would print what it downloads, and fail offline).
    const install = npm(['exec', '--offline', '--', 'node', ORT_INSTALL]);
    expect(install.status).toBe(0);
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/download|nuget|cuda/i);
  });
});
