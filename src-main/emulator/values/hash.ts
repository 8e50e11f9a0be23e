/*
 * Deterministic noise. Math.random would make every request's file different; a hash of
 * (seed, index) gives the same "random" value for the same sample, forever, on every machine.
 */

/** A uniform number in [0, 1) from two integers (only their low 32 bits count). */
export function hash01(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ (index | 0);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  // Mix in the high bits of large indices (ms timestamps overflow 32 bits).
  const high = Math.floor(index / 4294967296);
  if (high !== 0) h = Math.imul(h ^ high, 0x2c1b3c6d) ^ (h >>> 13);
  return (h >>> 0) / 4294967296;
}

/**
 * Smooth noise in [-1, 1] as a function of x: hash values at integer points, smoothstep-
 * interpolated, two octaves. The returned function remembers the last lattice points, since
 * consecutive samples almost always fall between the same two: one hash per call instead of four.
 */
export function smoothNoise(seed: number): (x: number) => number {
  const low = octave(seed);
  const high = octave(seed + 101);
  return (x) => 0.74 * low(x) + 0.26 * high(x * 3.7);
}

function octave(seed: number): (x: number) => number {
  let i0 = Number.NaN;
  let a = 0;
  let b = 0;
  return (x) => {
    const i = Math.floor(x);
    if (i !== i0) {
      a = i === i0 + 1 ? b : hash01(seed, i);
      b = hash01(seed, i + 1);
      i0 = i;
    }
    const f = x - i;
    return (a + (b - a) * f * f * (3 - 2 * f)) * 2 - 1;
  };
}
