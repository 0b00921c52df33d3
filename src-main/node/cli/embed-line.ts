/**
 * One output line of `facet embed`: {"id":…,"vectors":{"generic":[…],"task":[…],"method":[…],"dataset":[…]}}.
 *
 * The vectors are float32, so each component is printed with 9 significant digits, the fewest
 * that read back to the same float32 in every case (printing the float64 widening with up to 17
 * digits made lines about a third longer for no information). JSON.parse of a component followed
 * by Math.fround (or a Float32Array store) gives back the exact bits.
 */
import { ASPECTS } from '../../common/contract.ts';
import type { AspectVectors } from '../../core/types.ts';

/** Significant digits that round-trip any float32 (FLT_DECIMAL_DIG). */
export const FLOAT32_DIGITS = 9;

/** A float32 as its shortest 9-significant-digit JSON number. */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`an embedding component is ${value}, which JSON cannot hold`);
  // Number(…) drops trailing zeros and turns an exponent form into JSON's own. String(-0) is "0",
  // so negative zero is spelled out to keep its sign bit.
  if (Object.is(value, -0)) return '-0';
  return String(Number(value.toPrecision(FLOAT32_DIGITS)));
}

function vectorText(vector: Float32Array): string {
  let text = '[';
  for (let i = 0; i < vector.length; i++) text += (i === 0 ? '' : ',') + float32Text(vector[i]!);
  return `${text}]`;
}

/** The line for one paper, newline included. */
export function embedLine(id: string, vectors: AspectVectors): string {
  const parts = ASPECTS.map((aspect) => `${JSON.stringify(aspect)}:${vectorText(vectors[aspect])}`);
  return `{"id":${JSON.stringify(id)},"vectors":{${parts.join(',')}}}\n`;
}
