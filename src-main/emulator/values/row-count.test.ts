import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogSignal } from '../catalog/catalog-types';
import { demoCatalog, signalNamed } from '../testing/fixture';
import { countRows, presence } from './row-count';
import { rowChunks, type TimeWindow } from './row-chunks';
import { valueAt } from './value-at';

/* countRows against the rows rowChunks builds: the same number, for any signals and any window. */

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);
const built = (signals: CatalogSignal[], window: TimeWindow) => {
  let n = 0;
  for (const chunk of rowChunks(signals, window)) n += chunk.length;
  return n;
};

const all = [...demoCatalog().signalsById.values()];
const cms = all.filter((s) => s.unit.name === 'CMS WTG-A01');
const wind = signalNamed('Nacelle', 'Wind Speed'); // with the turbine's comms outages
const legacy = signalNamed('Mast Base', 'Air Temperature (legacy sensor)'); // until 2025-03-15
const slow = all.filter((s) => s.periodMs === 600_000 || s.periodMs === 900_000); // grids that meet every 30 min
const gapped = all.filter((s) => s.gaps);

describe('countRows', () => {
  it('counts a year of 10 one-second signals (31.5 M rows) in well under a second', () => {
    const window = { startMs: at('2025-01-01T00:00:00Z'), endMs: at('2026-01-01T00:00:00Z') };
    const t0 = performance.now();
    const rows = countRows(cms.slice(0, 10), window);
    const ms = performance.now() - t0;
    expect(rows).toBe(365 * 86_400);
    expect(ms).toBeLessThan(100); // measured: well under 1 ms
  });

  it('counts a year of every demo signal, gaps and sensor changes included, as the sum of its days', () => {
    const start = at('2025-01-01T00:00:00Z');
    const year = countRows(all, { startMs: start, endMs: start + 365 * DAY });
    let days = 0;
    for (let d = 0; d < 365; d++) days += countRows(all, { startMs: start + d * DAY, endMs: start + (d + 1) * DAY });
    expect(year).toBe(days);
    expect(year).toBe(365 * 86_400); // 1 s signals without gaps cover every second
  });

  it('matches the built rows where grids of 10 min and 15 min meet, across a sensor change and in outages', () => {
    const cases: [CatalogSignal[], TimeWindow][] = [
      [slow, { startMs: at('2025-02-01T00:00:00Z') + 1, endMs: at('2025-02-09T00:00:00Z') - 1 }],
      [[legacy, ...slow.slice(0, 2)], { startMs: at('2025-03-14T00:00:00Z'), endMs: at('2025-03-16T00:00:00Z') }],
      [gapped.slice(0, 3), { startMs: at('2025-04-01T00:00:00Z'), endMs: at('2025-04-04T00:00:00Z') }],
    ];
    for (const [signals, window] of cases) expect(countRows(signals, window)).toBe(built(signals, window));
  });

  it('matches the built rows for random signals and windows (odd milliseconds, outages, activity ranges)', () => {
    // The pool mixes every period, the data types, the gapped turbines and the sensor changes.
    const pool = [
      ...new Set([...slow.slice(0, 3), ...gapped.filter((_, i) => i % 7 === 0), legacy, cms[0]!, ...all.filter((_, i) => i % 23 === 0)]),
    ];
    const origin = demoCatalog().originMs;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: -DAY, max: 200 * DAY }),
        fc.integer({ min: 0, max: 2 * DAY }),
        (signals, offset, length) => {
          const window = { startMs: origin + offset, endMs: origin + offset + length };
          expect(countRows(signals, window)).toBe(built(signals, window));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('adds up over any split of the window (chunks that tile a window count its rows once)', () => {
    const signals = [wind, ...slow.slice(0, 2), legacy];
    const origin = demoCatalog().originMs;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 * DAY }),
        fc.array(fc.integer({ min: 1, max: 30 * DAY }), { minLength: 1, maxLength: 8 }),
        (offset, pieces) => {
          let t = origin + offset;
          let sum = 0;
          for (const p of pieces) sum += countRows(signals, { startMs: t, endMs: (t += p) });
          expect(sum).toBe(countRows(signals, { startMs: origin + offset, endMs: t }));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is 0 before the origin, after activeUntil, for an empty window, and not once any signal has a value', () => {
    const fast = cms[0]!;
    expect(countRows([legacy], { startMs: at('2025-01-05T00:00:00Z'), endMs: at('2025-01-06T00:00:00Z') })).toBe(1440);
    expect(countRows([legacy], { startMs: at('2025-04-01T00:00:00Z'), endMs: at('2025-05-01T00:00:00Z') })).toBe(0);
    expect(countRows([fast], { startMs: at('2024-01-01T00:00:00Z'), endMs: at('2024-12-31T00:00:00Z') })).toBe(0);
    expect(countRows([fast], { startMs: at('2025-02-01T00:00:00Z'), endMs: at('2025-02-01T00:00:00Z') })).toBe(0);
    expect(countRows([legacy, fast], { startMs: at('2025-04-01T00:00:00Z'), endMs: at('2025-04-01T00:00:01Z') })).toBe(1);
  });
});

describe('presence', () => {
  it('is the active range minus the outages, exactly where valueAt has values', () => {
    const window = { startMs: at('2025-05-01T00:00:00Z'), endMs: at('2025-05-21T00:00:00Z') };
    const intervals = presence(wind, window);
    expect(intervals.length).toBeGreaterThan(1); // some outage in 20 days
    const onGrid = (t: number, up: boolean) => {
      const k = (t - wind.originMs) / wind.periodMs;
      return wind.originMs + (up ? Math.ceil(k) : Math.floor(k)) * wind.periodMs;
    };
    for (const [a, b] of intervals) {
      expect(valueAt(wind, onGrid(a, true))).not.toBeNull();
      expect(valueAt(wind, onGrid(b - 1, false))).not.toBeNull();
    }
    for (let i = 1; i < intervals.length; i++) {
      const [gapStart, gapEnd] = [intervals[i - 1]![1], intervals[i]![0]];
      for (let t = onGrid(gapStart, true); t < gapEnd; t += wind.periodMs) expect(valueAt(wind, t)).toBeNull();
    }
  });
});
