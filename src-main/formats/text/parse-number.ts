/*
 * Numbers read straight from bytes, exactly: the double nearest to the decimal text, as Number()
 * gives it. Up to 15 significant digits with a decimal exponent within ±22, the mantissa and the
 * power of ten are both exact doubles and one division or multiplication rounds correctly
 * (Clinger's fast path); longer or more extreme numbers go through Number() on their text.
 *
 * Two grammars: csv takes what spreadsheets and tools write (`+1`, `.5`, `5.`, leading zeros, an
 * exponent, a decimal comma for some locales); json takes JSON's numbers only.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_FAST_DIGITS = 15;

/** Where scanNumber leaves the value it read. */
export const scanned = { value: 0 };

function slowValue(b: Uint8Array, from: number, to: number, decimal: number): number {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i] === decimal ? 46 : b[i]!);
  return Number(s);
}

/**
 * Reads a number at b[p..end): returns the position after it (its value in `scanned.value`), or -1
 * when the bytes there do not start with a number in the grammar. It stops at the first byte that
 * cannot continue the number: the caller checks that what follows ends the cell.
 */
export function scanNumber(b: Uint8Array, p: number, end: number, decimal: number, json: boolean): number {
  const start = p;
  if (p >= end) return -1;
  let c = b[p]!;
  let neg = false;
  if (c === 45) {
    neg = true;
    p++;
  } else if (c === 43 && !json) p++;
  let m = 0;
  let sig = 0;
  let slow = false;
  let intDigits = 0;
  const intStart = p;
  while (p < end) {
    c = b[p]!;
    if (c < 48 || c > 57) break;
    if (sig > 0 || c !== 48) {
      if (++sig > MAX_FAST_DIGITS) slow = true;
      else m = m * 10 + (c - 48);
    }
    intDigits++;
    p++;
  }
  // JSON: no leading zeros ("01"); a lone "0" is fine.
  if (json && (intDigits === 0 || (intDigits > 1 && b[intStart] === 48))) return -1;
  let fracDigits = 0;
  let scale = 0; // decimal places taken into m
  if (p < end && b[p] === decimal) {
    p++;
    while (p < end) {
      c = b[p]!;
      if (c < 48 || c > 57) break;
      if (sig > 0 || c !== 48) {
        if (++sig > MAX_FAST_DIGITS) slow = true;
        else m = m * 10 + (c - 48);
      }
      if (!slow) scale++;
      fracDigits++;
      p++;
    }
    if (json && fracDigits === 0) return -1;
  }
  if (intDigits + fracDigits === 0) return -1;
  let exp = 0;
  if (p < end && (b[p] === 101 || b[p] === 69)) {
    p++;
    let expNeg = false;
    if (p < end && (b[p] === 45 || b[p] === 43)) expNeg = b[p++] === 45;
    const expStart = p;
    while (p < end) {
      c = b[p]!;
      if (c < 48 || c > 57) break;
      if (exp < 100_000) exp = exp * 10 + (c - 48);
      p++;
    }
    if (p === expStart) return -1;
    if (expNeg) exp = -exp;
  }
  const e = exp - scale;
  let v: number;
  if (m === 0 && !slow) v = 0;
  else if (slow || e < -22 || e > 22) {
    scanned.value = slowValue(b, start, p, decimal);
    return p;
  } else v = e < 0 ? m / POW10[-e]! : m * POW10[e]!;
  scanned.value = neg ? -v : v;
  return p;
}

const CSV_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A csv cell as a float: a number, or NaN / Infinity spelled out; null when it is not a number.
 * The slow path of the scanners, for quoted cells and whatever the byte scanner did not take.
 */
export function parseNumberText(text: string, decimal: string): number | null {
  // With a decimal comma, a point is not a decimal mark (it may group thousands): refused.
  const s = decimal === '.' ? text : text.includes('.') ? '' : text.replace(decimal, '.');
  if (CSV_NUMBER.test(s)) return Number(s);
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
    case '+Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
  }
  return null;
}
