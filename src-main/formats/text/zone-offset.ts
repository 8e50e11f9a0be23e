import { zoneOffsetMinutes } from '../../../src-preload/contract/time-expressions';

/*
 * A zone's offset for timestamps that come in order, looked up when it may have changed rather
 * than per row: each lookup also finds how long the offset holds (up to a day ahead, by bisection
 * to the second where it changes), so a day of rows costs one or two Intl calls. Exact as long as
 * a zone changes its offset at most once within 24 hours, which every zone in the tz database does.
 */

const DAY_S = 86_400;

export type OffsetLookup = (ms: number) => number;

export function offsetLookup(timeZone: string): OffsetLookup {
  if (timeZone === 'UTC') return () => 0;
  // The offset depends only on the whole second (zoneOffsetMinutes reads floor(ms / 1000)).
  const at = (sec: number) => zoneOffsetMinutes(sec * 1000, timeZone);
  let from = Number.POSITIVE_INFINITY;
  let until = Number.NEGATIVE_INFINITY;
  let cached = 0;
  return (ms) => {
    if (ms >= from && ms < until) return cached;
    const sec = Math.floor(ms / 1000);
    const offset = at(sec);
    let lo = sec;
    let hi = sec + DAY_S;
    if (at(hi) !== offset) {
      // at(lo) is the offset, at(hi) is not: the change is in (lo, hi].
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === offset) lo = mid;
        else hi = mid;
      }
    }
    from = sec * 1000;
    until = hi * 1000;
    cached = offset;
    return offset;
  };
}
