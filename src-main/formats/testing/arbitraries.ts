import fc from 'fast-check';
import { BOOL_NULL, type ColumnData, type ColumnSpec, type RowBatch } from '../row-batch';
import { isTimestampName } from '../match-columns';
import type { DataType } from '../../../src-preload/contract';

/*
 * Random batches for the property tests: every kind of column, names that need quoting or
 * escaping, doubles of every kind, text with separators, quotes, line breaks and any Unicode.
 */

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);
/** The double `steps` representable values away from v. */
export function nudge(v: number, steps: number): number {
  bits[0] = v;
  words[0] = words[0]! + BigInt(steps);
  return bits[0]!;
}

const shortDecimal = fc
  .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 12 }))
  .map(([m, k]) => m / 10 ** k);

/** Doubles from everywhere: any bits, short decimals and their neighbours, subnormals, huge integers. */
export const anyDouble = fc.oneof(
  { arbitrary: fc.double(), weight: 3 },
  { arbitrary: shortDecimal, weight: 4 },
  { arbitrary: fc.tuple(shortDecimal, fc.integer({ min: -3, max: 3 })).map(([v, s]) => (v === 0 ? v : nudge(v, s))), weight: 2 },
  { arbitrary: fc.double({ min: -2.2250738585072014e-308, max: 2.2250738585072014e-308, noNaN: true }), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(Number), weight: 1 },
  { arbitrary: fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 2), weight: 1 },
);

const tricky = fc.constantFrom(
  ',',
  ';',
  '"',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '\t',
  '\\',
  '/',
  'é',
  '€',
  '😀',
  '\u2028',
  '\u0000',
  '\u001f',
  'a',
  'Z',
  '1',
  '.',
  '-',
);
/** Text with what needs quoting or escaping in csv and json, and any Unicode (no lone surrogates). */
export const anyText = fc.oneof(
  fc.string({ unit: tricky, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('', ' ', 'true', 'null', '0', 'NaN', '{"ph":7.1}'),
);

const columnName = fc
  .oneof(fc.string({ unit: tricky, maxLength: 6 }), fc.integer({ min: 10_000, max: 99_999 }).map(String), fc.string({ maxLength: 6 }))
  .filter((n) => !isTimestampName(n) && !n.startsWith('local_time'));

const dataType = fc.constantFrom<DataType>('float', 'boolean', 'string', 'json');

function column(type: DataType, rows: number): fc.Arbitrary<ColumnData> {
  if (type === 'float')
    return fc.array(anyDouble, { minLength: rows, maxLength: rows }).map((v) => ({ kind: 'float', values: Float64Array.from(v) }));
  if (type === 'boolean') {
    return fc
      .array(fc.constantFrom(0, 1, BOOL_NULL), { minLength: rows, maxLength: rows })
      .map((v) => ({ kind: 'boolean', values: Uint8Array.from(v) }));
  }
  return fc.array(fc.option(anyText, { freq: 4 }), { minLength: rows, maxLength: rows }).map((v) => ({ kind: 'string', values: v }));
}

export interface TypedBatch {
  batch: RowBatch;
  specs: ColumnSpec[];
}

/** A batch with its specs; timestamps whole milliseconds, ascending (repeats allowed), 1900-2100. */
export const typedBatch = (maxRows = 25): fc.Arbitrary<TypedBatch> =>
  fc
    .record({
      rows: fc.integer({ min: 0, max: maxRows }),
      names: fc.uniqueArray(columnName, { maxLength: 4 }),
      start: fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }),
    })
    .chain(({ rows, names, start }) =>
      fc
        .record({
          steps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 40 * 86_400_000 })), {
            minLength: rows,
            maxLength: rows,
          }),
          types: fc.array(dataType, { minLength: names.length, maxLength: names.length }),
        })
        .chain(({ steps, types }) =>
          fc.tuple(...types.map((t) => column(t, rows))).map((cols): TypedBatch => {
            let t = start;
            const timestamps = Float64Array.from(steps, (s) => (t += s));
            return {
              batch: { rowCount: rows, timestamps, columns: cols.map((data, i) => ({ name: names[i]!, data })) },
              specs: names.map((n, i) => ({ names: [n], dataType: types[i]! })),
            };
          }),
        ),
    );
