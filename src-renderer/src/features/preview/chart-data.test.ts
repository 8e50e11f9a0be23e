import { describe, expect, it } from 'vitest';
import { Series } from '../../../../src-preload/contract';
import { drawable, groupSeries, isThinned, panRange, valueAtCursor, zoomRange } from './chart-data';

/** A series as a plain JSON client would send it, made what the window gets by the contract (doubles). */
const series = (column: string, over: Record<string, unknown>): Series =>
  Series.parse({
    column,
    dataType: 'float',
    physicalUnit: '°C',
    shape: 'line',
    downsampled: false,
    sourcePoints: 0,
    t: [],
    v: [],
    ...over,
  });

describe('groupSeries', () => {
  it('puts floats of one unit on one chart and each other signal in a lane', () => {
    const groups = groupSeries([
      series('T1', {}),
      series('P', { physicalUnit: 'bar' }),
      series('T2', {}),
      series('Running', { dataType: 'boolean', shape: 'steps', physicalUnit: '' }),
      series('Mode', { dataType: 'string', shape: 'steps', v: ['run', 'idle', 'run'], t: [1, 2, 3] }),
    ]);
    expect(
      groups.map((g) => (g.kind === 'lines' ? `${g.unit}:${g.series.map((s) => s.column)}` : `${g.series.column}:${g.categories}`)),
    ).toEqual(['°C:T1,T2', 'bar:P', 'Running:false,true', 'Mode:idle,run']);
  });
});

describe('drawable', () => {
  it('draws a line exactly as sent: a null is a break, and nothing else is', () => {
    // Downsampled points are irregular (first, min, max, last per column): no break is inferred.
    const d = drawable(series('A', { t: [0, 10, 11, 30, 200, 201, 210], v: [1, 2, 3, 4, 5, 6, 7] }));
    expect(d.v).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(drawable(series('A', { t: [1, 2, 3, 4], v: [10, 20, null, 40] }))).toEqual({
      column: 'A',
      t: [1, 2, 3, 4],
      v: [10, 20, null, 40],
    });
  });

  it('turns categories into lane indexes and holds a state over rows without a value', () => {
    const d = drawable(series('M', { t: [1, 2, 3], v: ['run', null, 'idle'], shape: 'steps', dataType: 'string' }), ['idle', 'run']);
    expect(d).toEqual({ column: 'M', t: [1, 3], v: [1, 0] });
  });
});

describe('zoomRange', () => {
  it('zooms around the middle and stays inside the data', () => {
    const full = { start: 0, end: 100_000 };
    expect(zoomRange({ start: 40_000, end: 60_000 }, 0.5, full)).toEqual({ start: 45_000, end: 55_000 });
    expect(zoomRange({ start: 0, end: 60_000 }, 2, full)).toEqual({ start: 0, end: 100_000 });
  });
});

describe('isThinned', () => {
  it('says downsampled only when fewer values are drawn than the data has', () => {
    expect(isThinned(series('A', { downsampled: true, sourcePoints: 60, t: [1, 2, 3], v: [1, null, 2] }))).toBe(true);
    expect(isThinned(series('A', { downsampled: true, sourcePoints: 2, t: [1, 2, 3], v: [1, null, 2] }))).toBe(false);
    expect(isThinned(series('A', { downsampled: false, sourcePoints: 60, t: [1], v: [1] }))).toBe(false);
  });
});

describe('panRange', () => {
  it('moves the range by a share of its span and stops at the ends of the data', () => {
    const full = { start: 0, end: 100_000 };
    expect(panRange({ start: 40_000, end: 60_000 }, 0.5, full)).toEqual({ start: 50_000, end: 70_000 });
    expect(panRange({ start: 40_000, end: 60_000 }, -0.5, full)).toEqual({ start: 30_000, end: 50_000 });
    expect(panRange({ start: 70_000, end: 90_000 }, 0.5, full)).toEqual({ start: 80_000, end: 100_000 });
    expect(panRange({ start: 10_000, end: 30_000 }, -1, full)).toEqual({ start: 0, end: 20_000 });
  });
});

describe('valueAtCursor', () => {
  const line = drawable(series('A', { t: [0, 10, 20, 30, 40], v: [1, 2, null, 4, 5] }));
  it('reads the nearer point of a line, nothing inside a gap or outside the data', () => {
    expect(valueAtCursor(line, 4, false)).toBe(1);
    expect(valueAtCursor(line, 6, false)).toBe(2);
    expect(valueAtCursor(line, 10, false)).toBe(2);
    expect(valueAtCursor(line, 15, false)).toBeNull();
    expect(valueAtCursor(line, 25, false)).toBeNull();
    expect(valueAtCursor(line, 36, false)).toBe(5);
    expect(valueAtCursor(line, 40, false)).toBe(5);
    expect(valueAtCursor(line, -1, false)).toBeUndefined();
    expect(valueAtCursor(line, 41, false)).toBeUndefined();
  });
  it('reads the state of a lane at the cursor', () => {
    const lane = drawable(series('M', { t: [0, 100], v: ['run', 'idle'], shape: 'steps', dataType: 'string' }), ['idle', 'run']);
    expect(valueAtCursor(lane, 50, true)).toBe(1);
    expect(valueAtCursor(lane, 150, true)).toBe(0);
    expect(valueAtCursor(lane, -5, true)).toBeUndefined();
  });
});
