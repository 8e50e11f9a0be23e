import { zoneOffsetMinutes } from '../../../src-preload/contract/time-expressions';

/*
 * Timestamps for csv and json, a million per file: the zone's offset is looked up once per hour
 * (exactly, per row, only in an hour where it changes), and the date part once per day, so a row
 * costs a few string concatenations rather than an Intl call or a Date.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

function offsetLookup(timeZone: string): (ms: number) => number {
  if (timeZone === 'UTC') return () => 0;
  let hour = NaN;
  let cached = 0;
  return (ms) => {
    const h = Math.floor(ms / HOUR);
    if (h === hour) return cached;
    const a = zoneOffsetMinutes(h * HOUR, timeZone);
    const b = zoneOffsetMinutes(h * HOUR + HOUR - 1, timeZone);
    if (a !== b) return zoneOffsetMinutes(ms, timeZone);
    hour = h;
    cached = a;
    return a;
  };
}

/** `YYYY-MM-DD`, `T` or space, `HH:mm:ss.SSS` of a wall-clock time given as ms since the epoch. */
function wallFormatter(sep: string): (wallMs: number) => string {
  let day = NaN;
  let prefix = '';
  return (wall) => {
    const d = Math.floor(wall / DAY);
    if (d !== day) {
      day = d;
      prefix = new Date(d * DAY).toISOString().slice(0, 10) + sep;
    }
    let r = wall - d * DAY;
    const h = Math.floor(r / HOUR);
    r -= h * HOUR;
    const m = Math.floor(r / 60_000);
    r -= m * 60_000;
    const s = Math.floor(r / 1000);
    return `${prefix}${pad2[h]}:${pad2[m]}:${pad2[s]}.${pad3[Math.floor(r - s * 1000)]}`;
  };
}

const offsetText = (min: number) => {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad2[Math.floor(a / 60)]}:${pad2[a % 60]}`;
};

/** ISO 8601 with the zone's offset: `2024-03-31T03:30:00.000+01:00`; `…Z` for UTC. */
export function instantFormatter(timeZone: string): (ms: number) => string {
  const offset = offsetLookup(timeZone);
  const wall = wallFormatter('T');
  if (timeZone === 'UTC') return (ms) => `${wall(ms)}Z`;
  return (ms) => {
    const o = offset(ms);
    return wall(ms + o * 60_000) + offsetText(o);
  };
}

/** The wall-clock time in the zone without an offset, as spreadsheets read it: `2024-03-31 03:30:00.000`. */
export function localTimeFormatter(timeZone: string): (ms: number) => string {
  const offset = offsetLookup(timeZone);
  const wall = wallFormatter(' ');
  return (ms) => wall(ms + offset(ms) * 60_000);
}
