/*
 * Times as people write them: `now`, `now-24h`, `now-7d+6h`, or ISO 8601 (`2024-03-01T06:00Z`, or
 * without an offset, read in a chosen zone). Pure (only Intl), so the window and the command line
 * resolve a window the same way.
 */

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export type TimeParse = { ok: true; ms: number } | { ok: false; message: string };

const RELATIVE = /^now((?:\s*[+-]\s*\d+\s*[smhdw])*)$/i;
const STEP = /([+-])\s*(\d+)\s*([smhdw])/gi;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (`UTC`, `Europe/Lisbon`...). `local` is the machine's zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone === 'local') return true;
  try {
    wallFormatter(timeZone);
    return true;
  } catch {
    // Intl throws for a zone it does not know: that is the answer.
    return false;
  }
}

/** The machine's zone as an IANA name. */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const zoneName = (tz: string) => (tz === 'local' ? localTimeZone() : tz);

/** The zone's offset from UTC at an instant, in minutes (Lisbon in summer: 60). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const tz = zoneName(timeZone);
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  const parts = wallFormatter(tz).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wall - whole) / 60_000);
}

/**
 * The instant a wall-clock time in a zone names. In the autumn hour that repeats, the earlier one;
 * in the spring hour that does not exist, read with the offset before the change (as Temporal does).
 */
export function wallTimeToInstant(wallMs: number, timeZone: string): number {
  const before = zoneOffsetMinutes(wallMs - 86_400_000, timeZone);
  const after = zoneOffsetMinutes(wallMs + 86_400_000, timeZone);
  const valid = [wallMs - before * 60_000, wallMs - after * 60_000].filter((t) => t + zoneOffsetMinutes(t, timeZone) * 60_000 === wallMs);
  return valid.length ? Math.min(...valid) : wallMs - before * 60_000;
}

/** Reads one time expression. `timeZone` applies to ISO times written without an offset. */
export function parseTimeExpression(text: string, now: number, timeZone = 'UTC'): TimeParse {
  const input = text.trim();
  const rel = RELATIVE.exec(input);
  if (rel) {
    let ms = now;
    for (const [, sign, n, unit] of (rel[1] ?? '').matchAll(STEP)) {
      ms += (sign === '-' ? -1 : 1) * Number(n) * UNIT_MS[unit!.toLowerCase()]!;
    }
    return { ok: true, ms };
  }
  if (ISO_WITH_OFFSET.test(input)) {
    const ms = Date.parse(input);
    return Number.isNaN(ms) ? { ok: false, message: `"${input}" is not a real date and time` } : { ok: true, ms };
  }
  const local = ISO_LOCAL.exec(input);
  if (local) {
    if (!isValidTimeZone(timeZone)) return { ok: false, message: `Unknown time zone "${timeZone}"` };
    const [y, mo, d, h, mi, s, frac] = local.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
    const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, frac ? Number(local[7]!.padEnd(3, '0')) : 0);
    const check = new Date(wall);
    if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) {
      return { ok: false, message: `"${input}" is not a real date and time` };
    }
    return { ok: true, ms: wallTimeToInstant(wall, timeZone) };
  }
  return { ok: false, message: `"${input}" is not a time: use ISO 8601 (2024-03-01T06:00Z) or now, now-24h, now-7d` };
}

/** The one rule of a window, said the same wherever it is checked (here, and the contract's TimeWindow). */
export const END_AFTER_START = 'End must be after start';

export type WindowParse = { ok: true; start: string; end: string } | { ok: false; issues: { path: 'start' | 'end'; message: string }[] };

/** Resolves a window as written to absolute ISO instants (UTC), checking that end is after start. */
export function resolveWindow(input: { start: string; end?: string; timeZone?: string }, now: number): WindowParse {
  const tz = input.timeZone ?? 'UTC';
  const start = parseTimeExpression(input.start, now, tz);
  const end = parseTimeExpression(input.end ?? 'now', now, tz);
  const issues: { path: 'start' | 'end'; message: string }[] = [];
  if (!start.ok) issues.push({ path: 'start', message: start.message });
  if (!end.ok) issues.push({ path: 'end', message: end.message });
  if (start.ok && end.ok && end.ms <= start.ms) issues.push({ path: 'end', message: END_AFTER_START });
  if (!start.ok || !end.ok || issues.length) return { ok: false, issues };
  return { ok: true, start: new Date(start.ms).toISOString(), end: new Date(end.ms).toISOString() };
}

/** Whether a written time moves with the clock (`now-24h`), so a saved selection stays relative. */
export const isRelativeTime = (text: string) => RELATIVE.test(text.trim());
