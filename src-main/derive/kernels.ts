import type { ArithmeticOp, ComparisonOp, Conversion } from '../../src-preload/contract/derive';
import { BOOL_NULL, type Vec } from './vectors';

/*
 * The stateless operations, one loop over a batch each. Missing values follow the spreadsheet
 * rule the user expects: arithmetic or a comparison with a missing value is missing; `and`/`or`
 * are missing only when the known side does not decide them (false and missing is false); min/max
 * skip what is missing. A result that is not a finite number (a division by zero, an overflow) is
 * missing too, so a derived column never holds an infinity a file or a chart would choke on (one
 * read from a file is skipped by min/max and the functions over time, compared as a number).
 */

const finite = (r: number) => (r - r === 0 ? r : NaN);

export function arithmetic(op: ArithmeticOp, a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = finite(a[i]! + b[i]!);
      break;
    case '-':
      for (let i = 0; i < n; i++) out[i] = finite(a[i]! - b[i]!);
      break;
    case '*':
      for (let i = 0; i < n; i++) out[i] = finite(a[i]! * b[i]!);
      break;
    case '/':
      for (let i = 0; i < n; i++) out[i] = finite(a[i]! / b[i]!);
      break;
    case '%':
      // Floored, as a spreadsheet's MOD: the result has the sign of the divisor (-7 % 3 is 2).
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        let r = x % y;
        if (r !== 0 && r < 0 !== y < 0) r += y;
        out[i] = finite(r);
      }
      break;
    case '^':
      for (let i = 0; i < n; i++) out[i] = finite(Math.pow(a[i]!, b[i]!));
      break;
  }
  return out;
}

export function negate(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = finite(-a[i]!);
  return out;
}

export function abs(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = finite(Math.abs(a[i]!));
  return out;
}

/** The smallest (or largest) of the values present (and finite) in each row. */
export function extreme(which: 'min' | 'max', args: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  for (const a of args) {
    for (let i = 0; i < n; i++) {
      const v = a[i]!;
      const o = out[i]!;
      if (v - v === 0 && (o !== o || (which === 'min' ? v < o : v > o))) out[i] = v;
    }
  }
  return out;
}

export function convert(c: Conversion, a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const { before, num, den, after } = c;
  for (let i = 0; i < n; i++) out[i] = finite(((a[i]! + before) * num) / den + after);
  return out;
}

/** Numbers (or true/false read as 1/0) compared; missing where either side is. */
export function compareNumbers(op: ComparisonOp, a: Float64Array, b: Float64Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== x || y !== y) {
      out[i] = BOOL_NULL;
      continue;
    }
    let r: boolean;
    switch (op) {
      case '==':
        r = x === y;
        break;
      case '!=':
        r = x !== y;
        break;
      case '<':
        r = x < y;
        break;
      case '<=':
        r = x <= y;
        break;
      case '>':
        r = x > y;
        break;
      case '>=':
        r = x >= y;
        break;
    }
    out[i] = r ? 1 : 0;
  }
  return out;
}

/** Strings or true/false compared with == or != (the checker allows nothing else for them). */
export function compareEqual(op: '==' | '!=', a: Vec, b: Vec, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const x = a.values;
  const y = b.values;
  const missing = a.kind === 'string' ? null : BOOL_NULL;
  for (let i = 0; i < n; i++) {
    const p = x[i];
    const q = y[i];
    if (p === missing || q === missing || p === undefined || q === undefined) out[i] = BOOL_NULL;
    else out[i] = (p === q) === (op === '==') ? 1 : 0;
  }
  return out;
}

/** Kleene's and/or: a missing side matters only when the other does not decide. */
export function logical(op: 'and' | 'or', a: Uint8Array, b: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const decides = op === 'and' ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    out[i] = x === decides || y === decides ? decides : x === BOOL_NULL || y === BOOL_NULL ? BOOL_NULL : 1 - decides;
  }
  return out;
}

export function not(a: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] === BOOL_NULL ? BOOL_NULL : 1 - a[i]!;
  return out;
}

/** `if(c, a, b)`: a where c holds, b where it does not, missing where c is. */
export function choose(c: Uint8Array, a: Vec, b: Vec, n: number): Vec {
  switch (a.kind) {
    case 'number': {
      const out = new Float64Array(n);
      const x = a.values;
      const y = b.values as Float64Array;
      for (let i = 0; i < n; i++) out[i] = c[i] === 1 ? x[i]! : c[i] === 0 ? y[i]! : NaN;
      return { kind: 'number', values: out };
    }
    case 'boolean': {
      const out = new Uint8Array(n);
      const x = a.values;
      const y = b.values as Uint8Array;
      for (let i = 0; i < n; i++) out[i] = c[i] === 1 ? x[i]! : c[i] === 0 ? y[i]! : BOOL_NULL;
      return { kind: 'boolean', values: out };
    }
    case 'string': {
      const out = new Array<string | null>(n);
      const x = a.values;
      const y = b.values as (string | null)[];
      for (let i = 0; i < n; i++) out[i] = c[i] === 1 ? (x[i] ?? null) : c[i] === 0 ? (y[i] ?? null) : null;
      return { kind: 'string', values: out };
    }
  }
}
