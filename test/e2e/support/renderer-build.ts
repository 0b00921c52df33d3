/** The built renderer the bridge serves; built once here when out/renderer is missing. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const RENDERER_DIR = path.resolve('out', 'renderer');

export function ensureRendererBuilt(): string {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync(process.execPath, [path.resolve('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
  }
  return RENDERER_DIR;
}
