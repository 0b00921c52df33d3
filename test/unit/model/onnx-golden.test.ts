/**
 * The committed ONNX model reproduces the training-side (torch) reference vectors of the golden
 * digests in test/fixtures/model/golden.json, which tools/model/train.sh regenerates with the model.
 */
// First: ONNX Runtime telemetry off before onnxruntime-node loads.
import '../../../src-main/core/embed/ort-telemetry-off.ts';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import { Tokenizer } from '../../../src-main/core/text/tokenizer.ts';
import { committedModelDir, repoRoot } from './model-dir.ts';

interface GoldenInput {
  name: string;
  title: string;
  abstract: string;
  ids: number[];
  truncated: boolean;
  vectors: Record<string, number[]>;
}
const golden = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/model/golden.json'), 'utf8')) as {
  modelId: string;
  maxTokens: number;
  inputs: GoldenInput[];
};
const { dir, manifest } = committedModelDir();

function batchTensor(rows: number[][]): ort.Tensor {
  const length = Math.max(1, ...rows.map((r) => r.length));
  const data = new BigInt64Array(rows.length * length);
  rows.forEach((row, r) => row.forEach((id, i) => (data[r * length + i] = BigInt(id))));
  return new ort.Tensor('int64', data, [rows.length, length]);
}

describe('committed model', () => {
  it('has a manifest that matches the files and the golden reference', () => {
    expect(manifest.aspects).toEqual([...ASPECTS]);
    expect(golden.modelId).toBe(manifest.id);
    expect(manifest.id).toMatch(/@[0-9a-f]{12}$/);
    expect(golden.maxTokens).toBe(manifest.maxTokens);
    const totalBytes = readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
    expect(totalBytes).toBeLessThanOrEqual(40 * 1024 * 1024);
  });

  it('tokenizes the golden digests to the recorded ids', () => {
    const tokenizer = Tokenizer.fromFile(path.join(dir, manifest.vocab));
    for (const input of golden.inputs) {
      const encoded = tokenizer.encode(input.title, input.abstract, manifest.maxTokens);
      expect(encoded.ids, input.name).toEqual(input.ids);
      expect(encoded.truncated, input.name).toBe(input.truncated);
    }
  });

  it('gives the reference vectors, unit-norm and finite, batched with padding and one by one', async () => {
    const session = await ort.InferenceSession.create(path.join(dir, manifest.onnx));
    try {
      expect([...session.outputNames].sort()).toEqual([...ASPECTS].sort());
      const batched = await session.run({ input_ids: batchTensor(golden.inputs.map((i) => i.ids)) });
      for (const [row, input] of golden.inputs.entries()) {
        const single = await session.run({ input_ids: batchTensor([input.ids]) });
        for (const aspect of ASPECTS) {
          const expected = input.vectors[aspect] as number[];
          expect(expected).toHaveLength(manifest.dims);
          for (const result of [batched, single]) {
            const output = result[aspect] as ort.Tensor;
            expect(output.dims[1]).toBe(manifest.dims);
            const data = output.data as Float32Array;
            const offset = result === batched ? row * manifest.dims : 0;
            const vector = data.subarray(offset, offset + manifest.dims);
            let norm = 0;
            for (let d = 0; d < manifest.dims; d++) {
              const value = vector[d] as number;
              expect(Number.isFinite(value), `${input.name}/${aspect}[${d}]`).toBe(true);
              expect(Math.abs(value - (expected[d] as number)), `${input.name}/${aspect}[${d}]`).toBeLessThanOrEqual(1e-5);
              norm += value * value;
            }
            expect(Math.sqrt(norm), `${input.name}/${aspect} norm`).toBeCloseTo(1, 5);
          }
        }
      }
    } finally {
      await session.release();
    }
  });
});
