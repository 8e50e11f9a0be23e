import { describe, expect, it } from 'vitest';
import { activeQuickRange, describeWindow, QUICK_RANGE_GROUPS, readWindow, resolveTime } from './time-window';
import { toExportRequest } from './export-request';
import { selectionValuesFor, type SelectionValues } from './form-schema';
import { testSignal } from '../../../../src-preload/contract/testing/signals';

const NOW = Date.UTC(2026, 10, 26, 12, 34, 56); // Thu 26 Nov 2026
const utc = (start: string, end: string, timeZone = 'UTC') => ({ start, end, timeZone });

describe('quick ranges', () => {
  it("lists Grafana's ranges in its groups", () => {
    expect(QUICK_RANGE_GROUPS.map((g) => [g.group, g.ranges.length])).toEqual([
      ['Relative', 16],
      ['Days', 5],
      ['Weeks', 3],
      ['Months', 3],
      ['Years', 3],
    ]);
    expect(QUICK_RANGE_GROUPS[2]!.ranges.find((q) => q.label === 'Previous week')).toEqual({
      label: 'Previous week',
      start: 'now-1w/w',
      end: 'now-1w/w',
      group: 'Weeks',
    });
  });

  it('knows which range the inputs hold from the expressions alone', () => {
    expect(activeQuickRange(utc('now-24h', 'now'))?.label).toBe('Last 24 hours');
    expect(activeQuickRange(utc('now-1d/d', 'now-1d/d'))?.label).toBe('Yesterday');
    expect(activeQuickRange(utc('now-5h', 'now'))).toBeUndefined();
  });

  it('has a Yesterday of 23 hours on the day after clocks go forward, and 25 after they go back', () => {
    const spring = readWindow(utc('now-1d/d', 'now-1d/d', 'Europe/Berlin'), Date.UTC(2026, 2, 30, 10));
    expect(spring).toEqual({ ok: true, start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    const autumn = readWindow(utc('now-1d/d', 'now-1d/d', 'America/New_York'), Date.UTC(2026, 10, 2, 12));
    expect(autumn.ok && (Date.parse(autumn.end) - Date.parse(autumn.start)) / 3_600_000).toBe(25);
  });
});

describe('readWindow', () => {
  it('answers instants or says which input is wrong, by the rules of the contract', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(readWindow(utc('now-24h', 'now'), NOW)).toEqual({ ok: true, start: iso(NOW - 86_400_000), end: iso(NOW) });
    expect(readWindow(utc('soon', 'now'), NOW)).toMatchObject({ ok: false, errors: { start: expect.stringContaining('is not a time') } });
    expect(readWindow(utc('now-1d', 'now-1x'), NOW)).toEqual({
      ok: false,
      errors: { end: 'unknown unit "x" at position 5: units are s, m, h, d, w, M (months) or y' },
    });
    expect(readWindow(utc('now', 'now-1h'), NOW)).toEqual({ ok: false, errors: { end: 'End must be after start' } });
    expect(readWindow(utc(' ', 'now'), NOW)).toEqual({ ok: false, errors: { start: expect.stringMatching(/^Enter a time/) } });
  });

  it('reads weeks from the day they start on', () => {
    const week = utc('now/w', 'now/w');
    expect(readWindow(week, NOW)).toMatchObject({ start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' });
    expect(readWindow(week, NOW, 'sunday')).toMatchObject({ start: '2026-11-22T00:00:00.000Z', end: '2026-11-29T00:00:00.000Z' });
  });

  it('tells a plain time, which a zone change may rewrite, from an expression, which it must not', () => {
    expect(resolveTime('2026-07-01 12:00', 'Europe/Lisbon', NOW)).toEqual({ ok: true, ms: Date.UTC(2026, 6, 1, 11), plain: true });
    expect(resolveTime('2026-07-01 12:00||/d', 'Europe/Lisbon', NOW)).toEqual({ ok: true, ms: Date.UTC(2026, 5, 30, 23), plain: false });
    expect(resolveTime('now/d', 'Asia/Tokyo', NOW)).toEqual({ ok: true, ms: Date.UTC(2026, 10, 25, 15), plain: false });
  });
});

describe('the summary', () => {
  it('says the resolved window in the chosen zone, for any expression', () => {
    expect(describeWindow(utc('now-24h', 'now'), NOW)).toBe(
      'Last 24 hours: Wed, 25 Nov 2026, 12:34 → Thu, 26 Nov 2026, 12:34 (UTC), 1 day',
    );
    expect(describeWindow(utc('2026-11-01 06:00', '2026-11-01 18:30', 'Europe/Lisbon'), NOW)).toBe(
      'Sun, 1 Nov 2026, 06:00 → Sun, 1 Nov 2026, 18:30 (Europe/Lisbon), 12 h 30 min',
    );
    expect(describeWindow(utc('now-1d/d', 'now-1d/d', 'Asia/Tokyo'), NOW)).toBe(
      'Yesterday: Wed, 25 Nov 2026, 00:00 → Thu, 26 Nov 2026, 00:00 (Asia/Tokyo), 1 day',
    );
    expect(describeWindow(utc('now-1w/w', 'now-1w/w'), NOW, 'sunday')).toBe(
      'Previous week: Sun, 15 Nov 2026, 00:00 → Sun, 22 Nov 2026, 00:00 (UTC), 7 days',
    );
    expect(describeWindow(utc('2026-11-01T00:00Z||+1M/d', '2026-11-01T00:00Z||+1M/M'), NOW)).toBe(
      'Tue, 1 Dec 2026, 00:00 → Fri, 1 Jan 2027, 00:00 (UTC), 31 days',
    );
    expect(describeWindow(utc('now-1x', 'now'), NOW)).toBe('The window is not complete yet.');
  });
});

describe('the form and the export read the same window', () => {
  const values: SelectionValues = {
    signals: [{ ...testSignal({ id: 1, name: 'T' }), rename: 'T' }],
    window: utc('now/w', 'now/w'),
    values: { kind: 'raw', interval: '1h', fns: ['mean'] },
    format: 'csv',
  };

  it('puts the pointed message on the field, and exports the week of the Settings', () => {
    const bad = selectionValuesFor('monday').safeParse({ ...values, window: utc('now-1x', 'now') });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['window.start', 'unknown unit "x" at position 5: units are s, m, h, d, w, M (months) or y'],
    ]);
    const built = toExportRequest(values, 'demo', { nowMs: NOW, weekStart: 'saturday' });
    expect(built.ok && built.request.timeWindow).toEqual({ start: '2026-11-21T00:00:00.000Z', end: '2026-11-28T00:00:00.000Z' });
  });
});
