import { describe, expect, it } from 'vitest';
import { BOOL_NULL, type RowBatch } from '../formats/row-batch';
import { changePoints } from './change-points';
import { m4 } from './downsample';
import { rowsPage } from './rows';
import { buildSeries } from './series';
import { columnStats, tableStats } from './stats';
import { rowsInRange } from './time-index';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('time index', () => {
  it('finds the rows of a closed range', () => {
    const ts = f64([10, 20, 20, 30, 40]);
    expect(rowsInRange(ts, { start: 20, end: 30 })).toEqual({ from: 1, to: 4 });
    expect(rowsInRange(ts, { start: 41, end: 50 })).toEqual({ from: 5, to: 5 });
    expect(rowsInRange(ts, { start: 0, end: 5 })).toEqual({ from: 0, to: 0 });
  });
});

describe('m4 downsampling', () => {
  it('keeps every value, and only values, when within budget', () => {
    const r = m4(f64([1, 2, 3]), f64([5, NaN, 7]), 0, 3, 10);
    expect(r).toEqual({ t: [1, 3], v: [5, 7], downsampled: false, sourcePoints: 2 });
  });

  it('does not downsample a slow signal beside fast ones when its values fit the budget', () => {
    // 3,600 rows of a 1 s signal; this one has a value every 60 s: 60 values, budget 500.
    const ts = f64(Array.from({ length: 3600 }, (_, i) => i * 1000));
    const vs = f64(Array.from({ length: 3600 }, (_, i) => (i % 60 === 0 ? i : NaN)));
    const r = m4(ts, vs, 0, 3600, 500);
    expect(r.downsampled).toBe(false);
    expect(r.t).toHaveLength(60);
    expect(r.v.every((v) => v !== null)).toBe(true);
  });

  it('keeps the extremes of a long series within budget', () => {
    const n = 100_000;
    const ts = new Float64Array(n).map((_, i) => i * 1000);
    const vs = new Float64Array(n).map((_, i) => Math.sin(i / 500));
    vs[31_337] = 99; // a spike
    vs[77_777] = -42; // a dip
    const r = m4(ts, vs, 0, n, 400);
    expect(r.downsampled).toBe(true);
    expect(r.t.length).toBeLessThanOrEqual(400);
    expect(Math.max(...(r.v as number[]))).toBe(99);
    expect(Math.min(...(r.v as number[]))).toBe(-42);
    expect(r.t[0]).toBe(0);
    expect(r.t[r.t.length - 1]).toBe((n - 1) * 1000);
    expect([...r.t].every((t, i, a) => i === 0 || t > a[i - 1]!)).toBe(true);
  });

  it('breaks the line once across a run of missing values', () => {
    const ts = f64(Array.from({ length: 100 }, (_, i) => i));
    const vs = f64(Array.from({ length: 100 }, (_, i) => (i >= 40 && i < 80 ? NaN : i)));
    const r = m4(ts, vs, 0, 100, 40);
    expect(r.v.filter((v) => v === null)).toHaveLength(1);
    expect(r.sourcePoints).toBe(60);
  });
});

describe('change points', () => {
  it('keeps the first row, each change and the last row', () => {
    const ts = f64([0, 1, 2, 3, 4, 5]);
    const data = { kind: 'boolean' as const, values: Uint8Array.from([0, 0, 1, 1, BOOL_NULL, 1]) };
    expect(changePoints(ts, data, 0, 6, 100)).toEqual({
      t: [0, 2, 4, 5],
      v: [false, true, null, true],
      downsampled: false,
      sourcePoints: 5,
    });
    const strings = { kind: 'string' as const, values: ['a', 'a', 'a', 'b', 'b', 'b'] };
    expect(changePoints(ts, strings, 1, 5, 100).t).toEqual([1, 3, 4]);
  });

  it('cuts flapping down to the budget', () => {
    const n = 10_000;
    const ts = new Float64Array(n).map((_, i) => i);
    const data = { kind: 'boolean' as const, values: new Uint8Array(n).map((_, i) => i % 2) };
    const r = changePoints(ts, data, 0, n, 100);
    expect(r.downsampled).toBe(true);
    expect(r.t.length).toBeLessThanOrEqual(100);
  });
});

describe('statistics', () => {
  it('counts, nulls, min, max, mean, first, last and the largest gap', () => {
    const ts = f64([0, 10, 20, 60, 70]);
    const s = columnStats(ts, { name: 'p', data: { kind: 'float', values: f64([NaN, 2, 4, NaN, 6]) } });
    expect(s).toEqual({
      column: 'p',
      count: 3,
      nulls: 2,
      min: 2,
      max: 6,
      mean: 4,
      firstTimestamp: 10,
      lastTimestamp: 70,
      largestGap: { ms: 50, from: 20, to: 70 },
    });
    const b = columnStats(ts, { name: 'b', data: { kind: 'boolean', values: Uint8Array.from([1, 0, 0, 1, BOOL_NULL]) } });
    expect([b.count, b.mean, b.min, b.max]).toEqual([4, 0.5, 0, 1]);
    const t = columnStats(ts, { name: 's', data: { kind: 'string', values: [null, null, null, null, null] } });
    expect([t.count, t.mean, t.firstTimestamp, t.largestGap]).toEqual([0, null, null, null]);
  });
});

describe('rows and series', () => {
  const table: RowBatch = {
    rowCount: 3,
    timestamps: f64([1000, 2000, 3000]),
    columns: [
      { name: 'temp', data: { kind: 'float', values: f64([1.5, NaN, 3]) } },
      { name: 'on', data: { kind: 'boolean', values: Uint8Array.from([1, 1, 0]) } },
    ],
  };

  it('computes the statistics of every column once per table', async () => {
    const stats = await tableStats(table);
    expect(stats).toEqual(table.columns.map((c) => columnStats(table.timestamps, c)));
    expect(await tableStats(table)).toBe(stats);
  });

  it('answers a page of rows', () => {
    expect(rowsPage(table, 1, 5)).toEqual({
      columns: ['timestamp', 'temp', 'on'],
      rows: [
        [2000, null, true],
        [3000, 3, false],
      ],
      total: 3,
    });
  });

  it('shapes floats as lines and booleans as steps, over a zoomed range', async () => {
    const out = await buildSeries(table, [], { start: 1500, end: 3000 }, 100);
    expect(out.fullRange).toEqual({ start: 1000, end: 3000 });
    expect(out.series.map((s) => [s.column, s.shape, s.t])).toEqual([
      ['temp', 'line', [3000]], // 2000 has no value
      ['on', 'steps', [2000, 3000]],
    ]);
  });
});
