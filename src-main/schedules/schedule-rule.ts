import { Cron } from 'croner';
import { cronPattern, type ScheduleRule } from '../../src-preload/contract/schedules';

/*
 * A schedule's rule as a cron pattern, and its run times, with croner (cron patterns in a zone,
 * across daylight-saving changes, with `L` for a month's last day). No parser of our own.
 */

/** What is wrong with a rule's pattern (croner's message), or null. */
export function ruleIssue(rule: ScheduleRule, timeZone: string): string | null {
  try {
    new Cron(cronPattern(rule), { timezone: timeZone, paused: true });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The run times after `after` up to `until` (both epoch ms), oldest first, at most `max` of them:
 * what a schedule missed while the app was closed, or what is due now.
 */
export function runTimes(rule: ScheduleRule, timeZone: string, after: number, until: number, max = 100): number[] {
  const cron = new Cron(cronPattern(rule), { timezone: timeZone, paused: true });
  const times: number[] = [];
  let at = cron.nextRun(new Date(after));
  while (at && at.getTime() <= until && times.length < max) {
    times.push(at.getTime());
    at = cron.nextRun(at);
  }
  return times;
}

/** The next run time after `after`, or null when the pattern never fires again. */
export function nextRunTime(rule: ScheduleRule, timeZone: string, after: number): number | null {
  return new Cron(cronPattern(rule), { timezone: timeZone, paused: true }).nextRun(new Date(after))?.getTime() ?? null;
}
