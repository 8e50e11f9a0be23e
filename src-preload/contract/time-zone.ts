/*
 * Instants and the wall clock of an IANA zone, with nothing but Intl. A "wall" value is the zone's
 * clock written as if it were UTC milliseconds (Date.UTC of its fields), so that calendar steps are
 * plain arithmetic on it and only the way back to an instant needs the zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (`UTC`, `Europe/Lisbon`...). `local` is the machine's zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone === 'local') return true;
  try {
    wallFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The machine's zone as an IANA name. */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const zoneName = (tz: string) => (tz === 'local' ? localTimeZone() : tz);
const isUtc = (tz: string) => tz === 'UTC' || tz === 'Etc/UTC';

const DAY = 86_400_000;
const mod = (a: number, b: number) => ((a % b) + b) % b;

/** Date.UTC for any year from 1 (Date.UTC reads 0-99 as 1900-1999), fields past their range carried over. */
export function utcOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** The zone's clock at an instant, as wall milliseconds. */
export function wallAt(ms: number, timeZone: string): number {
  const tz = zoneName(timeZone);
  if (isUtc(tz)) return ms;
  const f: Record<string, number> = {};
  for (const p of wallFormatter(tz).formatToParts(new Date(ms))) if (p.type !== 'literal') f[p.type] = Number(p.value);
  return utcOf(f.year!, f.month!, f.day!, f.hour!, f.minute!, f.second!, mod(ms, 1000));
}

/** The zone's exact offset from UTC at an instant, in milliseconds (Lisbon in summer: 3,600,000). */
export const offsetAt = (ms: number, timeZone: string) => wallAt(ms, timeZone) - ms;

/** The zone's offset from UTC at an instant, in minutes (Lisbon in summer: 60). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  return Math.round(offsetAt(Math.floor(ms / 1000) * 1000, timeZone) / 60_000);
}

/** The instants a wall time names: none in a spring gap, two in the autumn hour that repeats. */
function instantsOf(wall: number, timeZone: string): { valid: number[]; before: number; after: number } {
  // Offsets a day either side: no zone changes twice within a day.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const valid = [...new Set([wall - before, wall - after])].filter((t) => wallAt(t, timeZone) === wall).sort((a, b) => a - b);
  return { valid, before, after };
}

/**
 * The instant a wall-clock time in a zone names. In the autumn hour that repeats, the earlier one;
 * in the spring hour that does not exist, read with the offset before the change (as Temporal's
 * `compatible` does, and moment: 02:30 that does not exist is 03:30).
 */
export function wallTimeToInstant(wall: number, timeZone: string): number {
  const { valid, before } = instantsOf(wall, timeZone);
  return valid[0] ?? wall - before;
}

/**
 * The first instant at which the zone's clock reads `wall` or later: the wall time itself (the
 * earlier of two), or, when it falls in a spring gap, the change itself (a day whose midnight does
 * not exist starts at the change, 01:00 in São Paulo in 2018).
 */
export function firstInstantAtWall(wall: number, timeZone: string): number {
  const { valid, before, after } = instantsOf(wall, timeZone);
  if (valid.length) return valid[0]!;
  // A gap: the clock jumps past `wall`. The change is between the two readings; find it to the second.
  let lo = Math.floor((wall - Math.max(before, after)) / 1000);
  let hi = Math.ceil((wall - Math.min(before, after)) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(mid * 1000, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** The first instant in (from, to] whose offset differs from that at `from`, to the second: a change between them. */
export function offsetChangeIn(from: number, to: number, timeZone: string): number | null {
  const start = offsetAt(from, timeZone);
  if (offsetAt(to, timeZone) === start) return null;
  let lo = Math.floor(from / 1000);
  let hi = Math.ceil(to / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timeZone) === start) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}
