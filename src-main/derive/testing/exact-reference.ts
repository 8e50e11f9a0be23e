/*
 * The exact sum of doubles by integer arithmetic (BigInt), written independently of exact-sum.ts to
 * check it: each double is m × 2^e with a whole m; the sum of the m shifted to the smallest e is a
 * whole number, rounded once to 53 bits (ties to even) and scaled back.
 */

function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return exp === 0 ? [sign * mant, -1074] : [sign * (mant | (1n << 52n)), exp - 1075];
}

export function exactSumReference(xs: readonly number[]): number {
  const parts = xs.filter((x) => x !== 0).map(decompose);
  if (!parts.length) return 0;
  const minE = Math.min(...parts.map(([, e]) => e));
  let big = 0n;
  for (const [m, e] of parts) big += m << BigInt(e - minE);
  if (big === 0n) return 0;
  // Round the whole number to 53 bits (ties to even), then scale by powers of two (exact).
  const neg = big < 0n;
  let m = neg ? -big : big;
  let e = minE;
  const bits = m.toString(2).length;
  if (bits > 53) {
    const shift = BigInt(bits - 53);
    const rest = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m >>= shift;
    e += bits - 53;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
  }
  let r = Number(m);
  while (e > 0) {
    const s = Math.min(e, 1000);
    r *= 2 ** s;
    e -= s;
  }
  while (e < 0) {
    const s = Math.max(e, -1000);
    r *= 2 ** s;
    e -= s;
  }
  return neg ? -r : r;
}
