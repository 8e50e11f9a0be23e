/*
 * ISO 8601 instants as the sync endpoint takes them: `2021-09-01T00:00:00.000Z`, with or without
 * seconds and fractions, with `Z` or an offset; a bare date is midnight UTC, and a time without a
 * zone is read as UTC (never as the server's local time, which would make files depend on where
 * the emulator runs). Date.parse alone accepts too much ("2021-09-01 junk" in some engines, local
 * times), so the shape is checked first and the calendar afterwards (no 31 February).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Epoch ms (fractions below 1 ms truncated), or null if not an ISO 8601 date/date-time. */
export function parseIsoInstant(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  // Invalid days roll over (31 February becomes 3 March): reject dates that did not survive.
  if (date.getUTCDate() !== day) return null;
  return date.getTime() - offsetMs(zone);
}

function offsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}
