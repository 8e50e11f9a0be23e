import { describe, expect, it } from 'vitest';
import type { Series } from '../../../../src-preload/contract';
import { groupSeries, isThinned, seriesRows, zoomRange } from './chart-data';

const series = (column: string, over: Partial<Series>): Series => ({
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

describe('seriesRows', () => {
  it('drops rows without a value, so a sparse signal is still a line', () => {
    expect(seriesRows(series('A', { t: [1, 2, 3, 4, 5], v: [10, null, 30, null, 50] }))).toEqual([
      { t: 1, A: 10 },
      { t: 3, A: 30 },
      { t: 5, A: 50 },
    ]);
  });

  it('breaks the line where values pause far longer than usual', () => {
    const rows = seriesRows(series('A', { t: [0, 10, 20, 30, 200, 210], v: [1, 2, 3, 4, 5, 6] }));
    expect(rows.map((r) => r.A)).toEqual([1, 2, 3, 4, null, 5, 6]);
    expect(rows[4]!.t).toBe(115);
  });

  it('turns categories into lane indexes', () => {
    const rows = seriesRows(series('M', { t: [1, 2], v: ['run', 'idle'], shape: 'steps', dataType: 'string' }), ['idle', 'run']);
    expect(rows.map((r) => r.M)).toEqual([1, 0]);
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
