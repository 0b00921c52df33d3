import { describe, expect, it } from 'vitest';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';
import { embedLine, float32Text } from '../../../src-main/node/cli/embed-line.ts';
import { seededRandom } from '../../../src-main/core/util/seeded-random.ts';

/** Float32 values of every magnitude float32 holds, both signs, plus the awkward ones. */
function float32Samples(count: number): Float32Array {
  const random = seededRandom(20261207);
  const bits = new Uint32Array(count);
  for (let i = 0; i < count; i++) bits[i] = Math.floor(random() * 2 ** 32) >>> 0;
  const values = new Float32Array(bits.buffer);
  // Random bit patterns include NaN and infinities (exponent all ones): replace those with finite values.
  for (let i = 0; i < count; i++) if (!Number.isFinite(values[i]!)) values[i] = random() * 2 - 1;
  const special = [0, -0, 1, -1, 0.1, 1 / 3, 2 ** -149, -(2 ** -149), 2 ** -126, 3.4028234663852886e38, -3.4028234663852886e38, 16777217, 1e-7, 0.007];
  special.forEach((value, i) => (values[i] = value));
  return values;
}

describe('facet embed output numbers', () => {
  it('reads every float32 back exactly from its 9-digit text', () => {
    const values = float32Samples(200_000);
    let exact = 0;
    for (const value of values) {
      const text = float32Text(value);
      const parsed = JSON.parse(text) as number;
      if (!Object.is(Math.fround(parsed), value)) throw new Error(`${value} printed as ${text} reads back as ${Math.fround(parsed)}`);
      const significant = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
      if (significant.length > 9) throw new Error(`${value} printed as ${text}: more than 9 significant digits`);
      exact++;
    }
    expect(exact).toBe(values.length);
  });

  it('is much shorter than printing the float64 widening', () => {
    const values = float32Samples(10_000).map((v) => Math.fround(Math.sin(v)));
    const nine = values.reduce((sum, v) => sum + float32Text(v).length, 0);
    const widened = values.reduce((sum, v) => sum + String(v).length, 0);
    expect(nine).toBeLessThan(widened * 0.75);
  });

  it('keeps the line format: {"id","vectors":{aspect: numbers}}, one line, in aspect order', () => {
    const values = float32Samples(4 * 8);
    const vectors = Object.fromEntries(ASPECTS.map((aspect, a) => [aspect, values.slice(a * 8, a * 8 + 8)])) as AspectVectors;
    const line = embedLine('paper "1"', vectors);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const parsed = JSON.parse(line) as { id: string; vectors: Record<string, number[]> };
    expect(Object.keys(parsed)).toEqual(['id', 'vectors']);
    expect(parsed.id).toBe('paper "1"');
    expect(Object.keys(parsed.vectors)).toEqual([...ASPECTS]);
    for (const aspect of ASPECTS) expect(Float32Array.from(parsed.vectors[aspect]!)).toEqual(vectors[aspect]);
  });

  it('refuses a component JSON cannot hold', () => {
    expect(() => float32Text(Number.NaN)).toThrow(/NaN/);
  });
});
