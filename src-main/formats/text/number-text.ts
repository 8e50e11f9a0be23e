/*
 * A double as text, written straight into bytes: exactly what String(v) gives (the shortest text
 * that reads back to the same double), without making a string per value.
 *
 * Fast path, for 1e-6 <= |v| < 2^50 (where String(v) is positional, never exponential): find the
 * fewest decimal places k for which an integer m has m / 10^k === |v|, and write m with the point
 * k digits from the right. Why that is String(v):
 *  - m / 10^k is one correctly rounded division of two exact doubles (m < 2^53, k <= 22), and
 *    reading the text "m/10^k" back is the same correctly rounded value: the text round-trips.
 *  - While m < 2^50, the interval of reals that round to |v| is narrower than 10^-k, so at most one
 *    k-place decimal round-trips, and Math.round(|v| * 10^k) finds it: the product's rounding error
 *    and the interval's half-width together stay below 1/2.
 *  - Any shorter text would have fewer places with the same leading digit (every decimal in the
 *    interval has |v|'s magnitude: a power of ten inside it is the double itself), so the fewest
 *    places is the fewest significant digits, which is how ECMAScript picks String(v)'s digits.
 *  - Integers below 2^50 have no shorter form: every integer there is a double of its own.
 * Anything else (tiny, huge, 17 digits, subnormal) is written from String(v). The property tests
 * in number-text.test.ts check both paths against String(v) over hundreds of thousands of doubles.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact doubles up to 10^22
const LIMIT = 2 ** 50;
const MIN_POSITIONAL = 1e-6;
const EPSILON = 2 ** -50;
const DOT = 46;
const ZERO = 48;
const DIGITS2 = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGITS2[2 * i] = ZERO + Math.floor(i / 10);
  DIGITS2[2 * i + 1] = ZERO + (i % 10);
}

/** The most bytes writeDouble writes: `-0.0000012345678901234567` is 25. */
export const MAX_DOUBLE_BYTES = 25;

/** Writes the digits of an integer 0 <= n < 2^31 ending just before `end`; returns where they start. */
function digitsBackward(out: Uint8Array, end: number, n: number): number {
  let p = end;
  while (n >= 100) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) << 1;
    out[--p] = DIGITS2[r + 1]!;
    out[--p] = DIGITS2[r]!;
    n = q;
  }
  if (n >= 10) {
    out[--p] = DIGITS2[(n << 1) + 1]!;
    out[--p] = DIGITS2[n << 1]!;
  } else out[--p] = ZERO + n;
  return p;
}

function digitCount(n: number): number {
  let d = 1;
  while (n >= POW10[d]! && d < 22) d++;
  return d;
}

/** Writes the integer 0 <= n < 2^53 at `pos`, at least `width` digits (zero-padded); returns the end. */
export function writeInteger(out: Uint8Array, pos: number, n: number, width = 1): number {
  const len = Math.max(digitCount(n), width);
  const end = pos + len;
  let start: number;
  if (n < 2147483648) start = digitsBackward(out, end, n);
  else {
    const hi = Math.floor(n / 1e8);
    const lo = n - hi * 1e8;
    const loStart = digitsBackward(out, end, lo);
    for (let p = end - 8; p < loStart; p++) out[p] = ZERO;
    start = digitsBackward(out, end - 8, hi);
  }
  for (let p = pos; p < start; p++) out[p] = ZERO;
  return end;
}

/** Writes m (an integer below 2^31) with the decimal mark k digits from the right; returns the end. */
function writeDecimal31(out: Uint8Array, pos: number, m: number, k: number, decimal: number): number {
  let q = m | 0;
  const n =
    q < 10
      ? 1
      : q < 100
        ? 2
        : q < 1000
          ? 3
          : q < 10_000
            ? 4
            : q < 100_000
              ? 5
              : q < 1_000_000
                ? 6
                : q < 10_000_000
                  ? 7
                  : q < 100_000_000
                    ? 8
                    : q < 1_000_000_000
                      ? 9
                      : 10;
  const end = k === 0 ? pos + n : pos + (n > k ? n - k : 1) + 1 + k;
  let p = end;
  // The k decimals, two at a time, then the decimal mark and the integer part.
  let left = k;
  while (left >= 2) {
    const t = (q / 100) | 0;
    const r = (q - t * 100) << 1;
    out[--p] = DIGITS2[r + 1]!;
    out[--p] = DIGITS2[r]!;
    q = t;
    left -= 2;
  }
  if (left === 1) {
    const t = (q / 10) | 0;
    out[--p] = ZERO + q - t * 10;
    q = t;
  }
  if (k > 0) out[--p] = decimal;
  digitsBackward(out, p, q);
  return end;
}

/** The decimal places writeDouble used last: the next value of the same column likely has as many. */
export const places = { last: 0 };

/**
 * The mantissa m of a k-place decimal that reads back as a (0 < a): -1 when there is none, -2 when
 * a * 10^k is past the fast path's range. The candidate lies within p * 2^-52 of p (its rounding
 * interval and the product's error): anything farther is rejected by a multiplication, before the
 * one division that proves the candidate.
 */
function mantissa(a: number, k: number): number {
  const scale = POW10[k]!;
  const p = a * scale;
  if (p >= LIMIT) return -2;
  const m = Math.round(p);
  const d = p - m;
  const tolerance = p * EPSILON;
  if (d > tolerance || d < -tolerance || m / scale !== a) return -1;
  return m;
}

/**
 * Writes String(v) for a finite double at `pos` (the caller leaves MAX_DOUBLE_BYTES of room), with
 * `decimal` as the decimal mark (a comma for Excel in some locales). Returns the end. `hint`: the
 * decimal places to try first (a column's previous value's, from `places.last`): whether a k-place
 * text reads back only gets truer as k grows (append a zero), so the fewest places are found by
 * dropping trailing zeros from a hint that works, or stepping up from one that does not.
 */
export function writeDouble(out: Uint8Array, pos: number, v: number, decimal = DOT, hint = 0): number {
  let a = v;
  if (a < 0) {
    out[pos++] = 45; // -
    a = -a;
  }
  if (a === 0) {
    // Both zeros print as "0" (-0 < 0 is false, so no sign was written).
    out[pos++] = ZERO;
    return pos;
  }
  if (a >= MIN_POSITIONAL && a < LIMIT) {
    let k = hint;
    let m = mantissa(a, k);
    if (m === -2) {
      k = 0;
      m = mantissa(a, 0);
    }
    if (m >= 0) {
      // Fewer places work exactly when this mantissa ends in a zero: the k-place candidate is
      // unique, and a (k-1)-place one, given a zero, would be a k-place one.
      while (k > 0 && m % 10 === 0) {
        m /= 10;
        k--;
      }
    } else {
      while (m === -1 && k < 22) m = mantissa(a, ++k);
    }
    if (m >= 0) {
      places.last = k;
      if (m < 2147483648) return writeDecimal31(out, pos, m, k, decimal);
      if (k === 0) return writeInteger(out, pos, m);
      const scale = POW10[k]!;
      const int = Math.floor(m / scale);
      pos = writeInteger(out, pos, int);
      out[pos++] = decimal;
      return writeInteger(out, pos, m - int * scale, k);
    }
  }
  const s = String(a);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[pos++] = c === DOT ? decimal : c;
  }
  return pos;
}
