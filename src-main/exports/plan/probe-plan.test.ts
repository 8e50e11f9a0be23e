import { describe, expect, it } from 'vitest';
import type { Slice } from '../../../src-preload/contract';
import { DEFAULT_PLAN, tiles } from './chunk-plan';
import { planByProbes, probeRegions, type SliceMeasure } from './probe-plan';

const SECOND = 1000;
const DAY = 86_400 * SECOND;
const YEAR = 365 * DAY;

/** One row a second in each stretch of `data`: what a slice holds, as Nortech would answer. */
function rowsIn(data: Slice[]) {
  const asked: Slice[] = [];
  const count = (s: Slice) =>
    data.reduce((n, d) => {
      const from = Math.max(s.start, d.start);
      const to = Math.min(s.end, d.end);
      return n + (to > from ? Math.ceil((to - from) / SECOND) : 0);
    }, 0);
  const measure = (s: Slice): Promise<SliceMeasure> => {
    asked.push(s);
    const inside = data.filter((d) => d.end > s.start && d.start < s.end);
    const rows = count(s);
    return Promise.resolve({
      rows,
      first: rows ? Math.max(s.start, inside[0]!.start) : null,
      last: rows ? Math.min(s.end, inside.at(-1)!.end) - SECOND : null,
    });
  };
  return { measure, count, asked };
}

const window = { start: 0, end: 50 * YEAR };
const onSeconds = (t: number) => t - (t % SECOND);
const opts = (targetRows: number, align = onSeconds) => ({ ...DEFAULT_PLAN, targetCells: targetRows, align });

describe('planByProbes', () => {
  it('tiles fifty years on the grid with every chunk near the target, asking only probes and empty regions', async () => {
    const data = [{ start: 25 * YEAR, end: 27 * YEAR }];
    const { measure, count, asked } = rowsIn(data);
    const plan = await planByProbes({ window, signals: 1, regions: 32, concurrency: 4, opts: opts(100_000), measure });
    expect(tiles(window, plan)).toBe(true);
    for (const s of plan) expect(s.start % SECOND).toBe(0);
    for (const s of plan) expect(count(s)).toBeLessThanOrEqual(125_000);
    expect(plan.reduce((n, s) => n + count(s), 0)).toBe(count(window));
    // Nothing asked held more than a probe's rows: the data itself is never downloaded to plan it.
    for (const s of asked) expect(count(s)).toBeLessThanOrEqual(3600);
    // The empty years are a few chunks: the regions at the data's edges are probed again, finer, not cut at the data's density.
    expect(plan.length).toBeLessThanOrEqual(Math.ceil(count(window) / 100_000) * 1.1 + 100);
  });

  it('finds data shorter than the probes’ spacing (a region asked whole) and cuts it to the target', async () => {
    const data = [{ start: 25 * YEAR, end: 25 * YEAR + 4 * DAY }];
    const { measure, count } = rowsIn(data);
    const plan = await planByProbes({ window, signals: 1, regions: 32, concurrency: 3, opts: opts(40_000, (t) => Math.floor(t)), measure });
    expect(tiles(window, plan)).toBe(true);
    for (const s of plan) expect(count(s)).toBeLessThanOrEqual(50_000);
    expect(plan.length).toBeGreaterThanOrEqual(9);
    expect(plan.length).toBeLessThan(20);
  });

  it('cuts a region between a probe with data and an empty one by the data’s density', async () => {
    // The data starts just after the empty region's probe: without the neighbour's density it would be one chunk.
    const regions = probeRegions(window, 32, opts(1));
    const edge = regions[10]!.probe!.end + DAY;
    const data = [{ start: edge, end: regions[12]!.region.end }];
    const { measure, count } = rowsIn(data);
    const plan = await planByProbes({ window, signals: 1, regions: 32, concurrency: 4, opts: opts(1_000_000), measure });
    expect(tiles(window, plan)).toBe(true);
    for (const s of plan) expect(count(s)).toBeLessThanOrEqual(1_250_000);
  });

  it('plans the same data the same way, and a short window as one chunk without asking', async () => {
    const data = [{ start: 3 * YEAR, end: 9 * YEAR }];
    const a = await planByProbes({ window, signals: 2, regions: 32, concurrency: 4, opts: opts(2_000_000), measure: rowsIn(data).measure });
    const b = await planByProbes({ window, signals: 2, regions: 32, concurrency: 1, opts: opts(2_000_000), measure: rowsIn(data).measure });
    expect(a).toEqual(b);
    const day = { start: 0, end: DAY };
    const { measure, asked } = rowsIn(data);
    expect(await planByProbes({ window: day, signals: 1, regions: 32, concurrency: 4, opts: opts(10), measure })).toEqual([day]);
    expect(asked).toEqual([]);
  });
});
