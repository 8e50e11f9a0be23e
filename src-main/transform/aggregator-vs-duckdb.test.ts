import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateFn, EveryValues } from '../../src-preload/contract';
import { demoCatalog } from '../emulator/testing/fixture';
import { cellAt, type Cell, type RowBatch } from '../formats/row-batch';
import { createAggregator } from './aggregator';
import { columnsOf, duckdbReference, emulatorRows, inBatches, type Reference } from './testing/reference';

/*
 * The aggregator against DuckDB's own time_bucket aggregation of the same raw rows (the demo
 * emulator's), over four days that cross the end of daylight saving (two ordinary days before the
 * change, the 25-hour day, one after), at several intervals and batch sizes: equal within 1e-9
 * (relative to the value's size), same buckets, same order. Four days rather than the week it was:
 * the change is the point, not the length (the file's CPU went from 43 s to 29 s).
 */

const FLOAT_FNS: AggregateFn[] = ['mean', 'min', 'max', 'first', 'last', 'count', 'sum'];
const ANY_FNS: AggregateFn[] = ['first', 'last', 'count'];
const INTERVALS = ['10s', '1m', '15m', '1h', '8h', '1d'];
// 65,536 is the decoders' default; a prime size cuts buckets at all sorts of places (aggregator.test.ts goes down to 1 row)
const BATCH_SIZES = [65_536, 4_099];

// 1 s floats with and without gaps, 10 s and 60 s floats with gaps, a 10 s boolean and string with gaps.
// (Wind Speed, Feeder A Current, Nacelle Position, Ambient Temperature, Pitch System OK, Operating State)
const signals = [10001, 10151, 10003, 10005, 10010, 10023].map((id) => demoCatalog().signalsById.get(id)!);
const floats = signals.slice(0, 4);

function run(values: EveryValues, which: typeof signals, rows: RowBatch, batchRows: number) {
  const agg = createAggregator(values, columnsOf(which));
  const out: { start: number; cells: Cell[] }[] = [];
  const take = (b: RowBatch | null) => {
    if (!b) return;
    for (let i = 0; i < b.rowCount; i++) out.push({ start: b.timestamps[i]!, cells: b.columns.map((c) => cellAt(c.data, i)) });
  };
  for (const batch of inBatches(rows, batchRows)) take(agg.add(batch));
  take(agg.finish());
  return out;
}

function expectSame(actual: { start: number; cells: Cell[] }[], expected: { start: number; cells: Cell[] }[]) {
  expect(actual.length).toBe(expected.length);
  expect(actual.map((r) => r.start)).toEqual(expected.map((r) => r.start));
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!.cells;
    const e = expected[i]!.cells;
    for (let j = 0; j < e.length; j++) {
      if (typeof e[j] === 'number' && typeof a[j] === 'number') {
        const tol = 1e-9 * Math.max(1, Math.abs(e[j] as number));
        if (Math.abs((a[j] as number) - (e[j] as number)) > tol) {
          expect.fail(`row ${i} (${new Date(actual[i]!.start).toISOString()}) cell ${j}: ${a[j]} vs DuckDB ${e[j]}`);
        }
      } else if (a[j] !== e[j]) expect.fail(`row ${i} cell ${j}: ${String(a[j])} vs DuckDB ${String(e[j])}`);
    }
  }
}

const windows = [
  // Lisbon leaves summer time on 2025-10-26 (02:00 WEST -> 01:00 WET); New York on 2025-11-02.
  { timeZone: 'Europe/Lisbon', start: Date.parse('2025-10-24T00:00:00Z'), end: Date.parse('2025-10-28T00:00:00Z') },
  { timeZone: 'America/New_York', start: Date.parse('2025-10-31T00:00:00Z'), end: Date.parse('2025-11-04T00:00:00Z') },
];

describe.each(windows)('four days across the end of daylight saving in $timeZone', ({ timeZone, start, end }) => {
  let ref: Reference;
  let all: RowBatch;
  let floatRows: RowBatch;
  beforeAll(async () => {
    all = emulatorRows(signals, start, end);
    // a request of the floats alone has no row where only the boolean or the string has a value
    floatRows = emulatorRows(floats, start, end);
    ref = await duckdbReference([all], columnsOf(signals));
  }, 60_000);
  afterAll(() => ref?.close());

  it.each(INTERVALS)(
    'every %s: all functions of the floats, first/last/count of all, any batch size',
    async (interval) => {
      // DuckDB answers in its own threads while the aggregator runs on this one.
      const refs = Promise.all([ref.aggregate(interval, timeZone, FLOAT_FNS, [0, 1, 2, 3]), ref.aggregate(interval, timeZone, ANY_FNS)]);
      const got = BATCH_SIZES.map((batchRows) => [
        run({ kind: 'every', interval, fns: FLOAT_FNS, timeZone }, floats, floatRows, batchRows),
        run({ kind: 'every', interval, fns: ANY_FNS, timeZone }, signals, all, batchRows),
      ]);
      const [floatRef, anyRef] = await refs;
      for (const [float, any] of got) {
        expectSame(float!, floatRef);
        expectSame(any!, anyRef);
      }
    },
    120_000,
  );

  it('at 1d, the day clocks go back lasts 25 hours and every bucket starts at local midnight', async () => {
    const rows = run(
      { kind: 'every', interval: '1d', fns: ['count'], timeZone },
      [signals[1]!],
      emulatorRows([signals[1]!], start, end),
      65_536,
    );
    const hours = rows.slice(1).map((r, i) => (r.start - rows[i]!.start) / 3_600_000);
    expect(hours.filter((h) => h === 25)).toHaveLength(1);
    expect(hours.filter((h) => h !== 24 && h !== 25)).toEqual([]);
    const wall = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const r of rows.slice(1)) expect(wall.format(r.start)).toBe('00:00');
    // Feeder A / Current has a value every second, no gaps: a count is the bucket's length in seconds
    expect(rows.slice(1, -1).map((r) => r.cells[0])).toEqual(hours.slice(1).map((h) => h * 3600));
  });
});
