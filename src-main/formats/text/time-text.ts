import { offsetLookup } from './zone-offset';

/*
 * Timestamps as text, written straight into bytes, a million per file: the date part is made once
 * per day (Date#toISOString, so every year prints as it always has) and the time of day by
 * arithmetic; the zone's offset is looked up when it may change, not per row.
 *   instant: ISO 8601 with the zone's offset, `2024-03-31T03:30:00.000+01:00`, `…Z` for UTC
 *   local:   the wall-clock time in the zone without an offset, as spreadsheets read it,
 *            `2024-03-31 03:30:00.000`
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Writes a timestamp at `pos` (the caller leaves MAX_TIME_BYTES of room); returns the end. */
export type TimeWriter = (out: Uint8Array, pos: number, ms: number) => number;

export const MAX_TIME_BYTES = 32;

const put2 = (out: Uint8Array, pos: number, n: number) => {
  out[pos] = 48 + ((n / 10) | 0);
  out[pos + 1] = 48 + (n % 10);
};

/** `YYYY-MM-DD` + `sep` + `HH:mm:ss.SSS` of a wall-clock time given as ms since the epoch. */
function wallWriter(sep: number): TimeWriter {
  let day = Number.NaN;
  const prefix = new Uint8Array(16);
  let prefixLen = 0;
  return (out, pos, wall) => {
    const d = Math.floor(wall / DAY);
    if (d !== day) {
      day = d;
      const text = new Date(d * DAY).toISOString().slice(0, 10);
      for (let i = 0; i < text.length; i++) prefix[i] = text.charCodeAt(i);
      prefix[text.length] = sep;
      prefixLen = text.length + 1;
    }
    for (let i = 0; i < prefixLen; i++) out[pos + i] = prefix[i]!;
    pos += prefixLen;
    // The same steps as the string formatter this replaces, so fractional ms print alike.
    let r = wall - d * DAY;
    const h = Math.floor(r / HOUR);
    r -= h * HOUR;
    const m = Math.floor(r / 60_000);
    r -= m * 60_000;
    const s = Math.floor(r / 1000);
    const ms = Math.floor(r - s * 1000);
    put2(out, pos, h);
    out[pos + 2] = 58;
    put2(out, pos + 3, m);
    out[pos + 5] = 58;
    put2(out, pos + 6, s);
    out[pos + 8] = 46;
    out[pos + 9] = 48 + ((ms / 100) | 0);
    put2(out, pos + 10, ms % 100);
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
    out[pos] = o < 0 ? 45 : 43;
    put2(out, pos + 1, Math.floor(a / 60));
    out[pos + 3] = 58;
    put2(out, pos + 4, a % 60);
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
