/**
 * Times shown in a chosen zone (`local`, `UTC` or an IANA zone), with nothing but Intl. Reading
 * what the user typed is the contract's time-expressions module, shared with the command line.
 */
export const LOCAL_ZONE = 'local';

/** The IANA name behind `local`, or the zone itself. */
let localZone: string | null = null;
export function ianaZone(zone: string): string {
  // resolvedOptions() builds a formatter each time: read the machine's zone once.
  return zone === LOCAL_ZONE ? (localZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone) : zone;
}

/** Every zone the browser knows, UTC first. */
export function allTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  const iana = ianaZone(zone);
  let f = partsFormatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(iana, f);
  }
  return f;
}

/** The wall clock in `zone` at an instant. */
export function wallTimeAt(ms: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-26 14:05:00`: what the Start and End inputs show for an absolute time. */
export function formatWallTime(ms: number, zone: string, withSeconds = true): string {
  const w = wallTimeAt(ms, zone);
  const time = withSeconds ? `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` : `${pad(w.hour)}:${pad(w.minute)}`;
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${time}`;
}

const readableFormatters = new Map<string, Intl.DateTimeFormat>();

/** `Thu 26 Nov 2026, 14:05`: for summaries, axis labels and tables. Formatters are cached: building one costs far more than using it. */
export function formatReadable(ms: number, zone: string, opts: { seconds?: boolean; weekday?: boolean } = {}): string {
  const key = `${ianaZone(zone)}|${opts.seconds ? 1 : 0}|${opts.weekday ? 1 : 0}`;
  let f = readableFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: ianaZone(zone),
      hourCycle: 'h23',
      weekday: opts.weekday ? 'short' : undefined,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: opts.seconds ? '2-digit' : undefined,
    });
    readableFormatters.set(key, f);
  }
  return f.format(new Date(ms));
}

/** A zone's short name at an instant, e.g. `UTC`, `GMT+1`, `CET`. */
export function zoneAbbreviation(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ianaZone(zone), timeZoneName: 'short' }).formatToParts(new Date(ms));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? ianaZone(zone);
}
