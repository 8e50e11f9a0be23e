/*
 * Times as people write them, Grafana's language and a step past it, resolved the same way by the
 * window, the command line, recipes and schedules (pure: only Intl):
 *
 *   now, now-24h, now-7d+6h        steps of s m h d w M y (M months, m minutes)
 *   now/d, now-1d/d, now/w+8h      "/u" rounds to the start of the unit, anywhere in the expression
 *   2024-03-01T06:00Z, 2024-03-01  ISO 8601; without an offset, read in the window's zone
 *   2024-03-01T00:00Z||+1M/d       an ISO anchor followed by steps, as Elasticsearch writes it
 *
 * Days, weeks, months and years follow the wall clock of the zone (time-calendar.ts). At a
 * window's end rounding goes to the end of the unit, as Grafana's `roundUp` does, so that
 * `now-1d/d` .. `now-1d/d` is all of yesterday. Our windows are half-open, [start, end): a rounded
 * end resolves to the first instant of the next unit, which is Grafana's inclusive 23:59:59.999
 * plus 1 ms.
 */
import { addUnits, DEFAULT_WEEK_START, endOfUnit, startOfUnit, type TimeCalendar, type WeekStart } from './time-calendar';
import { readTimeExpression, type TimeExpression } from './time-syntax';
import { isValidTimeZone, utcOf, wallTimeToInstant } from './time-zone';

export { isValidTimeZone, localTimeZone, wallTimeToInstant, zoneOffsetMinutes } from './time-zone';
export { DEFAULT_WEEK_START, WeekStart } from './time-calendar';
export { readTimeExpression } from './time-syntax';

/** The clock and the calendar an expression is read against. */
export interface TimeContext {
  /** The instant `now` stands for (the CLI's `--now`, a schedule's run time). */
  now: number;
  /** `UTC` (default), `local`, or an IANA zone: where days start and where ISO times without an offset are read. */
  timeZone?: string;
  weekStart?: WeekStart;
}

/** A resolved instant, or what is wrong with the 0-based position of the character at fault (none for a bad zone). */
export type TimeParse = { ok: true; ms: number } | { ok: false; message: string; position?: number };

/** Which side of a window a time is: an end's rounding goes to the end of its unit. */
export type WindowBound = 'start' | 'end';

const FIRST = utcOf(1, 1, 1);
const LAST = utcOf(10_000, 1, 1) - 1;

/**
 * Grafana's own reading of an expression (its `dateMath.parse(text, roundUp)`): with `roundUp`,
 * each `/u` goes to the last millisecond of the unit (`now/d` is 23:59:59.999 of today).
 * `rounded` says whether there was any rounding.
 */
export function evaluateTimeExpression(
  text: string,
  context: TimeContext,
  roundUp = false,
): { ok: true; ms: number; rounded: boolean } | Extract<TimeParse, { ok: false }> {
  const syntax = readTimeExpression(text);
  if (!syntax.ok) return { ok: false, ...syntax.error };
  const timeZone = context.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) return { ok: false, message: `Unknown time zone "${timeZone}"` };
  return evaluate(syntax.expression, context.now, { timeZone, weekStart: context.weekStart ?? DEFAULT_WEEK_START }, roundUp, text);
}

function evaluate(e: TimeExpression, now: number, cal: TimeCalendar, roundUp: boolean, text: string) {
  const { anchor } = e;
  let ms = anchor.kind === 'now' ? now : anchor.kind === 'instant' ? anchor.ms : wallTimeToInstant(anchor.wall, cal.timeZone);
  const outside = (at: number) => ({
    ok: false as const,
    message: `"${text.trim()}" is outside the years 1 to 9999 at position ${at}`,
    position: at,
  });
  if (!(ms >= FIRST && ms <= LAST)) return outside(text.length - text.trimStart().length);
  for (const step of e.steps) {
    if (step.op === 'add') ms = addUnits(ms, step.amount, step.unit, cal);
    else ms = roundUp ? endOfUnit(ms, step.unit, cal) - 1 : startOfUnit(ms, step.unit, cal);
    if (!(ms >= FIRST && ms <= LAST)) return outside(step.at);
  }
  return { ok: true as const, ms, rounded: e.steps.some((s) => s.op === 'round') };
}

/**
 * One bound of a half-open window. A start rounds down; an end rounds up to the first instant of
 * the next unit (Grafana's inclusive end + 1 ms), so the window holds every instant of the unit.
 */
export function resolveTime(text: string, context: TimeContext, bound: WindowBound = 'start'): TimeParse {
  const r = evaluateTimeExpression(text, context, bound === 'end');
  if (!r.ok) return r;
  return { ok: true, ms: bound === 'end' && r.rounded ? r.ms + 1 : r.ms };
}

/** Reads one time expression as a window's start. `timeZone` applies to ISO times without an offset and to calendar steps. */
export function parseTimeExpression(text: string, now: number, timeZone = 'UTC', weekStart?: WeekStart): TimeParse {
  return resolveTime(text, { now, timeZone, weekStart }, 'start');
}

/** The one rule of a window, said the same wherever it is checked (here, and the contract's TimeWindow). */
export const END_AFTER_START = 'End must be after start';

export type WindowIssue = { path: WindowBound; message: string; position?: number };
export type WindowParse = { ok: true; start: string; end: string } | { ok: false; issues: WindowIssue[] };

/** Resolves a window as written to absolute ISO instants (UTC), half-open, checking that end is after start. */
export function resolveWindow(input: { start: string; end?: string; timeZone?: string; weekStart?: WeekStart }, now: number): WindowParse {
  const context = { now, timeZone: input.timeZone ?? 'UTC', weekStart: input.weekStart };
  const start = resolveTime(input.start, context, 'start');
  const end = resolveTime(input.end ?? 'now', context, 'end');
  const issues: WindowIssue[] = [];
  for (const [path, r] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!r.ok) issues.push({ path, message: r.message, ...(r.position === undefined ? {} : { position: r.position }) });
  }
  if (start.ok && end.ok && end.ms <= start.ms) issues.push({ path: 'end', message: END_AFTER_START });
  if (!start.ok || !end.ok || issues.length) return { ok: false, issues };
  return { ok: true, start: new Date(start.ms).toISOString(), end: new Date(end.ms).toISOString() };
}

/** Whether a written time moves with the clock (`now-24h`), so a saved selection stays relative. */
export const isRelativeTime = (text: string) => /now/i.test(text);

/** Whether a written time is one fixed time and nothing else (`2024-03-01 06:00`, no steps): the window may rewrite it in another zone. */
export function isPlainTime(text: string): boolean {
  const r = readTimeExpression(text);
  return r.ok && r.expression.anchor.kind !== 'now' && r.expression.steps.length === 0;
}
