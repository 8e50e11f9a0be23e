import type { ScheduleRule } from '../../../../src-preload/contract/schedules';

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** A schedule's rule as a person says it: "Daily at 06:00". */
export function describeRule(rule: ScheduleRule): string {
  switch (rule.kind) {
    case 'hourly':
      return `Hourly at :${String(rule.minute).padStart(2, '0')}`;
    case 'daily':
      return `Daily at ${rule.time}`;
    case 'weekly':
      return `Weekly on ${cap(rule.day)} at ${rule.time}`;
    case 'monthly':
      return `Monthly on ${rule.day === 'last' ? 'the last day' : `day ${rule.day}`} at ${rule.time}`;
    case 'cron':
      return `Cron ${rule.expression}`;
  }
}
