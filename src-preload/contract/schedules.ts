import { z } from 'zod';
import { IanaTimeZone, LIMITS, oneLine, OwnId } from './bounds';
import { WeekStart } from './time-calendar';

/*
 * When a recipe runs by itself in the app: hourly at a minute, daily at a time, weekly on a day,
 * monthly on a day (1-28, or the last), or a cron expression (croner's: five fields, or six with
 * seconds), on the wall clock of a zone. The last run is kept with the schedule, so that runs
 * missed while the app was closed are caught up once each, oldest first, and never twice.
 */

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 06:30');

export const ScheduleRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hourly'), minute: z.number().int().min(0).max(59) }),
  z.strictObject({ kind: z.literal('daily'), time: Time }),
  z.strictObject({ kind: z.literal('weekly'), day: WeekStart, time: Time }),
  z.strictObject({ kind: z.literal('monthly'), day: z.union([z.number().int().min(1).max(28), z.literal('last')]), time: Time }),
  z.strictObject({ kind: z.literal('cron'), expression: oneLine(120).trim().min(1, 'Enter a cron expression') }),
]);
export type ScheduleRule = z.infer<typeof ScheduleRule>;

export const Schedule = z.strictObject({
  id: OwnId,
  /** The recipe it runs (one of the app's recipes). */
  recipeId: OwnId,
  rule: ScheduleRule,
  timeZone: IanaTimeZone,
  enabled: z.boolean().default(true),
  createdAt: z.number(),
  /**
   * Runs count from here: its creation, or the last change of its rule or zone, or its resume after a
   * pause. A run the new rule would have had before is never run (no burst of runs for the past).
   */
  activeSince: z.number().optional(),
  /** The scheduled instant of the last run that ended (done or given up): runs up to it are never run again. */
  lastRunAt: z.number().nullable().default(null),
  /** The last run's failure, when it failed after its retries (shown until a run succeeds). */
  lastError: oneLine(LIMITS.description).nullable().default(null),
});
export type Schedule = z.infer<typeof Schedule>;

/** The instant after which a schedule's next run is due: its last run, or when it became active. */
export const runsAfter = (s: Pick<Schedule, 'lastRunAt' | 'createdAt' | 'activeSince'>): number =>
  Math.max(s.lastRunAt ?? -Infinity, s.activeSince ?? s.createdAt);

const DAYS = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 } as const;
const hm = (time: string) => time.split(':').map(Number) as [number, number];

/** A rule as a cron pattern (minute hour day month weekday; `L` the month's last day), read by croner in the app. */
export function cronPattern(rule: ScheduleRule): string {
  switch (rule.kind) {
    case 'hourly':
      return `${rule.minute} * * * *`;
    case 'daily': {
      const [h, m] = hm(rule.time);
      return `${m} ${h} * * *`;
    }
    case 'weekly': {
      const [h, m] = hm(rule.time);
      return `${m} ${h} * * ${DAYS[rule.day]}`;
    }
    case 'monthly': {
      const [h, m] = hm(rule.time);
      return `${m} ${h} ${rule.day === 'last' ? 'L' : rule.day} * *`;
    }
    case 'cron':
      return rule.expression;
  }
}
