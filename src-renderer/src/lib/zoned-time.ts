/**
 * Times shown and typed in a chosen zone (`local`, `UTC` or an IANA zone), with nothing but Intl:
 * the window must read "2026-03-29 02:30" in Europe/Lisbon the way a plant engineer there means it.
 */

export const LOCAL_ZONE = 'local';

/** The IANA name behind `local`, or the zone itself. */
export function ianaZone(zone: string): string {
  return zone === LOCAL_ZONE ? Intl.DateTimeFormat().resolvedOptions().timeZone : zone;
}

/** Every zone the browser knows, UTC first. */
export function allTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

export function isKnownZone(zone: string): boolean {
  if (zone === LOCAL_ZONE) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
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

/** How far `zone` is ahead of UTC at an instant, in ms. */
export function zoneOffsetMs(ms: number, zone: string): number {
  const w = wallTimeAt(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  return asUtc - ms;
}

/**
 * The instant a wall-clock time in `zone` names. In a spring-forward gap the time is read with the
 * offset before the change (02:30 becomes 03:30); in a fall-back overlap the earlier instant wins.
 */
export function instantOfWallTime(w: WallTime, zone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  const before = asUtc - zoneOffsetMs(asUtc - 86_400_000, zone);
  const candidates = [asUtc - zoneOffsetMs(asUtc, zone), before, asUtc - zoneOffsetMs(before, zone)];
  const exact = candidates.filter((c) => {
    const back = wallTimeAt(c, zone);
    return Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute, back.second, back.millisecond) === asUtc;
  });
  if (exact.length > 0) return Math.min(...exact);
  return before;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-26 14:05:00`: what the Start and End inputs show for an absolute time. */
export function formatWallTime(ms: number, zone: string, withSeconds = true): string {
  const w = wallTimeAt(ms, zone);
  const time = withSeconds ? `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` : `${pad(w.hour)}:${pad(w.minute)}`;
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${time}`;
}

/** `Thu 26 Nov 2026, 14:05`: for summaries, axis labels and tables. */
export function formatReadable(ms: number, zone: string, opts: { seconds?: boolean; weekday?: boolean } = {}): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: ianaZone(zone),
    hourCycle: 'h23',
    weekday: opts.weekday ? 'short' : undefined,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: opts.seconds ? '2-digit' : undefined,
  }).format(new Date(ms));
}

/** A zone's short name at an instant, e.g. `UTC`, `GMT+1`, `CET`. */
export function zoneAbbreviation(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ianaZone(zone), timeZoneName: 'short' }).formatToParts(new Date(ms));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? ianaZone(zone);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An absolute time as typed: `2026-11-26`, `2026-11-26 14:05`, `2026-11-26T14:05:30` (read in `zone`)
 * or a full ISO instant with `Z` / an offset (read as is). Null when it is none of these.
 */
export function parseAbsolute(text: string, zone: string): number | null {
  const t = text.trim();
  if (HAS_OFFSET.test(t) && t.includes('T')) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : ms;
  }
  const m = WALL.exec(t);
  if (!m) return null;
  const w: WallTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? '0').padEnd(3, '0')),
  };
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > 31 || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  // Reject 2026-02-31 rather than roll it into March.
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (check.getUTCDate() !== w.day) return null;
  return instantOfWallTime(w, zone);
}

/** Midnight of the day `ms` falls on, in `zone`. */
export function startOfDay(ms: number, zone: string): number {
  const w = wallTimeAt(ms, zone);
  return instantOfWallTime({ ...w, hour: 0, minute: 0, second: 0, millisecond: 0 }, zone);
}

/** ISO 8601 with `Z`, as the contract's TimeWindow wants. */
export const toIso = (ms: number) => new Date(ms).toISOString();
