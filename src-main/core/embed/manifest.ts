/** Reads and checks a model folder's manifest.json (see ModelManifest in ../types.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { ASPECTS, FacetError, type ModelInfo } from '../../common/contract.ts';
import type { ModelManifest } from '../types.ts';

export function loadManifest(modelDir: string): ModelManifest {
  const file = path.join(modelDir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FacetError('MODEL', `cannot read model manifest ${file}: ${(error as Error).message}`);
  }
  const m = raw as Partial<ModelManifest>;
  const problems: string[] = [];
  if (typeof m.id !== 'string' || m.id.length === 0) problems.push('id must be a non-empty string');
  if (typeof m.name !== 'string') problems.push('name must be a string');
  if (!Number.isInteger(m.dims) || (m.dims ?? 0) <= 0) problems.push('dims must be a positive integer');
  if (!Array.isArray(m.aspects) || !ASPECTS.every((aspect) => m.aspects!.includes(aspect))) {
    problems.push(`aspects must list ${ASPECTS.join(', ')}`);
  }
  if (typeof m.onnx !== 'string') problems.push('onnx must name the model file');
  if (typeof m.vocab !== 'string') problems.push('vocab must name the vocabulary file');
  if (!Number.isInteger(m.maxTokens) || (m.maxTokens ?? 0) <= 0) problems.push('maxTokens must be a positive integer');
  const weights = m.lexicalWeight as Record<string, unknown> | undefined;
  if (weights !== undefined && !ASPECTS.every((aspect) => typeof weights[aspect] === 'number' && weights[aspect] >= 0 && weights[aspect] <= 1)) {
    problems.push(`lexicalWeight must give every aspect (${ASPECTS.join(', ')}) a number in [0, 1]`);
  }
  if (problems.length > 0) throw new FacetError('MODEL', `model manifest ${file}: ${problems.join('; ')}`);
  const manifest: ModelManifest = {
    id: m.id!,
    name: m.name!,
    dims: m.dims!,
    aspects: [...ASPECTS],
    provisional: m.provisional === true,
    description: typeof m.description === 'string' ? m.description : '',
    onnx: m.onnx!,
    vocab: m.vocab!,
    maxTokens: m.maxTokens!,
    ...(m.lexicalWeight ? { lexicalWeight: { ...m.lexicalWeight } } : {}),
  };
  for (const name of [manifest.onnx, manifest.vocab]) {
    if (!fs.existsSync(path.join(modelDir, name))) throw new FacetError('MODEL', `model folder ${modelDir} lacks ${name} (named in manifest.json)`);
  }
  return manifest;
}

export function modelInfoOf(manifest: ModelManifest): ModelInfo {
  return {
    id: manifest.id,
    name: manifest.name,
    dims: manifest.dims,
    aspects: [...manifest.aspects],
    provisional: manifest.provisional,
    description: manifest.description,
    ...(manifest.lexicalWeight ? { lexicalWeight: { ...manifest.lexicalWeight } } : {}),
  };
}
