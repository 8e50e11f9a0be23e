import { describe, expect, it } from 'vitest';
import type { AggregateFn, EveryValues } from '../../src-preload/contract';
import { BOOL_NULL, cellAt, type Cell, type RowBatch } from '../formats/row-batch';
import { aggregateColumns, aggregationProblem, AggregationError, type AggregateColumn } from './aggregate-columns';
import { aggregateBatches } from './aggregate-stream';
import { createAggregator } from './aggregator';
import { inBatches, sliceRows } from './testing/reference';

const T0 = Date.parse('2025-02-01T00:00:00Z');
const MIN = 60_000;

const columns: AggregateColumn[] = [
  { name: 'Wind Speed', kind: 'float', dataType: 'float' },
  { name: 'Breaker Closed', kind: 'boolean', dataType: 'boolean' },
  { name: 'State', kind: 'string', dataType: 'string' },
];

/**
 * A small table with the awkward cases: a gap of a whole bucket, nulls at bucket edges, a bucket
 * where the float has no value at all. Rows every 20 s from T0 (three per minute), minute 3 absent.
 */
function table(): RowBatch {
  const times: number[] = [];
  for (let m = 0; m < 6; m++) if (m !== 3) for (let s = 0; s < 60; s += 20) times.push(T0 + m * MIN + s * 1000);
  const n = times.length;
  const f = Float64Array.from(times, (_, i) => i * 1.5 - 4);
  f[0] = NaN; // the first row of minute 0
  f[5] = NaN; // the last row of minute 1
  f[12] = f[13] = f[14] = NaN; // minute 5: no float value at all
  const b = Uint8Array.from(times, (_, i) => (i % 4 === 3 ? BOOL_NULL : i % 2));
  const s = times.map((_, i) => (i % 5 === 0 ? null : `s${i}`));
  return {
    rowCount: n,
    timestamps: Float64Array.from(times),
    columns: [
      { name: 'Wind Speed', data: { kind: 'float', values: f } },
      { name: 'Breaker Closed', data: { kind: 'boolean', values: b } },
      { name: 'State', data: { kind: 'string', values: s } },
    ],
  };
}

function rowsOf(batches: (RowBatch | null)[]): { t: number; cells: Cell[] }[] {
  return batches.flatMap((b) =>
    b ? Array.from({ length: b.rowCount }, (_, i) => ({ t: b.timestamps[i]!, cells: b.columns.map((c) => cellAt(c.data, i)) })) : [],
  );
}

function aggregate(values: EveryValues, cols: AggregateColumn[], rows: RowBatch, batchRows: number) {
  const agg = createAggregator(values, cols);
  const out = [...inBatches(rows, batchRows)].map((b) => agg.add(b));
  out.push(agg.finish());
  return rowsOf(out);
}

const every = (fns: AggregateFn[], interval = '1m'): EveryValues => ({ kind: 'every', interval, fns, timeZone: 'UTC' });

describe('createAggregator', () => {
  it('computes each function per bucket, skipping missing values; empty buckets have no row', () => {
    const floatOnly = table();
    floatOnly.columns = floatOnly.columns.slice(0, 1);
    const rows = aggregate(every(['mean', 'min', 'max', 'first', 'last', 'count', 'sum']), columns.slice(0, 1), floatOnly, 1000);
    // values i*1.5-4 at rows 0..14; minute 0: rows 0-2 (0 missing), 1: 3-5 (5 missing), 2: 6-8, 4: 9-11, 5: 12-14 (all missing)
    const v = (i: number) => i * 1.5 - 4;
    expect(rows.map((r) => r.t)).toEqual([0, 1, 2, 4, 5].map((m) => T0 + m * MIN));
    expect(rows[0]!.cells).toEqual([(v(1) + v(2)) / 2, v(1), v(2), v(1), v(2), 2, v(1) + v(2)]);
    expect(rows[1]!.cells).toEqual([(v(3) + v(4)) / 2, v(3), v(4), v(3), v(4), 2, v(3) + v(4)]);
    // a bucket with rows but no value of this column: a row, its count 0, the rest missing
    expect(rows[4]!.cells).toEqual([null, null, null, null, null, 0, null]);
  });

  it('gives the same result whatever the batch size, down to one row a batch', () => {
    const values = every(['first', 'last', 'count'], '2m');
    const whole = aggregate(values, columns, table(), 1000);
    expect(whole).toHaveLength(3);
    for (const size of [1, 2, 3, 4, 7]) expect(aggregate(values, columns, table(), size)).toEqual(whole);
    const floats = table();
    floats.columns = floats.columns.slice(0, 1);
    const all = every(['mean', 'min', 'max', 'sum', 'count', 'first', 'last'], '2m');
    const reference = aggregate(all, columns.slice(0, 1), floats, 1000);
    for (const size of [1, 2, 5]) expect(aggregate(all, columns.slice(0, 1), floats, size)).toEqual(reference);
  });

  it('keeps booleans and strings as they are for first and last', () => {
    const rows = aggregate(every(['first', 'last', 'count']), columns, table(), 4);
    // minute 0: booleans 0,1,0 -> first false, last false; strings null, s1, s2
    expect(rows[0]!.cells.slice(3)).toEqual([false, false, 3, 's1', 's2', 2]);
    const agg = createAggregator(every(['first']), columns);
    const out = agg.add(table())!;
    expect(out.columns.map((c) => c.data.kind)).toEqual(['float', 'boolean', 'string']);
  });

  it('names columns <column>_<fn>, in request order, then in the order of the functions', () => {
    const agg = createAggregator(every(['last', 'count', 'first']), columns);
    expect(agg.columns.map((c) => c.name)).toEqual([
      'Wind Speed_last',
      'Wind Speed_count',
      'Wind Speed_first',
      'Breaker Closed_last',
      'Breaker Closed_count',
      'Breaker Closed_first',
      'State_last',
      'State_count',
      'State_first',
    ]);
    expect(agg.columns.map((c) => c.dataType)).toEqual([
      'float',
      'float',
      'float',
      'boolean',
      'float',
      'boolean',
      'string',
      'float',
      'string',
    ]);
    const out = agg.add(table())!;
    expect(out.columns.map((c) => c.name)).toEqual(agg.columns.map((c) => c.name));
  });

  it('holds back the last bucket until the next batch or finish', () => {
    const agg = createAggregator(every(['count']), columns);
    const rows = table();
    // rows 0..5: minutes 0 and 1; minute 1 may go on
    const first = agg.add(inBatches(rows, 6).next().value!);
    expect(rowsOf([first]).map((r) => r.t)).toEqual([T0]);
    expect(rowsOf([agg.finish()]).map((r) => r.t)).toEqual([T0 + MIN]);
    expect(agg.finish()).toBeNull();
    expect(createAggregator(every(['count']), columns).finish()).toBeNull();
  });

  it('refuses mean, min, max and sum for booleans and strings, before any row, naming them', () => {
    const values = every(['mean', 'max', 'last']);
    expect(aggregationProblem(values, columns)).toBe(
      '"Breaker Closed" is a boolean signal: it has no mean and maximum; use first, last or count for it; ' +
        '"State" is a string signal: it has no mean and maximum; use first, last or count for it',
    );
    expect(() => createAggregator(values, columns)).toThrow(AggregationError);
    expect(aggregationProblem(every(['first', 'count']), columns)).toBeNull();
    expect(() => aggregateColumns(every(['sum']), [{ name: 'Log', kind: 'string', dataType: 'json' }])).toThrow(/"Log" is a json signal/);
  });

  it('refuses rows that go back in time, within a batch or across batches', () => {
    const rows = table();
    const agg = createAggregator(every(['count']), columns);
    const [a, b] = [...inBatches(rows, 8)];
    agg.add(b!);
    expect(() => agg.add(a!)).toThrow(/out of time order/);
    const swapped = table();
    swapped.timestamps[3] = swapped.timestamps[1]!;
    expect(() => createAggregator(every(['count']), columns).add(swapped)).toThrow(/out of time order/);
  });

  it('wraps a stream of batches', async () => {
    const out: RowBatch[] = [];
    for await (const b of aggregateBatches(every(['count'], '2m'), columns, inBatches(table(), 4))) out.push(b);
    expect(rowsOf(out)).toEqual(aggregate(every(['count'], '2m'), columns, table(), 1000));
  });

  it('reads only rowCount rows of a batch whose arrays are longer (a reused buffer)', () => {
    const values = every(['count', 'last']);
    const direct = (b: RowBatch) => {
      const agg = createAggregator(values, columns);
      return rowsOf([agg.add(b), agg.finish()]);
    };
    const longer = { ...table(), rowCount: 6 };
    expect(longer.timestamps.length).toBeGreaterThan(6);
    const expected = direct(sliceRows(table(), 0, 6));
    expect(expected.map((r) => r.t)).toEqual([T0, T0 + MIN]);
    expect(direct(longer)).toEqual(expected);
  });
});
