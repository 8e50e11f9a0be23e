import { z } from 'zod';
import { firstInstantAtWall, offsetAt, offsetChangeIn, utcOf, wallAt, wallTimeToInstant } from './time-zone';

/*
 * The calendar steps of the time language in a zone, as Grafana (moment) takes them: seconds,
 * minutes and hours are elapsed time; days, weeks, months and years move the wall clock, so a day
 * across a daylight-saving change is 23 or 25 hours and a month added to 31 January is the last
 * day of February.
 */

export const TIME_UNITS = ['s', 'm', 'h', 'd', 'w', 'M', 'y'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const isTimeUnit = (c: string): c is TimeUnit => (TIME_UNITS as readonly string[]).includes(c);

/** The day weeks start on (`now/w`); Monday unless the settings or `--week-start` say otherwise. */
export const WeekStart = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type WeekStart = z.infer<typeof WeekStart>;
export const DEFAULT_WEEK_START: WeekStart = 'monday';

/** The zone and week a time is read in. */
export interface TimeCalendar {
  timeZone: string;
  weekStart: WeekStart;
}

const DAY = 86_400_000;
const ELAPSED: Partial<Record<TimeUnit, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };
const mod = (a: number, b: number) => ((a % b) + b) % b;
/** getUTCDay's number of each day. */
const WEEKDAY: Record<WeekStart, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/** A wall value's fields; months 1-12. */
function fieldsOf(wall: number) {
  const d = new Date(wall);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), time: mod(wall, DAY) };
}

const daysInMonth = (year: number, month: number) => new Date(utcOf(year, month + 1, 0)).getUTCDate();

/** `amount` units after `ms` (before, when negative). */
export function addUnits(ms: number, amount: number, unit: TimeUnit, cal: TimeCalendar): number {
  const elapsed = ELAPSED[unit];
  if (elapsed) return ms + amount * elapsed;
  const wall = wallAt(ms, cal.timeZone);
  if (unit === 'd' || unit === 'w') return wallTimeToInstant(wall + amount * (unit === 'w' ? 7 : 1) * DAY, cal.timeZone);
  const f = fieldsOf(wall);
  const months = f.year * 12 + f.month - 1 + amount * (unit === 'y' ? 12 : 1);
  const [year, month] = [Math.floor(months / 12), mod(months, 12) + 1];
  // As moment does: the day is kept where the month has it, else the month's last day (31 Mar - 1M = 29 Feb).
  const day = Math.min(f.day, daysInMonth(year, month));
  return wallTimeToInstant(utcOf(year, month, day) + f.time, cal.timeZone);
}

/** The wall value a calendar unit starts at, for the unit `wall` falls in. */
function unitStartWall(wall: number, unit: TimeUnit, weekStart: WeekStart): number {
  const f = fieldsOf(wall);
  if (unit === 'y') return utcOf(f.year, 1, 1);
  if (unit === 'M') return utcOf(f.year, f.month, 1);
  const midnight = wall - f.time;
  return unit === 'w' ? midnight - mod(f.weekday - WEEKDAY[weekStart], 7) * DAY : midnight;
}

function nextUnitWall(startWall: number, unit: TimeUnit): number {
  if (unit === 'd') return startWall + DAY;
  if (unit === 'w') return startWall + 7 * DAY;
  const f = fieldsOf(startWall);
  return unit === 'M' ? utcOf(f.year, f.month + 1, 1) : utcOf(f.year + 1, 1, 1);
}

/** Hours, minutes, seconds: rounded on the instant with the offset in force, as moment does (an hour is always an hour). */
function elapsedStart(ms: number, size: number, timeZone: string): number {
  return ms - mod(ms + offsetAt(ms, timeZone), size);
}

/**
 * The first instant of the unit `ms` falls in (`/u` at a window's start). A day whose midnight
 * does not exist starts at the change; where an offset changes by a part of an hour within the
 * unit (Lord Howe Island's 30 minutes), the unit starts at the change, so that rounding twice
 * gives what rounding once does.
 */
export function startOfUnit(ms: number, unit: TimeUnit, cal: TimeCalendar): number {
  const size = ELAPSED[unit];
  if (size) {
    const start = elapsedStart(ms, size, cal.timeZone);
    return offsetChangeIn(start, ms, cal.timeZone) ?? start;
  }
  return firstInstantAtWall(unitStartWall(wallAt(ms, cal.timeZone), unit, cal.weekStart), cal.timeZone);
}

/**
 * The first instant after the unit `ms` falls in: the exclusive end of our half-open windows.
 * Grafana's `roundUp` (moment's `endOf`) is this minus 1 ms, 23:59:59.999 for a day.
 */
export function endOfUnit(ms: number, unit: TimeUnit, cal: TimeCalendar): number {
  const size = ELAPSED[unit];
  if (size) {
    // An offset change inside the unit that is not a whole unit (Chatham's 02:45 -> 03:45) ends it there.
    const end = elapsedStart(ms, size, cal.timeZone) + size;
    return offsetChangeIn(ms, end - 1, cal.timeZone) ?? end;
  }
  const start = unitStartWall(wallAt(ms, cal.timeZone), unit, cal.weekStart);
  return firstInstantAtWall(nextUnitWall(start, unit), cal.timeZone);
}
