/**
 * Caches the benchmark pool's aspect vectors between runs, keyed by model id and paper ids, in the
 * system temp folder (never in the repository: the vectors are derived from ../shared data).
 * Format: one JSON header line ({model, dims, aspects, ids}), then little-endian float32 rows,
 * aspect-major.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Aspect } from '../../../src-main/common/contract.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';

export function cacheFile(modelId: string, ids: readonly string[], dir = path.join(os.tmpdir(), 'facet-bench-cache')): string {
  const key = createHash('sha1').update(modelId).update('\0').update(ids.join('\n')).digest('hex').slice(0, 20);
  return path.join(dir, `for-you-${key}.vectors`);
}

export function writeVectorCache(file: string, modelId: string, ids: readonly string[], aspects: readonly Aspect[], vectors: readonly AspectVectors[]): void {
  const dims = vectors[0]?.[aspects[0]!]?.length ?? 0;
  const header = Buffer.from(JSON.stringify({ model: modelId, dims, aspects, ids }) + '\n', 'utf8');
  const body = new Float32Array(aspects.length * ids.length * dims);
  aspects.forEach((aspect, a) => vectors.forEach((row, i) => body.set(row[aspect], (a * ids.length + i) * dims)));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, Buffer.concat([header, Buffer.from(body.buffer, body.byteOffset, body.byteLength)]));
  fs.renameSync(temp, file);
}

/** The cached vectors, or null when there is no cache for exactly this model and these ids. */
export function readVectorCache(file: string, modelId: string, ids: readonly string[]): AspectVectors[] | null {
  if (!fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return null;
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { model: string; dims: number; aspects: Aspect[]; ids: string[] };
  if (header.model !== modelId || header.ids.length !== ids.length || header.ids.some((id, i) => id !== ids[i])) return null;
  const data = bytes.subarray(newline + 1);
  const floats = new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (floats.length !== header.aspects.length * ids.length * header.dims) throw new Error(`${file}: truncated vector cache`);
  return ids.map((_, i) => {
    const row = {} as AspectVectors;
    header.aspects.forEach((aspect, a) => {
      const start = (a * ids.length + i) * header.dims;
      row[aspect] = floats.slice(start, start + header.dims);
    });
    return row;
  });
}
