import { offsetLookup } from './zone-offset';

/*
 * Timestamps as text, written straight into bytes, a million per file: the date part is made once
 * per day (Date#toISOString, so every year prints as it always has) and the time of day by
 * arithmetic; the zone's offset is looked up when it may change, not per row.
 *   instant: ISO 8601 with the zone's offset, `2024-03-31T03:30:00.000+01:00`, `…Z` for UTC
 *   local:   the wall-clock time in the zone without an offset, as spreadsheets read it,
 *            `2024-03-31 03:30:00.000`
 */

const DAY = 86_400_000;

/** Writes a timestamp at `pos` (the caller leaves MAX_TIME_BYTES of room); returns the end. */
export type TimeWriter = (out: Uint8Array, pos: number, ms: number) => number;

export const MAX_TIME_BYTES = 32;

const DIGITS2 = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGITS2[2 * i] = 48 + Math.floor(i / 10);
  DIGITS2[2 * i + 1] = 48 + (i % 10);
}

/** Two digits of 0 <= n < 100. */
const put2 = (out: Uint8Array, pos: number, n: number) => {
  out[pos] = DIGITS2[2 * n]!;
  out[pos + 1] = DIGITS2[2 * n + 1]!;
};

/** `YYYY-MM-DD` + `sep` + `HH:mm:ss.SSS` of a wall-clock time given as ms since the epoch. */
function wallWriter(sep: number): TimeWriter {
  let dayStart = Number.NaN;
  let dayEnd = Number.NaN;
  const prefix = new Uint8Array(16);
  let prefixLen = 0;
  return (out, pos, wall) => {
    if (!(wall >= dayStart && wall < dayEnd)) {
      const d = Math.floor(wall / DAY);
      dayStart = d * DAY;
      dayEnd = dayStart + DAY;
      const text = new Date(dayStart).toISOString().slice(0, 10);
      for (let i = 0; i < text.length; i++) prefix[i] = text.charCodeAt(i);
      prefix[text.length] = sep;
      prefixLen = text.length + 1;
    }
    for (let i = 0; i < prefixLen; i++) out[pos + i] = prefix[i]!;
    pos += prefixLen;
    // Whole milliseconds of the day as an int32 (a fraction of a millisecond is dropped, as the
    // string writer's floors did); integer divisions by constants from here.
    let r = Math.floor(wall - dayStart) | 0;
    const h = (r / 3_600_000) | 0;
    r -= h * 3_600_000;
    const m = (r / 60_000) | 0;
    r -= m * 60_000;
    const s = (r / 1000) | 0;
    const ms = r - s * 1000;
    put2(out, pos, h);
    out[pos + 2] = 58;
    put2(out, pos + 3, m);
    out[pos + 5] = 58;
    put2(out, pos + 6, s);
    out[pos + 8] = 46;
    const hundreds = (ms / 100) | 0;
    out[pos + 9] = 48 + hundreds;
    put2(out, pos + 10, ms - hundreds * 100);
    return pos + 12;
  };
}

/** ISO 8601 with the zone's offset; `Z` for UTC. */
export function instantWriter(timeZone: string): TimeWriter {
  const wall = wallWriter(84 /* T */);
  if (timeZone === 'UTC') {
    return (out, pos, ms) => {
      pos = wall(out, pos, ms);
      out[pos] = 90; // Z
      return pos + 1;
    };
  }
  const offset = offsetLookup(timeZone);
  return (out, pos, ms) => {
    const o = offset(ms);
    pos = wall(out, pos, ms + o * 60_000);
    const a = Math.abs(o);
    const oh = Math.floor(a / 60);
    out[pos] = o < 0 ? 45 : 43;
    put2(out, pos + 1, oh);
    out[pos + 3] = 58;
    put2(out, pos + 4, a - oh * 60);
    return pos + 6;
  };
}

/** The wall-clock time in the zone, without an offset. */
export function localTimeWriter(timeZone: string): TimeWriter {
  const wall = wallWriter(32 /* space */);
  const offset = offsetLookup(timeZone);
  return (out, pos, ms) => wall(out, pos, ms + offset(ms) * 60_000);
}

function asString(write: TimeWriter): (ms: number) => string {
  const buf = Buffer.alloc(MAX_TIME_BYTES);
  return (ms) => buf.toString('latin1', 0, write(buf, 0, ms));
}

/** `2024-03-31T03:30:00.000+01:00` (`…Z` for UTC) as a string. */
export const instantFormatter = (timeZone: string) => asString(instantWriter(timeZone));

/** `2024-03-31 03:30:00.000` as a string. */
export const localTimeFormatter = (timeZone: string) => asString(localTimeWriter(timeZone));

/** `YYYY-MM-DDTHH:mm:ss.sssZ`: what Date#toISOString gives for years 0000-9999. */
export const isoFormatter = () => instantFormatter('UTC');
