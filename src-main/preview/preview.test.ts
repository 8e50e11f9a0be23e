import { describe, expect, it } from 'vitest';
import type { TimeRange } from '../../src-preload/contract';
import { BOOL_NULL, type RowBatch } from '../formats/row-batch';
import { changePoints } from './change-points';
import { m4, usualSpacing } from './downsample';
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

describe('m4 downsampling, one bucket per pixel column', () => {
  const seconds = (n: number, t0 = 0) => new Float64Array(n).map((_, i) => t0 + i * 1000);
  const nulls = (v: readonly (number | null)[]) => v.filter((x) => x === null).length;

  it('keeps every value, and only values, when within budget', () => {
    const r = m4(f64([1, 2, 3]), f64([5, NaN, 7]), 0, 3, { start: 1, end: 3 }, 10, Infinity);
    expect(r).toEqual({ t: [1, 3], v: [5, 7], downsampled: false, sourcePoints: 2 });
  });

  it('does not downsample a slow signal beside fast ones when its values fit, and finds no gap in it', () => {
    // 3,600 rows of a 1 s signal; this one has a value every 60 s: 60 values, 100 columns.
    const ts = seconds(3600);
    const vs = f64(Array.from({ length: 3600 }, (_, i) => (i % 60 === 0 ? i : NaN)));
    const r = m4(ts, vs, 0, 3600, { start: 0, end: 3_599_000 }, 100, 5 * usualSpacing(ts, vs));
    expect(r.downsampled).toBe(false);
    expect(r.t).toHaveLength(60);
    expect(nulls(r.v)).toBe(0);
  });

  it('draws the envelope of the full data: per column, the same first, last, min and max', () => {
    const n = 100_000;
    const columns = 100;
    const ts = seconds(n);
    const vs = new Float64Array(n).map((_, i) => Math.sin(i / 500) + Math.sin(i / 7) / 3);
    vs[31_337] = 99; // a spike
    vs[77_777] = -42; // a dip
    const range = { start: 0, end: (n - 1) * 1000 };
    const r = m4(ts, vs, 0, n, range, columns, Infinity);
    expect(r.downsampled).toBe(true);
    expect(r.sourcePoints).toBe(n);
    expect(r.t.length).toBeLessThanOrEqual(4 * columns);
    expect([...r.t].every((t, i, a) => i === 0 || t > a[i - 1]!)).toBe(true);
    const columnOf = (t: number) => Math.min(columns - 1, Math.floor((t * columns) / range.end));
    const rowsOf = Array.from({ length: columns }, () => [] as number[]);
    ts.forEach((t, i) => rowsOf[columnOf(t)]!.push(i));
    for (let c = 0; c < columns; c++) {
      const rows = rowsOf[c]!;
      const drawn = r.t.map((t, i) => [t, r.v[i] as number] as const).filter(([t]) => columnOf(t) === c);
      const source = rows.map((i) => vs[i]!);
      expect(drawn.length).toBeLessThanOrEqual(4);
      expect(drawn[0]).toEqual([ts[rows[0]!], source[0]]);
      expect(drawn.at(-1)).toEqual([ts[rows.at(-1)!], source.at(-1)]);
      expect(Math.min(...drawn.map(([, v]) => v))).toBe(Math.min(...source));
      expect(Math.max(...drawn.map(([, v]) => v))).toBe(Math.max(...source));
    }
  });

  it('sends no null for a continuous signal, at any zoom, however irregular the kept points', () => {
    const n = 86_400;
    const ts = seconds(n);
    const vs = new Float64Array(n).map((_, i) => Math.sin(i / 3000) + ((i * 7919) % 13) / 50);
    const gap = 5 * usualSpacing(ts, vs);
    for (const zoom of [1, 4, 16, 64]) {
      const span = (n * 1000) / zoom;
      const range = { start: 40_000_000 - span / 2, end: 40_000_000 + span / 2 };
      const { from, to } = rowsInRange(ts, range);
      const r = m4(ts, vs, from, to, range, 900, gap);
      expect(nulls(r.v), `zoom ${zoom}`).toBe(0);
    }
  });

  it('breaks the line once at a real outage, inside it, and only there', () => {
    const n = 86_400;
    const ts = seconds(n);
    // A 45-minute outage from 10:00.
    const vs = new Float64Array(n).map((_, i) => (i >= 36_000 && i < 38_700 ? NaN : Math.cos(i / 2000)));
    const gap = 5 * usualSpacing(ts, vs);
    expect(gap).toBe(5000);
    const check = (range: { start: number; end: number }, columns: number, expected: number) => {
      const { from, to } = rowsInRange(ts, range);
      const r = m4(ts, vs, from, to, range, columns, gap);
      expect(nulls(r.v)).toBe(expected);
      r.v.forEach((v, i) => {
        if (v === null) {
          expect(r.t[i]).toBeGreaterThan(35_999_000);
          expect(r.t[i]).toBeLessThan(38_700_000);
          expect([r.t[i - 1], r.t[i + 1]]).toEqual([35_999_000, 38_700_000]);
        }
      });
    };
    check({ start: 0, end: (n - 1) * 1000 }, 1000, 1); // the whole day: the outage is within 32 columns
    check({ start: 0, end: (n - 1) * 1000 }, 10, 1); // one column holds the outage: split in two
    check({ start: 35_000_000, end: 40_000_000 }, 1000, 1); // zoomed in around it
    check({ start: 35_000_000, end: 35_900_000 }, 1000, 0); // zoomed in before it
    check({ start: 36_500_000, end: 38_000_000 }, 1000, 0); // inside it: nothing to draw, nothing to break
  });

  it('finds the usual spacing of a signal from its whole export', () => {
    const ts = seconds(10_000);
    expect(
      usualSpacing(
        ts,
        new Float64Array(10_000).map((_, i) => (i % 10 === 0 ? 1 : NaN)),
      ),
    ).toBe(10_000);
    expect(
      usualSpacing(
        ts,
        new Float64Array(10_000).map((_, i) => (i > 2000 && i < 6000 ? NaN : i)),
      ),
    ).toBe(1000);
    expect(
      usualSpacing(
        ts,
        new Float64Array(10_000).fill(NaN).map((v, i) => (i === 5 ? 1 : v)),
      ),
    ).toBe(Infinity);
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

  it('breaks a line only at real outages, the same at every zoom (the usual spacing is of the whole export)', async () => {
    const n = 86_400;
    const day: RowBatch = {
      rowCount: n,
      timestamps: new Float64Array(n).map((_, i) => i * 1000),
      columns: [
        { name: 'v', data: { kind: 'float', values: new Float64Array(n).map((_, i) => (i >= 50_000 && i < 52_700 ? NaN : i % 97)) } },
      ],
    };
    const breaks = async (range: TimeRange | undefined) =>
      (await buildSeries(day, [], range, 800)).series[0]!.v.filter((v) => v === null).length;
    expect(await breaks(undefined)).toBe(1);
    expect(await breaks({ start: 40_000_000, end: 60_000_000 })).toBe(1);
    expect(await breaks({ start: 49_990_000, end: 52_710_000 })).toBe(1);
    expect(await breaks({ start: 10_000_000, end: 12_000_000 })).toBe(0);
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
