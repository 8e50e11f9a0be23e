/*
 * Timestamps in text files: the emulator and the API write `2024-01-01T00:00:00.000Z`, a million
 * times per file, so that form is read digit by digit with the day cached; anything else ISO-like
 * goes through Date.parse (read as UTC when it names no offset); numbers are epoch milliseconds.
 */

export type TimestampParser = (value: unknown) => number;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

export function timestampParser(): TimestampParser {
  let dayText = '';
  let dayMs = 0;
  return (value) => {
    if (typeof value === 'number') return value;
    if (typeof value !== 'string') return NaN;
    const s = value;
    const n = s.length;
    if (n >= 20 && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(n - 1) === 90 /* Z */ && s.charCodeAt(19) !== 43) {
      if (s.slice(0, 10) !== dayText) {
        dayText = s.slice(0, 10);
        dayMs = Date.parse(`${dayText}T00:00:00Z`);
      }
      const h = two(s, 11);
      const m = two(s, 14);
      const sec = two(s, 17);
      let ms = 0;
      if (n > 21 && s.charCodeAt(19) === 46 /* . */) {
        // Fractions beyond milliseconds are kept as a fraction of a millisecond.
        const frac = s.slice(20, n - 1);
        ms = Number(`0.${frac}`) * 1000;
      }
      const t = dayMs + h * 3_600_000 + m * 60_000 + sec * 1000 + ms;
      if (h < 24 && m < 60 && sec < 61 && !Number.isNaN(t)) return t;
    }
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s.trim());
    return Date.parse(hasZone ? s : `${s.trim().replace(' ', 'T')}Z`);
  };
}
