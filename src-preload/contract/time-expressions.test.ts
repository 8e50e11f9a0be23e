import { describe, expect, it } from 'vitest';
import { QUICK_RANGES, quickRangeOf } from './quick-ranges';
import {
  evaluateTimeExpression,
  isPlainTime,
  isRelativeTime,
  parseTimeExpression,
  resolveTime,
  resolveWindow,
  wallTimeToInstant,
  zoneOffsetMinutes,
} from './time-expressions';

const NOW = Date.parse('2024-06-15T12:00:00.000Z');
const ms = (text: string, tz?: string) => {
  const r = parseTimeExpression(text, NOW, tz);
  if (!r.ok) throw new Error(r.message);
  return new Date(r.ms).toISOString();
};

describe('time expressions', () => {
  it('reads now and relative steps', () => {
    expect(ms('now')).toBe('2024-06-15T12:00:00.000Z');
    expect(ms('now-24h')).toBe('2024-06-14T12:00:00.000Z');
    expect(ms('now-7d')).toBe('2024-06-08T12:00:00.000Z');
    expect(ms(' now - 1d + 6h ')).toBe('2024-06-14T18:00:00.000Z');
    expect(ms('now-90s')).toBe('2024-06-15T11:58:30.000Z');
    expect(ms('NOW-2w')).toBe('2024-06-01T12:00:00.000Z');
    expect(isRelativeTime('now-6h')).toBe(true);
    expect(isRelativeTime('now-1d/d')).toBe(true);
    expect(isRelativeTime('now-1x')).toBe(true); // anything with now in it, even wrong
    expect(isRelativeTime('2024-01-01')).toBe(false);
    expect(isRelativeTime('2024-01-01||+1d')).toBe(false);
    expect([isPlainTime('2024-01-01 06:00'), isPlainTime('2024-01-01||+1d'), isPlainTime('now'), isPlainTime('2024-02-30')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('reads ISO with an offset as written, and without one in the chosen zone', () => {
    expect(ms('2024-03-01T06:00:00+02:00')).toBe('2024-03-01T04:00:00.000Z');
    expect(ms('2024-03-01T06:00Z')).toBe('2024-03-01T06:00:00.000Z');
    expect(ms('2024-03-01')).toBe('2024-03-01T00:00:00.000Z');
    expect(ms('2024-07-01T08:30', 'Europe/Lisbon')).toBe('2024-07-01T07:30:00.000Z');
    expect(ms('2024-01-01 08:30:15.5', 'America/New_York')).toBe('2024-01-01T13:30:15.500Z');
  });

  it('handles daylight-saving changes: the repeated hour takes the earlier instant, the missing one the old offset', () => {
    // Lisbon: 2024-10-27 02:00 WEST -> 01:00 WET, so 01:30 happens twice.
    expect(new Date(wallTimeToInstant(Date.UTC(2024, 9, 27, 1, 30), 'Europe/Lisbon')).toISOString()).toBe('2024-10-27T00:30:00.000Z');
    // 2024-03-31 01:00 WET -> 02:00 WEST: 01:30 does not exist.
    expect(new Date(wallTimeToInstant(Date.UTC(2024, 2, 31, 1, 30), 'Europe/Lisbon')).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(zoneOffsetMinutes(Date.parse('2024-07-01T00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(zoneOffsetMinutes(Date.parse('2024-07-01T00:00Z'), 'UTC')).toBe(0);
  });

  it('refuses what is not a time, an impossible date, an unknown zone', () => {
    expect(parseTimeExpression('yesterday', NOW).ok).toBe(false);
    expect(parseTimeExpression('now-5x', NOW)).toMatchObject({ ok: false, position: 5 });
    expect(parseTimeExpression('now-9999y', NOW)).toMatchObject({
      ok: false,
      position: 3,
      message: expect.stringContaining('years 1 to 9999'),
    });
    expect(parseTimeExpression('2024-02-30', NOW).ok).toBe(false);
    expect(parseTimeExpression('2024-02-01T25:00', NOW).ok).toBe(false);
    expect(parseTimeExpression('2024-02-01', NOW, 'Mars/Olympus')).toEqual({ ok: false, message: 'Unknown time zone "Mars/Olympus"' });
  });

  it('resolves a window, end defaulting to now and after start', () => {
    expect(resolveWindow({ start: 'now-24h' }, NOW)).toEqual({
      ok: true,
      start: '2024-06-14T12:00:00.000Z',
      end: '2024-06-15T12:00:00.000Z',
    });
    const bad = resolveWindow({ start: 'now', end: 'now-1h' }, NOW);
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['end']);
    const both = resolveWindow({ start: 'x', end: 'now-1x' }, NOW);
    expect(both.ok ? [] : both.issues.map((i) => [i.path, i.position])).toEqual([
      ['start', 0],
      ['end', 5],
    ]);
  });

  it("ends a window at the end of a rounded unit, exclusive: Grafana's last millisecond plus one", () => {
    const today = { now: NOW, timeZone: 'Europe/Lisbon' };
    expect(evaluateTimeExpression('now/d', today, true)).toEqual({ ok: true, ms: Date.parse('2024-06-15T22:59:59.999Z'), rounded: true });
    expect(resolveTime('now/d', today, 'end')).toEqual({ ok: true, ms: Date.parse('2024-06-15T23:00:00.000Z') });
    expect(resolveTime('now/d', today, 'start')).toEqual({ ok: true, ms: Date.parse('2024-06-14T23:00:00.000Z') });
    // Nothing rounded, nothing added: an end of now is now.
    expect(resolveTime('now-1h', today, 'end')).toEqual({ ok: true, ms: NOW - 3_600_000 });
    expect(resolveWindow({ start: 'now/d', end: 'now/d', timeZone: 'Europe/Lisbon' }, NOW)).toEqual({
      ok: true,
      start: '2024-06-14T23:00:00.000Z',
      end: '2024-06-15T23:00:00.000Z',
    });
  });
});

describe('quick ranges', () => {
  it("hold Grafana's whole list, each as its expressions, and each resolves", () => {
    expect(QUICK_RANGES).toHaveLength(30);
    expect(quickRangeOf({ start: 'now-1d/d', end: ' now-1d/d' })?.label).toBe('Yesterday');
    expect(quickRangeOf({ start: 'now/w', end: 'now' })?.label).toBe('This week so far');
    expect(quickRangeOf({ start: 'now-5h', end: 'now' })).toBeUndefined();
    for (const q of QUICK_RANGES)
      expect(resolveWindow({ ...q, timeZone: 'Australia/Sydney', weekStart: 'sunday' }, NOW)).toMatchObject({ ok: true });
    const previousMonth = QUICK_RANGES.find((q) => q.label === 'Previous month')!;
    expect(resolveWindow(previousMonth, Date.parse('2024-03-31T12:00Z'))).toEqual({
      ok: true,
      start: '2024-02-01T00:00:00.000Z',
      end: '2024-03-01T00:00:00.000Z',
    });
  });
});
