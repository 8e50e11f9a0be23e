import { ianaZone } from '../../lib/zoned-time';

/** Axis labels in the window's zone, as short as the visible span allows. */
export function timeTickFormatter(spanMs: number, zone: string): (ms: number) => string {
  const opts: Intl.DateTimeFormatOptions =
    spanMs <= 2 * 60_000
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : spanMs <= 36 * 3_600_000
        ? { hour: '2-digit', minute: '2-digit' }
        : spanMs <= 120 * 86_400_000
          ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
          : { day: 'numeric', month: 'short', year: 'numeric' };
  const f = new Intl.DateTimeFormat('en-GB', { ...opts, hourCycle: 'h23', timeZone: ianaZone(zone) });
  return (ms: number) => f.format(new Date(ms));
}
