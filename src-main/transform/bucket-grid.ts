import { COMMON_INTERVALS, intervalMs } from '../../src-preload/contract/aggregation';
import { zoneSegments, type ZoneSegment } from './zone-segments';

/*
 * Bucket borders on the wall clock of a zone. A border is an instant at which the zone's clock
 * shows a multiple of the interval since midnight (every interval divides a day). So daily
 * buckets start at local midnight and a daylight-saving day lasts 23 or 25 hours; hourly buckets
 * follow the clock's hours, also in zones 30 or 45 minutes off UTC; in the hour that repeats in
 * autumn both 01:00 (summer time) and 01:00 (winter time) start a bucket, so no bucket of an hour
 * or less is ever longer than its interval, and none spans two separate stretches of time. A wall
 * time the clock skips in spring is no border: the bucket before it is shorter.
 */

export interface BucketGrid {
  /** The start of the bucket holding `t`: the last border at or before it. */
  floor(t: number): number;
  /** The end of the bucket holding `t`: the first border after it. */
  next(t: number): number;
  /** How many buckets meet [start, end) (empty buckets included: an upper bound on rows). */
  count(start: number, end: number): number;
}

// Guards loops against a zone table we misread; real zones need one or two steps.
const MAX_STEPS = 1000;

export function bucketGrid(interval: string, timeZone: string): BucketGrid {
  const I = intervalMs(interval);
  const zone = zoneSegments(timeZone);
  const alignedDown = (t: number, o: number) => Math.floor((t + o) / I) * I - o;

  /** The first border at or after `t`. */
  function ceilBorder(t: number): number {
    let from = t;
    for (let i = 0; i < MAX_STEPS; i++) {
      const seg = zone.at(from);
      const c = Math.ceil((from + seg.offsetMs) / I) * I - seg.offsetMs;
      if (c < seg.end) return c;
      from = seg.end;
    }
    throw new Error(`No bucket border found after ${new Date(t).toISOString()} in ${timeZone}`);
  }

  return {
    floor(t) {
      let at = t;
      for (let i = 0; i < MAX_STEPS; i++) {
        const seg = zone.at(at);
        const c = alignedDown(at, seg.offsetMs);
        if (c >= seg.start) return c;
        // no border between this stretch's start and `at`: the bucket began in the stretch before
        at = seg.start - 1;
      }
      throw new Error(`No bucket border found before ${new Date(t).toISOString()} in ${timeZone}`);
    },
    next(t) {
      const seg = zone.at(t);
      const c = alignedDown(t, seg.offsetMs) + I;
      return c < seg.end ? c : ceilBorder(seg.end);
    },
    count(start, end) {
      if (!(end > start)) return 0;
      // borders are whole milliseconds: those after `start` and before `end`, stretch by stretch
      let borders = 0;
      let from = Math.floor(start) + 1;
      const to = Math.ceil(end);
      while (from < to) {
        const seg: ZoneSegment = zone.at(from);
        const until = Math.min(seg.end, to);
        borders += Math.max(0, Math.ceil((until + seg.offsetMs) / I) - Math.ceil((from + seg.offsetMs) / I));
        from = until;
      }
      return borders + 1;
    },
  };
}

/**
 * Chunk borders moved back onto bucket borders, so that no bucket is split between two chunks
 * (each chunk is then aggregated alone): the first and last (the window's ends) stay; inner
 * borders are floored; borders that fall together are merged. Ascending in, ascending out.
 */
export function alignBorders(borders: readonly number[], grid: BucketGrid): number[] {
  const out = borders.length ? [borders[0]!] : [];
  for (let i = 1; i < borders.length - 1; i++) {
    const b = grid.floor(borders[i]!);
    if (b > out.at(-1)!) out.push(b);
  }
  if (borders.length > 1 && borders.at(-1)! > out.at(-1)!) out.push(borders.at(-1)!);
  return out;
}

/** How many rows an aggregation of [start, end) can have at most (Excel's limit is checked with it). */
export const countBuckets = (window: { start: number; end: number }, interval: string, timeZone: string) =>
  bucketGrid(interval, timeZone).count(window.start, window.end);

/**
 * The smallest common interval (`COMMON_INTERVALS`) whose buckets over the window number at most
 * `maxRows`, or null when even one a day would not fit.
 */
export function proposeInterval(window: { start: number; end: number }, timeZone: string, maxRows: number): string | null {
  for (const interval of COMMON_INTERVALS) {
    // Skip the exact count when even evenly cut buckets would be far too many (1 s over a year).
    if ((window.end - window.start) / intervalMs(interval) > maxRows * 2) continue;
    if (countBuckets(window, interval, timeZone) <= maxRows) return interval;
  }
  return null;
}
