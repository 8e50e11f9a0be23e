/**
 * The time window as the user writes it (`now-6h`, or an absolute time in the chosen zone) and as
 * the export needs it: two absolute instants. Reading is the contract's time-expressions module,
 * so the window and the command line agree on what a window means.
 */
import { isRelativeTime, parseTimeExpression, resolveWindow } from '../../../../src-preload/contract/time-expressions';
import { formatDuration } from '../../lib/format';
import { formatReadable, formatWallTime, ianaZone, startOfDay, zoneAbbreviation } from '../../lib/zoned-time';

export interface QuickRange {
  label: string;
  /** The inputs' texts for this range, at this clock and in this zone. */
  texts(nowMs: number, zone: string): { start: string; end: string };
}

const relative = (label: string, start: string): QuickRange => ({ label, texts: () => ({ start, end: 'now' }) });

/**
 * Grafana's quick ranges. "Today" and "Yesterday" are calendar days of the chosen zone, written as
 * absolute times (the shared expression language has no rounding to midnight).
 */
export const QUICK_RANGES: QuickRange[] = [
  relative('Last hour', 'now-1h'),
  relative('Last 24 hours', 'now-24h'),
  relative('Last 7 days', 'now-7d'),
  relative('Last 30 days', 'now-30d'),
  { label: 'Today', texts: (now, zone) => ({ start: formatWallTime(startOfDay(now, zone), zone), end: 'now' }) },
  {
    label: 'Yesterday',
    texts: (now, zone) => {
      const today = startOfDay(now, zone);
      // Noon before midnight is always yesterday, even across a daylight-saving change.
      return { start: formatWallTime(startOfDay(today - 12 * 3_600_000, zone), zone), end: formatWallTime(today, zone) };
    },
  },
];

/** The quick range the inputs currently hold, if any. */
export function activeQuickRange(w: WindowText, nowMs: number): QuickRange | undefined {
  return QUICK_RANGES.find((q) => {
    const t = q.texts(nowMs, w.timeZone);
    return t.start === w.start.trim() && t.end === w.end.trim();
  });
}

const EMPTY = 'Enter a time, e.g. now-6h or 2026-11-26 08:00';

export type TimeResult = { ok: true; ms: number; relative: boolean } | { ok: false; message: string };

/** One input's text read in `zone`: a relative expression or an absolute time. */
export function resolveTime(text: string, zone: string, nowMs: number): TimeResult {
  if (!text.trim()) return { ok: false, message: EMPTY };
  const r = parseTimeExpression(text, nowMs, zone);
  return r.ok ? { ok: true, ms: r.ms, relative: isRelativeTime(text) } : r;
}

export interface WindowText {
  start: string;
  end: string;
  timeZone: string;
}

export type WindowReading = { ok: true; start: string; end: string } | { ok: false; errors: Partial<Record<'start' | 'end', string>> };

/**
 * The window as the export needs it (ISO instants), or each input's problem. The reading and its
 * rules are the contract's `resolveWindow` (shared with the command line); the window only asks
 * for an input left empty.
 */
export function readWindow(w: WindowText, nowMs: number = Date.now()): WindowReading {
  const errors: Partial<Record<'start' | 'end', string>> = {};
  if (!w.start.trim()) errors.start = EMPTY;
  if (!w.end.trim()) errors.end = EMPTY;
  if (errors.start || errors.end) return { ok: false, errors };
  const r = resolveWindow(w, nowMs);
  if (r.ok) return r;
  for (const issue of r.issues) errors[issue.path] ??= issue.message;
  return { ok: false, errors };
}

/** "Last 24 hours: Wed, 25 Nov 2026, 12:34 → Thu, 26 Nov 2026, 12:34 (UTC), 1 day". */
export function describeWindow(w: WindowText, nowMs: number): string {
  const r = readWindow(w, nowMs);
  if (!r.ok) return 'The window is not complete yet.';
  const [start, end] = [Date.parse(r.start), Date.parse(r.end)];
  const quick = activeQuickRange(w, nowMs);
  const zoneName = w.timeZone === 'local' ? `${zoneAbbreviation(end, w.timeZone)}, local` : ianaZone(w.timeZone);
  const span = `${formatReadable(start, w.timeZone, { weekday: true })} → ${formatReadable(end, w.timeZone, { weekday: true })} (${zoneName})`;
  return `${quick ? `${quick.label}: ` : ''}${span}, ${formatDuration(end - start)}`;
}
