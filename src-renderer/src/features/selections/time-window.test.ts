import { describe, expect, it } from 'vitest';
import { activeQuickRange, describeWindow, QUICK_RANGES, readWindow, resolveTime } from './time-window';

const NOW = Date.UTC(2026, 10, 26, 12, 34, 56); // Thu 26 Nov 2026
const quick = (label: string) => QUICK_RANGES.find((q) => q.label === label)!;

describe('quick ranges', () => {
  it('writes relative ranges as expressions and days as calendar days of the zone', () => {
    expect(quick('Last 7 days').texts(NOW, 'UTC')).toEqual({ start: 'now-7d', end: 'now' });
    expect(quick('Today').texts(NOW, 'Asia/Tokyo')).toEqual({ start: '2026-11-26 00:00:00', end: 'now' });
    expect(quick('Yesterday').texts(NOW, 'UTC')).toEqual({ start: '2026-11-25 00:00:00', end: '2026-11-26 00:00:00' });
  });

  it('knows which range the inputs hold', () => {
    expect(activeQuickRange({ start: 'now-24h', end: 'now', timeZone: 'UTC' }, NOW)?.label).toBe('Last 24 hours');
    expect(activeQuickRange({ start: 'now-5h', end: 'now', timeZone: 'UTC' }, NOW)).toBeUndefined();
  });

  it('has a Yesterday of 23 hours on the day clocks go forward', () => {
    const w = { ...quick('Yesterday').texts(Date.UTC(2026, 2, 30, 10), 'Europe/Berlin'), timeZone: 'Europe/Berlin' };
    const r = readWindow(w, Date.UTC(2026, 2, 30, 10));
    expect(r.ok && Date.parse(r.end) - Date.parse(r.start)).toBe(23 * 3_600_000);
  });
});

describe('readWindow', () => {
  it('answers instants or says which input is wrong, by the rules of the contract', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(readWindow({ start: 'now-24h', end: 'now', timeZone: 'UTC' }, NOW)).toEqual({
      ok: true,
      start: iso(NOW - 86_400_000),
      end: iso(NOW),
    });
    expect(readWindow({ start: 'soon', end: 'now', timeZone: 'UTC' }, NOW)).toMatchObject({
      ok: false,
      errors: { start: expect.stringContaining('is not a time') },
    });
    expect(readWindow({ start: 'now', end: 'now-1h', timeZone: 'UTC' }, NOW)).toEqual({
      ok: false,
      errors: { end: 'End must be after start' },
    });
    expect(readWindow({ start: ' ', end: 'now', timeZone: 'UTC' }, NOW)).toEqual({
      ok: false,
      errors: { start: expect.stringMatching(/^Enter a time/) },
    });
    expect(resolveTime('2026-07-01 12:00', 'Europe/Lisbon', NOW)).toEqual({ ok: true, ms: Date.UTC(2026, 6, 1, 11), relative: false });
  });

  it('summarises in plain words', () => {
    expect(describeWindow({ start: 'now-24h', end: 'now', timeZone: 'UTC' }, NOW)).toBe(
      'Last 24 hours: Wed, 25 Nov 2026, 12:34 → Thu, 26 Nov 2026, 12:34 (UTC), 1 day',
    );
    expect(describeWindow({ start: '2026-11-01 06:00', end: '2026-11-01 18:30', timeZone: 'Europe/Lisbon' }, NOW)).toBe(
      'Sun, 1 Nov 2026, 06:00 → Sun, 1 Nov 2026, 18:30 (Europe/Lisbon), 12 h 30 min',
    );
  });
});
