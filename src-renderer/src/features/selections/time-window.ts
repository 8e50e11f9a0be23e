/**
 * The time window as the user writes it (`now-6h`, `now-1d/d`, an absolute time in the chosen
 * zone) and as the export needs it: two absolute instants, half-open. Reading is the contract's
 * time-expressions module, so the window and the command line agree on what a window means.
 */
import { QUICK_RANGES, quickRangeOf, type QuickRange, type QuickRangeGroup } from '../../../../src-preload/contract/quick-ranges';
import { isPlainTime, resolveTime as resolveBound, resolveWindow, type WeekStart } from '../../../../src-preload/contract/time-expressions';
import { formatDuration } from '../../lib/format';
import { formatReadable, ianaZone, zoneAbbreviation } from '../../lib/zoned-time';

export interface WindowText {
  start: string;
  end: string;
  timeZone: string;
}

/** Grafana's quick ranges in its groups, for the picker's list. */
export const QUICK_RANGE_GROUPS: { group: QuickRangeGroup; ranges: QuickRange[] }[] = [...new Set(QUICK_RANGES.map((q) => q.group))].map(
  (group) => ({ group, ranges: QUICK_RANGES.filter((q) => q.group === group) }),
);

/** The quick range the inputs hold, if any: it is the expressions themselves, so no clock is needed. */
export const activeQuickRange = (w: Pick<WindowText, 'start' | 'end'>): QuickRange | undefined => quickRangeOf(w);

const EMPTY = 'Enter a time, e.g. now-6h, now-1d/d or 2026-11-26 08:00';

export type TimeResult = { ok: true; ms: number; plain: boolean } | { ok: false; message: string };

/** One input's text read in `zone` as a start: `plain` when it is one fixed time with no steps (the picker may rewrite it in another zone). */
export function resolveTime(text: string, zone: string, nowMs: number, weekStart?: WeekStart): TimeResult {
  if (!text.trim()) return { ok: false, message: EMPTY };
  const r = resolveBound(text, { now: nowMs, timeZone: zone, weekStart });
  return r.ok ? { ok: true, ms: r.ms, plain: isPlainTime(text) } : { ok: false, message: r.message };
}

export type WindowReading = { ok: true; start: string; end: string } | { ok: false; errors: Partial<Record<'start' | 'end', string>> };

/**
 * The window as the export needs it (ISO instants, the end exclusive), or each input's problem.
 * The reading and its rules are the contract's `resolveWindow` (shared with the command line);
 * the window only asks for an input left empty.
 */
export function readWindow(w: WindowText, nowMs: number = Date.now(), weekStart?: WeekStart): WindowReading {
  const errors: Partial<Record<'start' | 'end', string>> = {};
  if (!w.start.trim()) errors.start = EMPTY;
  if (!w.end.trim()) errors.end = EMPTY;
  if (errors.start || errors.end) return { ok: false, errors };
  const r = resolveWindow({ ...w, weekStart }, nowMs);
  if (r.ok) return r;
  for (const issue of r.issues) errors[issue.path] ??= issue.message;
  return { ok: false, errors };
}

/** "Yesterday: Wed, 25 Nov 2026, 00:00 → Thu, 26 Nov 2026, 00:00 (UTC), 1 day": the end is the first instant not in the window. */
export function describeWindow(w: WindowText, nowMs: number, weekStart?: WeekStart): string {
  const r = readWindow(w, nowMs, weekStart);
  if (!r.ok) return 'The window is not complete yet.';
  const [start, end] = [Date.parse(r.start), Date.parse(r.end)];
  const quick = activeQuickRange(w);
  const zoneName = w.timeZone === 'local' ? `${zoneAbbreviation(end, w.timeZone)}, local` : ianaZone(w.timeZone);
  const span = `${formatReadable(start, w.timeZone, { weekday: true })} → ${formatReadable(end, w.timeZone, { weekday: true })} (${zoneName})`;
  return `${quick ? `${quick.label}: ` : ''}${span}, ${formatDuration(end - start)}`;
}
