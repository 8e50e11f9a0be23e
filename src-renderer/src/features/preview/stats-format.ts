import { formatWallTime } from '../../lib/zoned-time';

/*
 * The Statistics table's numbers and times, compact so that its ten columns fit a preview panel
 * beside both side panels (about 730 px on a 1440-px window): values to 4 significant digits,
 * counts of 100,000 and more as 1.23M, and times without their date when every time of the table
 * falls on one day (the day is said once, above). Each cell keeps the full value as its title.
 */

const value = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const fullValue = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 10 });
const count = new Intl.NumberFormat('en-US');
const shortCount = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

export interface Compact {
  text: string;
  /** The exact value, for the cell's title. */
  full: string;
}

export const compactValue = (v: number | null): Compact =>
  v === null ? { text: '–', full: 'no value' } : { text: value.format(v), full: fullValue.format(v) };

export const compactCount = (n: number): Compact => ({
  text: n >= 100_000 ? shortCount.format(n) : count.format(n),
  full: count.format(n),
});

/** The one day every given time falls on (in `zone`), or null when they span more than one. */
export function sharedDay(times: (number | null)[], zone: string): string | null {
  let day: string | null = null;
  for (const t of times) {
    if (t === null) continue;
    const d = formatWallTime(t, zone).split(' ')[0]!;
    if (day !== null && d !== day) return null;
    day = d;
  }
  return day;
}

/** A time as the table shows it: `05:59:59` when the table's day is said above, else date and time. */
export function tableTime(ms: number, zone: string, day: string | null): { date: string | null; time: string; full: string } {
  const full = formatWallTime(ms, zone);
  const [date, time] = full.split(' ') as [string, string];
  return { date: day === date ? null : date, time, full };
}
