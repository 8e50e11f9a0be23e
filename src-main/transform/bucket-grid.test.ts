import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignBorders, bucketGrid, countBuckets, proposeInterval } from './bucket-grid';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

/** The buckets from the one holding `from`, `n` of them, as [start ISO, hours]. */
function buckets(interval: string, timeZone: string, from: string, n: number): [string, number][] {
  const g = bucketGrid(interval, timeZone);
  const out: [string, number][] = [];
  let t = g.floor(at(from));
  for (let i = 0; i < n; i++) {
    const next = g.next(t);
    out.push([iso(t), (next - t) / 3_600_000]);
    t = next;
  }
  return out;
}

describe('bucketGrid', () => {
  it('starts days at local midnight: 25 hours when Lisbon leaves summer time, 23 when it enters it', () => {
    expect(buckets('1d', 'Europe/Lisbon', '2025-10-25T12:00Z', 3)).toEqual([
      ['2025-10-24T23:00:00.000Z', 24],
      ['2025-10-25T23:00:00.000Z', 25],
      ['2025-10-27T00:00:00.000Z', 24],
    ]);
    expect(buckets('1d', 'Europe/Lisbon', '2025-03-30T12:00Z', 2)).toEqual([
      ['2025-03-30T00:00:00.000Z', 23],
      ['2025-03-30T23:00:00.000Z', 24],
    ]);
    expect(buckets('1d', 'America/New_York', '2025-11-02T12:00Z', 2)).toEqual([
      ['2025-11-02T04:00:00.000Z', 25],
      ['2025-11-03T05:00:00.000Z', 24],
    ]);
  });

  it('follows the clock hour by hour: the hour that repeats is two buckets, none lasts more than an hour', () => {
    expect(buckets('1h', 'Europe/Lisbon', '2025-10-25T23:30Z', 4)).toEqual([
      ['2025-10-25T23:00:00.000Z', 1], // 00:00 WEST
      ['2025-10-26T00:00:00.000Z', 1], // 01:00 WEST
      ['2025-10-26T01:00:00.000Z', 1], // 01:00 WET
      ['2025-10-26T02:00:00.000Z', 1],
    ]);
    // 8 h shifts of the clock: the night shift of the autumn day holds the repeated hour
    expect(buckets('8h', 'Europe/Lisbon', '2025-10-25T23:30Z', 2)).toEqual([
      ['2025-10-25T23:00:00.000Z', 9],
      ['2025-10-26T08:00:00.000Z', 8],
    ]);
  });

  it('follows local hours in zones 45 and 30 minutes off UTC, also across a 30-minute change', () => {
    expect(buckets('1h', 'Asia/Kathmandu', '2025-06-01T10:20Z', 2)).toEqual([
      ['2025-06-01T10:15:00.000Z', 1],
      ['2025-06-01T11:15:00.000Z', 1],
    ]);
    expect(buckets('1h', 'Asia/Kolkata', '2025-06-01T10:20Z', 1)).toEqual([['2025-06-01T09:30:00.000Z', 1]]);
    // Lord Howe Island moves its clock 30 minutes, 02:00 -> 02:30: the bucket of 01:00 lasts 1.5 h
    expect(buckets('1h', 'Australia/Lord_Howe', '2025-10-04T14:40Z', 2)).toEqual([
      ['2025-10-04T14:30:00.000Z', 1.5],
      ['2025-10-04T16:00:00.000Z', 1],
    ]);
  });

  it('floor and next agree: floor(t) <= t < next(t), and next(t) starts the following bucket', () => {
    const zones = ['UTC', 'Europe/Lisbon', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns'];
    const intervals = ['1s', '10s', '1m', '15m', '1h', '8h', '1d'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...intervals),
        fc.integer({ min: at('2024-01-01T00:00Z'), max: at('2026-12-31T00:00Z') }),
        (zone, interval, t) => {
          const g = bucketGrid(interval, zone);
          const start = g.floor(t);
          const end = g.next(t);
          expect(start).toBeLessThanOrEqual(t);
          expect(end).toBeGreaterThan(t);
          expect(g.floor(end)).toBe(end);
          expect(g.floor(end - 1)).toBe(start);
          expect(g.next(start)).toBe(end);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts buckets that meet a window, exactly as walking them', () => {
    const window = { start: at('2025-03-01T00:00:30Z'), end: at('2025-11-15T07:00Z') };
    for (const [interval, zone] of [
      ['1h', 'Europe/Lisbon'],
      ['15m', 'Asia/Kathmandu'],
      ['1d', 'America/New_York'],
      ['10s', 'UTC'],
    ] as const) {
      const g = bucketGrid(interval, zone);
      let walked = 0;
      for (let t = g.floor(window.start); t < window.end; t = g.next(t)) walked++;
      expect(countBuckets(window, interval, zone)).toBe(walked);
    }
    // a year of days in Lisbon: 365, whatever the clock does
    expect(countBuckets({ start: at('2025-01-01T00:00Z'), end: at('2026-01-01T00:00Z') }, '1d', 'Europe/Lisbon')).toBe(365);
  });

  it('proposes the smallest common interval that fits', () => {
    const year = { start: at('2025-01-01T00:00Z'), end: at('2026-01-01T00:00Z') };
    // 1 m makes 525,600 rows, 30 s twice that: over Excel's 1,048,575
    expect(proposeInterval(year, 'Europe/Lisbon', 1_048_575)).toBe('1m');
    expect(proposeInterval(year, 'UTC', 10_000)).toBe('1h');
    expect(proposeInterval(year, 'UTC', 100)).toBeNull();
  });

  it('moves chunk borders back onto bucket borders, keeping the window ends', () => {
    const g = bucketGrid('1d', 'Europe/Lisbon');
    const borders = ['2025-10-25T10:00Z', '2025-10-26T06:00Z', '2025-10-26T18:00Z', '2025-10-27T06:00Z', '2025-10-27T08:00Z'].map(at);
    expect(alignBorders(borders, g).map(iso)).toEqual([
      '2025-10-25T10:00:00.000Z',
      '2025-10-25T23:00:00.000Z', // local midnight of the 26th (summer time); the 18:00 border falls onto it too
      '2025-10-27T00:00:00.000Z',
      '2025-10-27T08:00:00.000Z',
    ]);
    expect(alignBorders([at('2025-10-26T00:30Z'), at('2025-10-26T06:00Z'), at('2025-10-26T07:00Z')], g)).toEqual([
      at('2025-10-26T00:30Z'),
      at('2025-10-26T07:00Z'),
    ]);
  });

  it('refuses an interval that does not divide a day', () => {
    expect(() => bucketGrid('7m', 'UTC')).toThrow(/does not divide a day/);
  });
});
