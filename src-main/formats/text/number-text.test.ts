import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DOUBLE_BYTES, writeDouble, writeInteger } from './number-text';
import { parseNumberText, scanNumber, scanned } from './parse-number';

/*
 * The proof behind writing numbers as bytes: for every double, the text is String(v) (the shortest
 * text that reads back to it) and reads back to the same bits, through Number() and through our
 * own byte parser. Doubles from everywhere: any bit pattern (subnormals, ±0, NaN, ±Infinity, huge
 * exponents), short decimals (the fast path's home, and most sensor values), their nearest
 * neighbours (17 digits: the fallback), integers around and beyond 2^53, and the fast path's edges.
 */

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);
/** The double `steps` representable values away from v. */
function nudge(v: number, steps: number): number {
  bits[0] = v;
  words[0] = words[0]! + BigInt(steps);
  return bits[0]!;
}

const shortDecimal = fc
  .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 12 }))
  .map(([m, k]) => m / 10 ** k);
const neighbour = fc.tuple(shortDecimal, fc.integer({ min: -3, max: 3 })).map(([v, s]) => (v === 0 ? v : nudge(v, s)));
const edges = fc.constantFrom(
  0,
  -0,
  1e-6,
  nudge(1e-6, -1),
  nudge(1e-6, 1),
  2 ** 50,
  2 ** 50 - 1,
  nudge(2 ** 50, -1),
  2 ** 53,
  2 ** 53 + 2,
  2 ** 53 - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2.2250738585072014e-308,
  1e21,
  1e21 - 65536,
  123456789012345680000,
  0.1,
  0.2 + 0.1,
  1 / 3,
  5e-324,
  -1.5,
  4.35,
  0.000001234,
  1e22,
  1e23,
  2 ** 53 + 1, // not a double: 2^53
);
const anyBits = fc.double();
const subnormal = fc.double({ min: -2.2250738585072014e-308, max: 2.2250738585072014e-308, noNaN: true });
const bigInteger = fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(Number);
const powerOfTen = fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -2, max: 2 })).map(([e, s]) => nudge(10 ** e, s));
const double = fc.oneof(
  { arbitrary: anyBits, weight: 3 },
  { arbitrary: shortDecimal, weight: 4 },
  { arbitrary: neighbour, weight: 2 },
  { arbitrary: subnormal, weight: 1 },
  { arbitrary: bigInteger, weight: 1 },
  { arbitrary: powerOfTen, weight: 1 },
  { arbitrary: edges, weight: 1 },
);

const buf = Buffer.alloc(64);
const text = (v: number, decimal = 46, hint = 0) => buf.toString('latin1', 0, writeDouble(buf, 0, v, decimal, hint));
const sameBits = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('writeDouble', () => {
  it('writes String(v) for 120,000 doubles, and the text reads back to the same bits (-0 as 0, as String does)', () => {
    fc.assert(
      fc.property(double, fc.integer({ min: 0, max: 22 }), (v, hint) => {
        // Plain comparisons (a failing case is shrunk and printed by fast-check): expect() per case
        // would make 120,000 cases take seconds.
        // Whatever decimal places it tries first.
        const t = text(v, 46, hint);
        if (t !== String(v) || t.length > MAX_DOUBLE_BYTES || text(v) !== t) return false;
        if (Number.isNaN(v)) return true;
        const back = Number(t);
        if (!sameBits(back, Object.is(v, -0) ? 0 : v)) return false;
        // Our byte parser reads it back the same.
        const end = scanNumber(buf, 0, t.length, 46, false);
        if (!Number.isFinite(v)) return end === -1 && parseNumberText(t, '.') === v;
        return end === t.length && sameBits(scanned.value, back);
      }),
      { numRuns: 120_000 },
    );
  });

  it('writes every short decimal of the sensors exactly, with any hint (a sweep, not a sample)', () => {
    for (let k = 1; k <= 4; k++) {
      for (let m = -20_000; m <= 20_000; m += 7) {
        const v = m / 10 ** k;
        for (const hint of [0, k - 1, k, k + 1, 9]) if (text(v, 46, hint) !== String(v)) expect(text(v, 46, hint)).toBe(String(v));
      }
    }
  });

  it('writes a decimal comma for Excel, also in exponent forms', () => {
    expect(text(1.5, 44)).toBe('1,5');
    expect(text(-0.000125, 44)).toBe('-0,000125');
    expect(text(1.5e-7, 44)).toBe('1,5e-7');
    expect(text(1e21, 44)).toBe('1e+21');
    expect(text(42, 44)).toBe('42');
  });

  it('writes integers with padding', () => {
    const at = (n: number, w?: number) => buf.toString('latin1', 0, writeInteger(buf, 0, n, w));
    expect(at(0)).toBe('0');
    expect(at(7, 3)).toBe('007');
    expect(at(2 ** 53 - 1)).toBe('9007199254740991');
    expect(at(1_000_000_000_000, 14)).toBe('01000000000000');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(at(n)).toBe(String(n));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('scanNumber and parseNumberText', () => {
  const bytes = (s: string) => Buffer.from(s, 'latin1');
  const scan = (s: string, json = false, decimal = 46) => {
    const end = scanNumber(bytes(s), 0, s.length, decimal, json);
    return end === s.length ? scanned.value : end < 0 ? 'invalid' : `stopped at ${end}`;
  };

  it('reads any decimal text as Number() does', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: 1, maxLength: 25 });
    const decimalText = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.option(digits),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 400 }))),
      )
      .map(
        ([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`,
      );
    fc.assert(
      fc.property(decimalText, (s) => {
        expect(sameBits(scan(s) as number, Number(s))).toBe(true);
        expect(sameBits(parseNumberText(s, '.')!, Number(s))).toBe(true);
        expect(sameBits(scan(s.replace('.', ','), false, 44) as number, Number(s))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps to the grammar of each format', () => {
    expect(scan('.5')).toBe(0.5);
    expect(scan('5.')).toBe(5);
    expect(scan('+1')).toBe(1);
    expect(scan('007')).toBe(7);
    expect(scan('-0')).toBe(-0);
    expect(scan('1e400')).toBe(Number.POSITIVE_INFINITY);
    expect(scan('0e999999999')).toBe(0);
    expect(scan('-')).toBe('invalid');
    expect(scan('.')).toBe('invalid');
    expect(scan('1e')).toBe('invalid');
    expect(scan('abc')).toBe('invalid');
    expect(scan('1.5.2')).toBe('stopped at 3');
    expect(scan('12abc')).toBe('stopped at 2');
    expect(scan('0x10')).toBe('stopped at 1');
    // JSON: no sign +, no leading zero, digits on both sides of the point.
    expect(scan('-0.5e-3', true)).toBe(-0.0005);
    expect(scan('+1', true)).toBe('invalid');
    expect(scan('01', true)).toBe('invalid');
    expect(scan('.5', true)).toBe('invalid');
    expect(scan('5.', true)).toBe('invalid');
  });

  it('reads spelled-out values in csv cells, and nothing else', () => {
    expect(parseNumberText('NaN', '.')).toBeNaN();
    expect(parseNumberText('-Infinity', '.')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseNumberText('Infinity', ',')).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberText('1,5', ',')).toBe(1.5);
    for (const bad of ['abc', '', ' 1', '1 ', '0x10', '1,5', 'inf', '1_000', '١']) expect(parseNumberText(bad, '.'), bad).toBeNull();
    expect(parseNumberText('1.500', ',')).toBeNull();
  });
});
