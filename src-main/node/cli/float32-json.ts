/**
 * Float32 components as JSON number text: `float32Text` is the definition (9 significant digits,
 * the fewest that read back to the same float32 in every case), `writeFloat32` writes the very
 * same characters as ASCII bytes into a buffer, about ten times faster, for `facet embed`'s
 * millions of components.
 */

/** Significant digits that round-trip any float32 (FLT_DECIMAL_DIG). */
export const FLOAT32_DIGITS = 9;

/** The longest text float32Text gives: "-" and 21 digits, for values from 1e20 up to 1e21. */
export const FLOAT32_TEXT_MAX_BYTES = 22;

/** A float32 as its shortest 9-significant-digit JSON number. */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`an embedding component is ${value}, which JSON cannot hold`);
  // Number(…) drops trailing zeros and turns an exponent form into JSON's own. String(-0) is "0",
  // so negative zero is spelled out to keep its sign bit.
  if (Object.is(value, -0)) return '-0';
  return String(Number(value.toPrecision(FLOAT32_DIGITS)));
}

/** 10^0 … 10^22: every one is exact as a double, so scaling by one rounds once. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

const DIGIT_0 = 48;
const MINUS = 45;
const PLUS = 43;
const POINT = 46;
const LETTER_E = 101;
const digits = new Uint8Array(FLOAT32_DIGITS);

/**
 * Writes float32Text(value) as ASCII at out[at…] and returns the index after it; `out` must have
 * FLOAT32_TEXT_MAX_BYTES free from `at`.
 *
 * Why it is exact: for 1e-14 <= |value| < 1e22, x = |value| * 10^(8-e) (or / 10^(e-8)) is one
 * correctly rounded operation on exact operands, so it is within 2^-24 of the exact scaled value
 * while x < 2^30. Rounding x to the nearest integer then gives the same 9 digits toPrecision does
 * unless x lies within that distance of a half (a tie, or a near one): those values, the ones
 * whose estimated exponent e was off by one (x outside [1e8, 1e9 - 0.5)), zero, and the ones
 * outside that range take float32Text itself. The digits, trailing zeros dropped, are then laid
 * out as Number.prototype.toString lays out a number of at most 15 significant digits, which is
 * what String(Number(…)) gives back for them.
 */
export function writeFloat32(value: number, out: Uint8Array, at: number): number {
  // Zero is common (many components of the model's vectors are exactly 0): "0", or "-0".
  if (value === 0) {
    if (!Object.is(value, -0)) {
      out[at] = DIGIT_0;
      return at + 1;
    }
    out[at] = MINUS;
    out[at + 1] = DIGIT_0;
    return at + 2;
  }
  const magnitude = value < 0 ? -value : value;
  if (magnitude >= 1e-14 && magnitude < 1e22) {
    const exponent = Math.floor(Math.log10(magnitude));
    const shift = FLOAT32_DIGITS - 1 - exponent;
    const scaled = shift >= 0 ? magnitude * POWERS_OF_TEN[shift]! : magnitude / POWERS_OF_TEN[-shift]!;
    if (scaled >= 1e8 && scaled < 999_999_999.5) {
      let integer = Math.floor(scaled);
      const fraction = scaled - integer;
      if (Math.abs(fraction - 0.5) > 1e-6) {
        if (fraction > 0.5) integer++;
        return writeDigits(value < 0, integer, exponent, out, at);
      }
    }
  }
  const text = float32Text(value);
  let pos = at;
  for (let i = 0; i < text.length; i++) out[pos++] = text.charCodeAt(i);
  return pos;
}

/** Lays out integer (9 digits) * 10^(exponent - 8) the way Number.prototype.toString does. */
function writeDigits(negative: boolean, integer: number, exponent: number, out: Uint8Array, at: number): number {
  let count = FLOAT32_DIGITS;
  let rest = integer;
  while (rest % 10 === 0) {
    rest /= 10;
    count--;
  }
  for (let i = count - 1; i >= 0; i--) {
    const quotient = Math.floor(rest / 10);
    digits[i] = DIGIT_0 + rest - quotient * 10;
    rest = quotient;
  }
  let pos = at;
  if (negative) out[pos++] = MINUS;
  // The position of the decimal point after the first digit, as the spec's "n".
  const point = exponent + 1;
  if (point >= count && point <= 21) {
    for (let i = 0; i < count; i++) out[pos++] = digits[i]!;
    for (let i = count; i < point; i++) out[pos++] = DIGIT_0;
  } else if (point > 0 && point <= 21) {
    for (let i = 0; i < point; i++) out[pos++] = digits[i]!;
    out[pos++] = POINT;
    for (let i = point; i < count; i++) out[pos++] = digits[i]!;
  } else if (point > -6 && point <= 0) {
    out[pos++] = DIGIT_0;
    out[pos++] = POINT;
    for (let i = point; i < 0; i++) out[pos++] = DIGIT_0;
    for (let i = 0; i < count; i++) out[pos++] = digits[i]!;
  } else {
    out[pos++] = digits[0]!;
    if (count > 1) {
      out[pos++] = POINT;
      for (let i = 1; i < count; i++) out[pos++] = digits[i]!;
    }
    out[pos++] = LETTER_E;
    out[pos++] = exponent < 0 ? MINUS : PLUS;
    const shown = String(exponent < 0 ? -exponent : exponent);
    for (let i = 0; i < shown.length; i++) out[pos++] = shown.charCodeAt(i);
  }
  return pos;
}
