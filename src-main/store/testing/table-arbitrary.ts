import fc from 'fast-check';
import { BOOL_NULL, type RowBatch } from '../../formats/row-batch';
import type { StoreColumn } from '../store-format';

/*
 * Random tables for property tests: strictly increasing timestamps, mostly one a second with
 * jitter and pauses of every length (so some are gaps and some are not), a float column with NaN
 * holes, repeated values, -0 and extremes, a boolean with nulls, a string with nulls and repeats.
 */

export const testColumns: StoreColumn[] = [
  { name: 'f', kind: 'float', dataType: 'float' },
  { name: 'b', kind: 'boolean', dataType: 'boolean' },
  { name: 's', kind: 'string', dataType: 'string' },
];

const spacing = fc.oneof(
  { arbitrary: fc.constant(1000), weight: 12 },
  { arbitrary: fc.integer({ min: 900, max: 1100 }), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 10_000 }), weight: 1 },
  { arbitrary: fc.integer({ min: 10_000, max: 500_000 }), weight: 1 },
);

/** A steady signal: no pause near a gap (the fast paths of a zoom fold such runs without checks). */
const steadySpacing = fc.oneof({ arbitrary: fc.constant(1000), weight: 6 }, { arbitrary: fc.integer({ min: 900, max: 1100 }), weight: 2 });

const float = fc.oneof(
  { arbitrary: fc.constant(NaN), weight: 3 },
  { arbitrary: fc.integer({ min: -5, max: 5 }), weight: 4 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }), weight: 4 },
  { arbitrary: fc.constantFrom(-0, 1e-300, -1e9, 1e9), weight: 1 },
);
const bool = fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 4 }, { arbitrary: fc.constant(BOOL_NULL), weight: 1 });
const text = fc.oneof({ arbitrary: fc.constantFrom('idle', 'run', 'fault', ''), weight: 4 }, { arbitrary: fc.constant(null), weight: 2 });

export interface TestTable {
  table: RowBatch;
  /** Where the table is cut into batches (sorted row indexes). */
  cuts: number[];
}

/** `steady`: rows a second apart with jitter and no pause, floats with a NaN in about 1 of 400. */
export function tableArbitrary(maxRows = 300, start = 1_700_000_000_000, opts: { steady?: boolean } = {}): fc.Arbitrary<TestTable> {
  const value = opts.steady
    ? fc.oneof({ arbitrary: float.filter((x) => x === x), weight: 399 }, { arbitrary: fc.constant(NaN), weight: 1 })
    : float;
  return fc
    .array(fc.tuple(opts.steady ? steadySpacing : spacing, value, bool, text), { maxLength: maxRows, size: 'max' })
    .chain((rows) =>
      fc.record({
        rows: fc.constant(rows),
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, rows.length - 1) }), { maxLength: 5 }),
      }),
    )
    .map(({ rows, cuts }) => {
      let t = start;
      const timestamps = Float64Array.from(rows, ([dt], i) => (t += i ? dt : 0));
      const table: RowBatch = {
        rowCount: rows.length,
        timestamps,
        columns: [
          { name: 'f', data: { kind: 'float', values: Float64Array.from(rows, (r) => r[1]) } },
          { name: 'b', data: { kind: 'boolean', values: Uint8Array.from(rows, (r) => r[2]) } },
          { name: 's', data: { kind: 'string', values: rows.map((r) => r[3]) } },
        ],
      };
      return { table, cuts: cuts.filter((c) => c < rows.length).sort((a, b) => a - b) };
    });
}

/** Rows [from, to) of a table, as a batch of its own. */
export function sliceTable(table: RowBatch, from: number, to: number): RowBatch {
  return {
    rowCount: to - from,
    timestamps: table.timestamps.slice(from, to),
    columns: table.columns.map((c) => ({
      name: c.name,
      data:
        c.data.kind === 'string'
          ? { kind: 'string', values: c.data.values.slice(from, to) }
          : { ...c.data, values: c.data.values.slice(from, to) },
    })) as RowBatch['columns'],
  };
}

/** The table cut into batches at `cuts`. */
export function batchesOf({ table, cuts }: TestTable): RowBatch[] {
  const bounds = [0, ...cuts, table.rowCount];
  const out: RowBatch[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) if (bounds[i + 1]! > bounds[i]!) out.push(sliceTable(table, bounds[i]!, bounds[i + 1]!));
  return out;
}

/** The sum of some doubles with no error but in the final additions (Shewchuk's exact partials, as Python's math.fsum). */
export function exactSum(xs: Iterable<number>): number {
  const partials: number[] = [];
  for (let x of xs) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  return partials.reduce((a, b) => a + b, 0);
}
