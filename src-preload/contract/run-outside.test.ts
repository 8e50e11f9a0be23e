import { describe, expect, it } from 'vitest';
import { outsideRun } from './run-outside';

describe('Run outside the app', () => {
  it('gives the command, a cron line, a systemd timer and a Task Scheduler command for a daily run', () => {
    const r = outsideRun('/home/ana/press daily.recipe.json', 'Press daily', { kind: 'daily', time: '06:30' }, 'Europe/Lisbon');
    expect(r.command).toBe("npm run -s cli -- run '/home/ana/press daily.recipe.json'");
    expect(r.cron).toBe(`CRON_TZ=Europe/Lisbon\n30 6 * * * ${r.command}`);
    expect(r.systemd?.timer).toContain('OnCalendar=*-*-* 06:30:00 Europe/Lisbon');
    expect(r.systemd?.timer).toContain('Persistent=true');
    expect(r.windows).toMatch(/^schtasks \/Create \/TN "Signal Explorer\\Press daily" .* \/SC DAILY \/ST 06:30$/);
  });
  it('says each rule in each tongue, and what has no equivalent', () => {
    expect(outsideRun('r.json', 'w', { kind: 'weekly', day: 'monday', time: '07:00' }, 'UTC').systemd?.timer).toContain(
      'OnCalendar=Mon *-*-* 07:00:00 UTC',
    );
    const last = outsideRun('r.json', 'm', { kind: 'monthly', day: 'last', time: '23:00' }, 'UTC');
    expect([last.cron.split('\n')[1], last.systemd?.timer.includes('*-*~01 23:00:00 UTC'), last.windows]).toEqual([
      '0 23 L * * npm run -s cli -- run r.json',
      true,
      expect.stringContaining('/SC MONTHLY /MO LASTDAY'),
    ]);
    const cron = outsideRun('r.json', 'c', { kind: 'cron', expression: '*/15 * * * 1-5' }, 'UTC');
    expect([cron.cron.split('\n')[1], cron.systemd, cron.windows]).toEqual(['*/15 * * * 1-5 npm run -s cli -- run r.json', null, null]);
  });
});
