import { wallTimeToInstant, zoneOffsetMinutes } from '../../../../src-preload/contract/time-expressions';
import { ianaZone } from '../../lib/zoned-time';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** Steps a reader counts in: seconds, minutes, hours of the clock, days. */
const STEPS = [
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  2 * D,
  7 * D,
  14 * D,
  28 * D,
];

/** Pixels a time label needs, with room around it. */
const LABEL_PX = 84;

/**
 * The time axis of a plot `plotWidth` pixels wide: ticks at round instants of the zone's wall clock
 * (every 6 hours, every day at midnight…) as many as fit, and labels as short as the step allows.
 * Given to recharts as explicit ticks, so it measures no label text.
 */
export function timeAxis(
  range: { start: number; end: number },
  zone: string,
  plotWidth: number,
): { ticks: number[]; format(ms: number): string } {
  const span = Math.max(range.end - range.start, 1);
  const fit = Math.max(2, Math.floor(plotWidth / LABEL_PX));
  const step = STEPS.find((s) => span / s <= fit) ?? Math.ceil(span / fit / D) * D;
  const tz = ianaZone(zone);
  const ticks: number[] = [];
  // Walk the wall clock (as if UTC), turning each round wall time back into an instant of the zone.
  const wallStart = range.start + zoneOffsetMinutes(range.start, tz) * M;
  for (let wall = Math.ceil(wallStart / step) * step; ticks.length < fit + 2; wall += step) {
    const t = wallTimeToInstant(wall, tz);
    if (t > range.end) break;
    if (t >= range.start && t !== ticks[ticks.length - 1]) ticks.push(t);
  }
  return { ticks, format: tickFormatter(step, span, tz) };
}

function tickFormatter(step: number, span: number, zone: string): (ms: number) => string {
  const f = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { ...opts, hourCycle: 'h23', timeZone: zone });
  const seconds = f({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const minutes = f({ hour: '2-digit', minute: '2-digit' });
  const day = f(span > 300 * D ? { day: 'numeric', month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' });
  const isMidnight = (ms: number) => (ms + zoneOffsetMinutes(ms, zone) * M) % D === 0;
  return (ms) => {
    if (step >= D || (step >= H && isMidnight(ms))) return day.format(new Date(ms));
    return (step < M ? seconds : minutes).format(new Date(ms));
  };
}
