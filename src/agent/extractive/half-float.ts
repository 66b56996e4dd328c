const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * IEEE half precision (rounded to nearest even). Stored sentence vectors are halves: a
 * 512-dimension vector in 1 KB, and the cosines the engine compares move by about 1e-4.
 */
export function toHalf(x: number): number {
  F32[0] = x;
  const bits = U32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  let mant = bits & 0x7fffff;
  if (exp >= 31) return sign | 0x7c00 | (Number.isNaN(x) ? 0x200 : 0);
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    return sign | roundShift(mant, shift);
  }
  return sign | roundShift((exp << 23) | mant, 13);
}

/** `value >> shift`, rounded to nearest, ties to even (a carry into the exponent is right). */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const mid = 1 << (shift - 1);
  return rest > mid || (rest === mid && kept & 1) ? kept + 1 : kept;
}

export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/**
 * A vector as stored: rounded through half precision. Vectors the engine computes itself are
 * rounded the same way, so an answer does not depend on which of the two it got.
 */
export function asStored(vector: ArrayLike<number>): Float32Array {
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = fromHalf(toHalf(vector[i]));
  return out;
}
