import { describe, expect, it } from 'vitest';
import { FLOAT32_TEXT_MAX_BYTES, float32Text, writeFloat32 } from '../../../src-main/node/cli/float32-json.ts';
import { seededRandom } from '../../../src-main/core/util/seeded-random.ts';

const decoder = new TextDecoder();

/** The formatting facet embed used before writeFloat32: the definition the fast path must match. */
function reference(value: number): string {
  return Object.is(value, -0) ? '-0' : String(Number(value.toPrecision(9)));
}

describe('writeFloat32', () => {
  it('writes exactly the reference text for two million random float32 bit patterns and unit-vector components', () => {
    const random = seededRandom(20261208);
    const out = new Uint8Array(FLOAT32_TEXT_MAX_BYTES);
    const one = new Float32Array(1);
    const bits = new Uint32Array(one.buffer);
    let mismatches = 0;
    let checked = 0;
    for (let i = 0; i < 2_000_000; i++) {
      if (i % 2 === 0) bits[0] = Math.floor(random() * 2 ** 32) >>> 0;
      else one[0] = (random() * 2 - 1) * 0.3;
      const value = one[0]!;
      if (!Number.isFinite(value)) continue;
      const text = decoder.decode(out.subarray(0, writeFloat32(value, out, 0)));
      if (text !== reference(value) || !Object.is(Math.fround(Number(text)), value)) mismatches++;
      checked++;
    }
    expect(checked).toBeGreaterThan(1_990_000);
    expect(mismatches).toBe(0);
  });

  it('matches at the awkward values: zeros, extremes, ties and powers of ten', () => {
    const out = new Uint8Array(FLOAT32_TEXT_MAX_BYTES);
    const values = [0, -0, 1, -1, 0.1, 2 ** -149, 2 ** -126, 3.4028234663852886e38, 1234567.5, 16777216, 1e20, -1e20, 1e-7, 1e-6, 0.000001234, 9.999999e-5];
    for (const value of values.map(Math.fround)) {
      expect(decoder.decode(out.subarray(0, writeFloat32(value, out, 0)))).toBe(float32Text(value));
    }
    expect(() => writeFloat32(Number.NaN, out, 0)).toThrow(/NaN/);
  });
});
