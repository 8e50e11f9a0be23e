/*
 * Timestamps in text files, read from bytes into epoch milliseconds. The API writes
 * `2024-01-01T00:00:00.000Z` a million times per file: that form (and the same with a `+01:00`
 * offset, as our converted files have) is read digit by digit with the day cached. Any other ISO
 * 8601 date-time goes through a strict pattern; a time without an offset is UTC. Calendar
 * arithmetic, not Date: Date.parse is lenient in ways that differ between engines, and reads
 * years 0-99 as 1900-1999.
 */

const DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const daysIn = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** Epoch ms of a calendar day, or NaN when the date does not exist. */
export function dayMs(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return Number.NaN;
  return daysFromCivil(y, m, d) * DAY;
}

/** Fraction digits after the seconds: milliseconds, finer digits kept as a fraction of one. */
function fractionMs(frac: string): number {
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  return frac.length > 3 ? ms + Number(`0.${frac.slice(3)}`) : ms;
}

/** An ISO 8601 date-time (or date) as epoch ms; NaN when it is not one. */
export function parseIsoTime(text: string): number {
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const day = dayMs(Number(m[1]), Number(m[2]), Number(m[3]));
  const h = m[4] ? Number(m[4]) : 0;
  const min = m[5] ? Number(m[5]) : 0;
  const s = m[6] ? Number(m[6]) : 0;
  if (h > 23 || min > 59 || s > 59) return Number.NaN;
  let offset = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = m[11] ? Number(m[11]) : 0;
    if (oh > 23 || om > 59) return Number.NaN;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return day + h * 3_600_000 + min * 60_000 + s * 1000 + (m[7] ? fractionMs(m[7]) : 0) - offset * 60_000;
}

/** A reader of timestamps from bytes, caching the day across calls (rows come in order). */
export function timeReader(): (b: Uint8Array, from: number, to: number) => number {
  let dayKey = -1;
  let dayStart = 0;
  const d = (b: Uint8Array, i: number) => {
    const c = b[i]! - 48;
    return c >= 0 && c <= 9 ? c : Number.NaN; // a non-digit makes the result NaN
  };
  const two = (b: Uint8Array, i: number) => d(b, i) * 10 + d(b, i + 1);
  return (b, from, to) => {
    const len = to - from;
    // YYYY-MM-DDTHH:mm:ss.sssZ or YYYY-MM-DDTHH:mm:ss.sss+HH:MM
    if (
      (len === 24 || len === 29) &&
      b[from + 4] === 45 &&
      b[from + 7] === 45 &&
      b[from + 10] === 84 &&
      b[from + 13] === 58 &&
      b[from + 16] === 58 &&
      b[from + 19] === 46
    ) {
      let offset = 0;
      if (len === 24) {
        if (b[from + 23] !== 90) return slow(b, from, to);
      } else {
        const sign = b[from + 23];
        if ((sign !== 43 && sign !== 45) || b[from + 26] !== 58) return slow(b, from, to);
        const oh = two(b, from + 24);
        const om = two(b, from + 27);
        if (oh > 23 || om > 59) return Number.NaN;
        offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
      }
      const key = two(b, from) * 1_000_000 + two(b, from + 2) * 10_000 + two(b, from + 5) * 100 + two(b, from + 8);
      if (key !== dayKey) {
        if (Number.isNaN(key)) return Number.NaN;
        dayStart = dayMs(Math.floor(key / 10_000), Math.floor(key / 100) % 100, key % 100);
        if (Number.isNaN(dayStart)) return Number.NaN;
        dayKey = key;
      }
      const h = two(b, from + 11);
      const min = two(b, from + 14);
      const s = two(b, from + 17);
      const ms = d(b, from + 20) * 100 + d(b, from + 21) * 10 + d(b, from + 22);
      if (h > 23 || min > 59 || s > 59) return Number.NaN;
      return dayStart + h * 3_600_000 + min * 60_000 + s * 1000 + ms - offset * 60_000;
    }
    return slow(b, from, to);
  };
}

function slow(b: Uint8Array, from: number, to: number): number {
  if (to - from > 64) return Number.NaN;
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return parseIsoTime(s);
}

// Epoch milliseconds from 1973 to 5138: outside, a number is seconds, microseconds or nanoseconds
// (1740787200 is 2025 in seconds and 1970-01-21 in ms): refused rather than read 1000 times wrong.
const PLAUSIBLE_MS = [1e11, 1e14] as const;

/** A timestamp given as a number: epoch milliseconds when plausible, else NaN. */
export const epochMs = (v: number): number => (v >= PLAUSIBLE_MS[0] && v <= PLAUSIBLE_MS[1] ? v : Number.NaN);

const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;

/** A timestamp's text: ISO 8601 (an offset, or UTC without one), or epoch milliseconds; NaN when neither. */
export function parseTimeText(text: string): number {
  const t = parseIsoTime(text);
  if (t === t || !EPOCH.test(text)) return t;
  return epochMs(Number(text));
}

/** What a timestamp may be, for messages. */
export const TIME_FORMS = 'a date and time (ISO 8601, or epoch milliseconds of 1973 to 5138)';
