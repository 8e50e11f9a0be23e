import { z } from 'zod';
import { cronPattern, type ScheduleRule } from './schedules';

/*
 * "Run outside the app": the command line that runs a recipe file, and the lines that schedule it
 * on a machine where the app is not left open: a crontab line (cronie's CRON_TZ for the zone), a
 * systemd timer (OnCalendar takes the zone itself) and a Windows Task Scheduler command (which
 * reads times in the machine's own zone: said beside it). Pure: the window shows them as typed.
 * The recipe file carries everything else, its derived signals and conditions too (`run` reads
 * them from it), so the line needs no --derive/--condition of its own.
 */

export const OutsideRun = z.object({
  command: z.string(),
  cron: z.string(),
  /** The timer and the service it starts; null for a cron expression systemd's calendar cannot say. */
  systemd: z.object({ timer: z.string(), service: z.string() }).nullable(),
  /** null where schtasks has no such schedule (a cron expression). */
  windows: z.string().nullable(),
});
export type OutsideRun = z.infer<typeof OutsideRun>;

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const DAY3 = { monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun' } as const;

function onCalendar(rule: ScheduleRule, timeZone: string): string | null {
  const at = (time: string) => `${time}:00 ${timeZone}`;
  switch (rule.kind) {
    case 'hourly':
      return `*-*-* *:${String(rule.minute).padStart(2, '0')}:00 ${timeZone}`;
    case 'daily':
      return `*-*-* ${at(rule.time)}`;
    case 'weekly':
      return `${DAY3[rule.day]} *-*-* ${at(rule.time)}`;
    case 'monthly':
      return rule.day === 'last' ? `*-*~01 ${at(rule.time)}` : `*-*-${String(rule.day).padStart(2, '0')} ${at(rule.time)}`;
    case 'cron':
      return null;
  }
}

function schtasks(rule: ScheduleRule, name: string, command: string): string | null {
  const task = `schtasks /Create /TN "Signal Explorer\\${name.replace(/"/g, '')}" /TR "${command.replace(/"/g, '\\"')}"`;
  switch (rule.kind) {
    case 'hourly':
      return `${task} /SC HOURLY /ST 00:${String(rule.minute).padStart(2, '0')}`;
    case 'daily':
      return `${task} /SC DAILY /ST ${rule.time}`;
    case 'weekly':
      return `${task} /SC WEEKLY /D ${DAY3[rule.day].toUpperCase()} /ST ${rule.time}`;
    case 'monthly':
      return rule.day === 'last'
        ? `${task} /SC MONTHLY /MO LASTDAY /M * /ST ${rule.time}`
        : `${task} /SC MONTHLY /D ${rule.day} /ST ${rule.time}`;
    case 'cron':
      return null;
  }
}

/** `cli`: how the command line is started on that machine (in this repository: `npm run -s cli --`). */
export function outsideRun(recipePath: string, name: string, rule: ScheduleRule, timeZone: string, cli = 'npm run -s cli --'): OutsideRun {
  const command = `${cli} run ${quote(recipePath)}`;
  const calendar = onCalendar(rule, timeZone);
  return {
    command,
    cron: `CRON_TZ=${timeZone}\n${cronPattern(rule)} ${command}`,
    systemd:
      calendar === null
        ? null
        : {
            timer: `[Unit]\nDescription=Signal Explorer: ${name}\n\n[Timer]\nOnCalendar=${calendar}\nPersistent=true\n\n[Install]\nWantedBy=timers.target`,
            service: `[Unit]\nDescription=Signal Explorer: ${name}\n\n[Service]\nType=oneshot\nExecStart=/bin/sh -c ${quote(command)}`,
          },
    windows: schtasks(rule, name, command),
  };
}
