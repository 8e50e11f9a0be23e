import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, DEFAULT_PLAN, firstSlice, halve, planRest, tiles } from './chunk-plan';

const DAY = 86_400_000;
const start = Date.parse('2025-02-01T00:00:00.123Z'); // borders on odd milliseconds

describe('the plan of chunks', () => {
  it('asks for a window of a day or less in one chunk', () => {
    const window = { start, end: start + DAY };
    expect(firstSlice(window)).toEqual(window);
  });

  it('probes a long window with its first hour, then cuts the rest by density', () => {
    const window = { start, end: start + 180 * DAY + 7 };
    const probe = firstSlice(window);
    expect(probe).toEqual({ start, end: start + 3_600_000 });
    // 10 signals, one row a second: 2 M rows a chunk.
    const rest = planRest({ start: probe.end, end: window.end }, { rows: 3600, ms: 3_600_000 }, 10);
    expect(tiles(window, [probe, ...rest])).toBe(true);
    expect(rest.length).toBe(Math.ceil((180 * 86_400 - 3600) / 2_000_000));
    for (const s of rest) expect((s.end - s.start) / 1000).toBeLessThanOrEqual(2_000_000 + 1);
  });

  it('cuts a middling export into several chunks so that downloads overlap the server', () => {
    const rest = planRest({ start, end: start + 1_000_000_000 }, { rows: 1, ms: 1000 }, 10);
    expect(rest.length).toBe(DEFAULT_PLAN.overlap);
  });

  it('tapers the end when asked (the runner asks): one slice more, the last half as long, each still under the target', () => {
    const rest = { start, end: start + 1_000_000_000 };
    const even = planRest(rest, { rows: 1, ms: 1000 }, 10);
    const tapered = planRest(rest, { rows: 1, ms: 1000 }, 10, DEFAULT_PLAN, true);
    expect(tiles(rest, tapered)).toBe(true);
    expect(tapered.length).toBe(even.length + 1);
    const lengths = tapered.map((s) => s.end - s.start);
    for (const l of lengths.slice(0, -1)) expect(l).toBeLessThan(even[0]!.end - even[0]!.start);
    expect(lengths.at(-1)! / lengths[0]!).toBeCloseTo(0.5, 6);
    // By the target: 180 days of 10 signals a second, 2 M rows a chunk at most.
    const long = planRest({ start, end: start + 180 * DAY }, { rows: 3600, ms: 3_600_000 }, 10, DEFAULT_PLAN, true);
    for (const s of long) expect((s.end - s.start) / 1000).toBeLessThanOrEqual(2_000_000 + 1);
    // One chunk stays one.
    expect(planRest({ start, end: start + 1000 }, { rows: 1, ms: 1000 }, 1, DEFAULT_PLAN, true)).toHaveLength(1);
  });

  it('grows the next slice when the probe found no data', () => {
    const rest = planRest({ start, end: start + 300 * DAY }, { rows: 0, ms: 3_600_000 }, 10);
    expect(rest).toEqual([{ start, end: start + 36_000_000 }]);
  });

  it('tiles any window exactly, whatever the density, and halving keeps it so', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 400 * DAY }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (s, len, rows, signals, splits) => {
          const window = { start: s, end: s + len };
          const slices = [firstSlice(window)];
          // As the engine does: with no rows seen yet, one growing slice at a time.
          for (let at = slices[0]!.end, seen = 0; at < window.end; at = slices[slices.length - 1]!.end) {
            const next = planRest({ start: at, end: window.end }, { rows: seen, ms: at - window.start }, signals);
            slices.push(...next);
            seen = rows;
          }
          expect(tiles(window, slices)).toBe(true);
          for (const pick of splits) {
            const i = pick % slices.length;
            const halves = halve(slices[i]!);
            if (halves) slices.splice(i, 1, ...halves);
          }
          expect(tiles(window, slices)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('puts every border on the grid it is given (aggregation buckets)', () => {
    const hour = 3_600_000;
    const align = (t: number) => Math.floor(t / hour) * hour;
    const window = { start: Date.parse('2025-01-01T00:00Z'), end: Date.parse('2025-03-01T00:00Z') };
    const slices = cut(window, 7, align);
    expect(tiles(window, slices)).toBe(true);
    for (const s of slices) expect(s.start % hour).toBe(0);
    const [a, b] = halve(slices[0]!, { ...DEFAULT_PLAN, align })!;
    expect(b.start % hour).toBe(0);
    expect(a.end).toBe(b.start);
  });

  it('refuses to halve below the floor', () => {
    expect(halve({ start, end: start + 119_999 })).toBeNull();
    expect(halve({ start, end: start + 120_000 })).toEqual([
      { start, end: start + 60_000 },
      { start: start + 60_000, end: start + 120_000 },
    ]);
  });
});
