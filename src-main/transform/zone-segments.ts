import { zoneOffsetMinutes } from '../../src-preload/contract/time-expressions';

/*
 * A zone's UTC offset as stretches of constant offset ([start, end) in epoch ms), found with Intl
 * once per stretch and cached: bucketing a million rows then costs a comparison per row, not an
 * Intl call (a few microseconds each). Transitions are found by probing once a day and bisecting
 * to the millisecond; two transitions within one day would be missed (no zone has them).
 */

export interface ZoneSegment {
  start: number;
  /** Exclusive. */
  end: number;
  offsetMs: number;
}

const DAY = 86_400_000;
/** How far to look for a transition before calling a stretch constant (an end that is no transition is harmless). */
const HORIZON_DAYS = 400;
const FIXED_UTC = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']);

export interface ZoneSegments {
  at(t: number): ZoneSegment;
}

const byZone = new Map<string, ZoneSegments>();

/** One per zone for the process: an aggregator per chunk then finds each stretch once, not per chunk. */
export function zoneSegments(timeZone: string): ZoneSegments {
  let z = byZone.get(timeZone);
  if (!z) byZone.set(timeZone, (z = findSegments(timeZone)));
  return z;
}

function findSegments(timeZone: string): ZoneSegments {
  if (FIXED_UTC.has(timeZone)) {
    const all: ZoneSegment = { start: -Infinity, end: Infinity, offsetMs: 0 };
    return { at: () => all };
  }
  const offset = (t: number) => zoneOffsetMinutes(t, timeZone) * 60_000;
  const known: ZoneSegment[] = [];
  let last: ZoneSegment | undefined;

  /** The first instant after `inside` whose offset differs from `o`, within `dir` days of probing. */
  function edge(inside: number, o: number, dir: 1 | -1): number {
    let prev = inside;
    for (let k = 1; k <= HORIZON_DAYS; k++) {
      const probe = inside + dir * k * DAY;
      if (offset(probe) !== o) {
        // bisect between an instant with offset o and one without, to the millisecond
        let lo = prev;
        let hi = probe;
        while (Math.abs(hi - lo) > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offset(mid) === o) lo = mid;
          else hi = mid;
        }
        return dir === 1 ? hi : lo;
      }
      prev = probe;
    }
    return inside + dir * HORIZON_DAYS * DAY;
  }

  return {
    at(t) {
      if (last && t >= last.start && t < last.end) return last;
      for (const s of known) if (t >= s.start && t < s.end) return (last = s);
      const base = Math.floor(t);
      const o = offset(base);
      const seg = { start: edge(base, o, -1), end: edge(base, o, 1), offsetMs: o };
      known.push(seg);
      // A long stream touches a handful of stretches; keep the list short all the same.
      if (known.length > 64) known.shift();
      return (last = seg);
    },
  };
}
