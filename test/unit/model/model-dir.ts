/** Finds the one committed model folder under resources/models (tests of the model share this). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelManifest } from '../../../src-main/core/types.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function committedModelDir(): { dir: string; manifest: ModelManifest } {
  const modelsDir = path.join(repoRoot, 'resources/models');
  const dirs = readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(modelsDir, entry.name, 'manifest.json')))
    .map((entry) => path.join(modelsDir, entry.name));
  if (dirs.length !== 1) throw new Error(`expected exactly one model folder in ${modelsDir}, found ${dirs.length}`);
  const dir = dirs[0] as string;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ModelManifest;
  return { dir, manifest };
}
