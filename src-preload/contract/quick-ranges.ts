/*
 * Grafana's quick ranges, each stored as its own expressions (Grafana's `rangeOptions`), so that a
 * selection or recipe picked as "Yesterday" is yesterday whenever it is opened or run. A rounded
 * end goes to the end of its unit (time-expressions.ts): `now-1d/d` .. `now-1d/d` is all of yesterday.
 */

export type QuickRangeGroup = 'Relative' | 'Days' | 'Weeks' | 'Months' | 'Years';

export interface QuickRange {
  label: string;
  start: string;
  end: string;
  group: QuickRangeGroup;
}

const last = (label: string, start: string): QuickRange => ({ label, start, end: 'now', group: 'Relative' });
const range = (group: QuickRangeGroup, label: string, start: string, end: string): QuickRange => ({ label, start, end, group });

export const QUICK_RANGES: readonly QuickRange[] = [
  last('Last 5 minutes', 'now-5m'),
  last('Last 15 minutes', 'now-15m'),
  last('Last 30 minutes', 'now-30m'),
  last('Last 1 hour', 'now-1h'),
  last('Last 3 hours', 'now-3h'),
  last('Last 6 hours', 'now-6h'),
  last('Last 12 hours', 'now-12h'),
  last('Last 24 hours', 'now-24h'),
  last('Last 2 days', 'now-2d'),
  last('Last 7 days', 'now-7d'),
  last('Last 30 days', 'now-30d'),
  last('Last 90 days', 'now-90d'),
  last('Last 6 months', 'now-6M'),
  last('Last 1 year', 'now-1y'),
  last('Last 2 years', 'now-2y'),
  last('Last 5 years', 'now-5y'),
  range('Days', 'Today', 'now/d', 'now/d'),
  range('Days', 'Today so far', 'now/d', 'now'),
  range('Days', 'Yesterday', 'now-1d/d', 'now-1d/d'),
  range('Days', 'Day before yesterday', 'now-2d/d', 'now-2d/d'),
  range('Days', 'This day last week', 'now-7d/d', 'now-7d/d'),
  range('Weeks', 'This week', 'now/w', 'now/w'),
  range('Weeks', 'This week so far', 'now/w', 'now'),
  range('Weeks', 'Previous week', 'now-1w/w', 'now-1w/w'),
  range('Months', 'This month', 'now/M', 'now/M'),
  range('Months', 'This month so far', 'now/M', 'now'),
  range('Months', 'Previous month', 'now-1M/M', 'now-1M/M'),
  range('Years', 'This year', 'now/y', 'now/y'),
  range('Years', 'This year so far', 'now/y', 'now'),
  range('Years', 'Previous year', 'now-1y/y', 'now-1y/y'),
];

/** The quick range a window's texts are, if any (spaces around them aside). */
export const quickRangeOf = (w: { start: string; end: string }): QuickRange | undefined =>
  QUICK_RANGES.find((q) => q.start === w.start.trim() && q.end === w.end.trim());
