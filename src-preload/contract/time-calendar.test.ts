import { describe, expect, it } from 'vitest';
import type { WeekStart } from './time-calendar';
import { evaluateTimeExpression, resolveWindow } from './time-expressions';

/*
 * The date math of the time language, against instants worked out by hand from each zone's rules
 * (the comments say which), in Grafana's reading: `up` is its roundUp, the last millisecond.
 */

const NOW = '2024-06-15T12:34:56.789Z'; // a Saturday; 1 June 2024 was a Saturday too

function at(expression: string, opts: { now?: string; tz?: string; week?: WeekStart; up?: boolean } = {}): string {
  const r = evaluateTimeExpression(expression, { now: Date.parse(opts.now ?? NOW), timeZone: opts.tz, weekStart: opts.week }, opts.up);
  if (!r.ok) throw new Error(r.message);
  return new Date(r.ms).toISOString();
}

/** A window as our half-open [start, end) in UTC, and its length in hours. */
function window(start: string, end: string, now: string, tz: string, week?: WeekStart) {
  const r = resolveWindow({ start, end, timeZone: tz, weekStart: week }, Date.parse(now));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return { start: r.start, end: r.end, hours: (Date.parse(r.end) - Date.parse(r.start)) / 3_600_000 };
}

describe('rounding to every unit, at a start and at an end', () => {
  it.each([
    ['s', '2024-06-15T12:34:56.000Z', '2024-06-15T12:34:56.999Z'],
    ['m', '2024-06-15T12:34:00.000Z', '2024-06-15T12:34:59.999Z'],
    ['h', '2024-06-15T12:00:00.000Z', '2024-06-15T12:59:59.999Z'],
    ['d', '2024-06-15T00:00:00.000Z', '2024-06-15T23:59:59.999Z'],
    ['w', '2024-06-10T00:00:00.000Z', '2024-06-16T23:59:59.999Z'],
    ['M', '2024-06-01T00:00:00.000Z', '2024-06-30T23:59:59.999Z'],
    ['y', '2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
  ])('now/%s', (unit, start, end) => {
    expect(at(`now/${unit}`)).toBe(start);
    expect(at(`now/${unit}`, { up: true })).toBe(end);
    // Our window's end is the next unit's first instant: Grafana's end plus 1 ms.
    expect(window(`now/${unit}`, `now/${unit}`, NOW, 'UTC').end).toBe(new Date(Date.parse(end) + 1).toISOString());
  });

  it('rounds anywhere in the expression, and keeps stepping after it', () => {
    expect(at('now-1d/d')).toBe('2024-06-14T00:00:00.000Z');
    expect(at('now-1d/d', { up: true })).toBe('2024-06-14T23:59:59.999Z');
    expect(at('now/w+8h')).toBe('2024-06-10T08:00:00.000Z');
    expect(at('now-1M/M')).toBe('2024-05-01T00:00:00.000Z');
    expect(at('now-1M/M', { up: true })).toBe('2024-05-31T23:59:59.999Z');
    expect(at('now/d-1h')).toBe('2024-06-14T23:00:00.000Z');
    // After an end rounded up, steps move Grafana's last millisecond: the end of May, a month on, is the end of June.
    expect(at('now-1M/M+1M', { up: true })).toBe('2024-06-30T23:59:59.999Z');
    expect(at('now/M/d', { up: true })).toBe('2024-06-30T23:59:59.999Z');
    expect(at('now/1d')).toBe('2024-06-15T00:00:00.000Z'); // Grafana reads /1d as /d
  });

  it('reads Grafana quick ranges as their windows', () => {
    expect(window('now-1d/d', 'now-1d/d', NOW, 'UTC')).toEqual({
      start: '2024-06-14T00:00:00.000Z',
      end: '2024-06-15T00:00:00.000Z',
      hours: 24,
    });
    expect(window('now-1w/w', 'now-1w/w', NOW, 'UTC')).toMatchObject({
      start: '2024-06-03T00:00:00.000Z',
      end: '2024-06-10T00:00:00.000Z',
    });
    expect(window('now/d', 'now', NOW, 'UTC')).toMatchObject({ start: '2024-06-15T00:00:00.000Z', end: NOW });
    expect(window('now-1y/y', 'now-1y/y', NOW, 'UTC')).toMatchObject({
      start: '2023-01-01T00:00:00.000Z',
      end: '2024-01-01T00:00:00.000Z',
    });
    expect(window('now-7d/d', 'now-7d/d', NOW, 'UTC')).toMatchObject({
      start: '2024-06-08T00:00:00.000Z',
      end: '2024-06-09T00:00:00.000Z',
    });
  });
});

describe('months of different lengths and leap years', () => {
  it('clamps to the last day of a shorter month, as moment does', () => {
    expect(at('2024-01-31T10:00Z||+1M')).toBe('2024-02-29T10:00:00.000Z'); // 2024 is a leap year
    expect(at('2023-01-31T10:00Z||+1M')).toBe('2023-02-28T10:00:00.000Z');
    expect(at('now-1M', { now: '2024-03-31T12:00:00Z' })).toBe('2024-02-29T12:00:00.000Z');
    expect(at('now-1M', { now: '2023-03-31T12:00:00Z' })).toBe('2023-02-28T12:00:00.000Z');
    expect(at('2024-05-31||-1M')).toBe('2024-04-30T00:00:00.000Z');
    expect(at('2024-01-31||+2M')).toBe('2024-03-31T00:00:00.000Z'); // two months at once: March has a 31st
    expect(at('2024-01-31||+1M+1M')).toBe('2024-03-29T00:00:00.000Z'); // one at a time: clamped in February first
    expect(at('2024-12-15||+1M')).toBe('2025-01-15T00:00:00.000Z');
    expect(at('2024-01-15||-1M')).toBe('2023-12-15T00:00:00.000Z');
    expect(at('2024-01-15||-13M')).toBe('2022-12-15T00:00:00.000Z');
  });

  it('takes 29 February a year on or back to the 28th, and four years on to the 29th', () => {
    expect(at('2024-02-29T06:00Z||+1y')).toBe('2025-02-28T06:00:00.000Z');
    expect(at('2024-02-29T06:00Z||-1y')).toBe('2023-02-28T06:00:00.000Z');
    expect(at('2024-02-29T06:00Z||+4y')).toBe('2028-02-29T06:00:00.000Z');
    expect(at('2024-02-29T06:00Z||+12M')).toBe('2025-02-28T06:00:00.000Z');
  });

  it('knows how long each month is', () => {
    const month = (first: string) => window(`${first}T00:00Z||/M`, `${first}T00:00Z||/M`, NOW, 'UTC').hours / 24;
    expect(['2024-01-01', '2024-02-01', '2023-02-01', '2024-04-01', '2100-02-01', '2000-02-01'].map(month)).toEqual([
      31, 29, 28, 30, 28, 29,
    ]);
  });
});

describe('calendar days in a zone with daylight saving', () => {
  it('Europe/Lisbon: 23 hours on 31 March 2024 (01:00 WET -> 02:00 WEST), 25 on 27 October (02:00 WEST -> 01:00 WET)', () => {
    const tz = 'Europe/Lisbon';
    expect(window('now-1d/d', 'now-1d/d', '2024-04-01T12:00:00Z', tz)).toEqual({
      start: '2024-03-31T00:00:00.000Z',
      end: '2024-03-31T23:00:00.000Z',
      hours: 23,
    });
    expect(window('now/d', 'now/d', '2024-10-27T12:00:00Z', tz)).toEqual({
      start: '2024-10-26T23:00:00.000Z',
      end: '2024-10-28T00:00:00.000Z',
      hours: 25,
    });
    expect(at('now/d', { now: '2024-10-27T12:00:00Z', tz, up: true })).toBe('2024-10-27T23:59:59.999Z');
    // A day back keeps the wall clock (13:00 WEST -> 13:00 WET): 23 hours earlier, not 24.
    expect(at('now-1d', { now: '2024-03-31T12:00:00Z', tz })).toBe('2024-03-30T13:00:00.000Z');
    expect(at('now-24h', { now: '2024-03-31T12:00:00Z', tz })).toBe('2024-03-30T12:00:00.000Z');
    // 01:30 on 31 March does not exist: a day on from 01:30 the day before is 02:30 WEST, as moment has it.
    expect(at('2024-03-30T01:30Z||+1d', { tz })).toBe('2024-03-31T01:30:00.000Z');
    // An anchor without offset in the hour that happens twice is the first one (WEST).
    expect(at('2024-10-27 01:30', { tz })).toBe('2024-10-27T00:30:00.000Z');
  });

  it('America/New_York: 23 hours on 10 March 2024, 25 on 3 November; hours are still hours', () => {
    const tz = 'America/New_York';
    expect(window('now/d', 'now/d', '2024-03-10T12:00:00Z', tz)).toMatchObject({ start: '2024-03-10T05:00:00.000Z', hours: 23 });
    expect(window('now-1d/d', 'now-1d/d', '2024-11-04T12:00:00Z', tz)).toEqual({
      start: '2024-11-03T04:00:00.000Z',
      end: '2024-11-04T05:00:00.000Z',
      hours: 25,
    });
    // 01:30 happens twice on 3 November: each one's hour is its own.
    expect(window('now/h', 'now/h', '2024-11-03T05:30:00Z', tz)).toMatchObject({ start: '2024-11-03T05:00:00.000Z', hours: 1 });
    expect(window('now/h', 'now/h', '2024-11-03T06:30:00Z', tz)).toMatchObject({ start: '2024-11-03T06:00:00.000Z', hours: 1 });
    // A week across the change in spring is an hour short.
    expect(window('now/w', 'now/w', '2024-03-13T12:00:00Z', tz, 'sunday')).toEqual({
      start: '2024-03-10T05:00:00.000Z',
      end: '2024-03-17T04:00:00.000Z',
      hours: 167,
    });
  });

  it('Australia/Sydney, southern: 23 hours on 6 October 2024 (AEST -> AEDT), 25 on 7 April; months in the zone', () => {
    const tz = 'Australia/Sydney';
    expect(window('now/d', 'now/d', '2024-10-06T01:00:00Z', tz)).toEqual({
      start: '2024-10-05T14:00:00.000Z',
      end: '2024-10-06T13:00:00.000Z',
      hours: 23,
    });
    expect(window('now/d', 'now/d', '2024-04-07T01:00:00Z', tz)).toEqual({
      start: '2024-04-06T13:00:00.000Z',
      end: '2024-04-07T14:00:00.000Z',
      hours: 25,
    });
    expect(window('now/M', 'now/M', '2024-04-15T00:00:00Z', tz)).toMatchObject({
      start: '2024-03-31T13:00:00.000Z',
      end: '2024-04-30T14:00:00.000Z',
    });
  });

  it('odd clocks: a midnight that does not exist, half-hour offsets and changes', () => {
    // São Paulo, 4 November 2018: 00:00 -03 became 01:00 -02, so the day starts at 01:00.
    expect(window('now/d', 'now/d', '2018-11-04T12:00:00Z', 'America/Sao_Paulo')).toMatchObject({
      start: '2018-11-04T03:00:00.000Z',
      hours: 23,
    });
    expect(at('now/h', { tz: 'Asia/Kolkata' })).toBe('2024-06-15T12:30:00.000Z'); // 18:04 IST -> 18:00 IST
    // Lord Howe moves 30 minutes at 02:00 on 6 October 2024: the hour after 02:00 starts at 02:30.
    expect(window('now/h', 'now/h', '2024-10-05T15:45:00Z', 'Australia/Lord_Howe')).toMatchObject({
      start: '2024-10-05T15:30:00.000Z',
      hours: 0.5,
    });
  });
});

describe('week starts', () => {
  it.each([
    ['monday', '2024-06-10T00:00:00.000Z', '2024-06-17T00:00:00.000Z', '2024-06-03T00:00:00.000Z'],
    ['sunday', '2024-06-09T00:00:00.000Z', '2024-06-16T00:00:00.000Z', '2024-06-02T00:00:00.000Z'],
    ['saturday', '2024-06-15T00:00:00.000Z', '2024-06-22T00:00:00.000Z', '2024-06-08T00:00:00.000Z'],
    ['friday', '2024-06-14T00:00:00.000Z', '2024-06-21T00:00:00.000Z', '2024-06-07T00:00:00.000Z'],
  ] as const)('weeks starting on %s', (week, start, end, previous) => {
    expect(window('now/w', 'now/w', NOW, 'UTC', week)).toMatchObject({ start, end, hours: 168 });
    expect(window('now-1w/w', 'now-1w/w', NOW, 'UTC', week)).toMatchObject({ start: previous, end: start });
    expect(at('now/w', { week, up: true })).toBe(new Date(Date.parse(end) - 1).toISOString());
  });

  it('weeks start on Monday by default, and on the day itself when today is that day', () => {
    expect(at('now/w', { now: '2024-06-10T00:00:00Z' })).toBe('2024-06-10T00:00:00.000Z');
    expect(at('now/w', { now: '2024-06-09T23:59:59.999Z' })).toBe('2024-06-03T00:00:00.000Z');
    // In a zone: Monday 00:00 in Tokyo is Sunday 15:00 UTC.
    expect(at('now/w', { tz: 'Asia/Tokyo' })).toBe('2024-06-09T15:00:00.000Z');
  });
});

describe('anchors, as Elasticsearch writes them', () => {
  it('steps from an ISO time, read in the zone without an offset, rounded in the zone', () => {
    expect(at('2024-03-01T00:00Z||+1M/d')).toBe('2024-04-01T00:00:00.000Z');
    // The anchor is an instant; the month and the day are Lisbon's: 1 April starts at 23:00 UTC (WEST).
    expect(at('2024-03-01T00:00Z||+1M/d', { tz: 'Europe/Lisbon' })).toBe('2024-03-31T23:00:00.000Z');
    expect(at('2024-03-01||+1M/d', { tz: 'America/New_York' })).toBe('2024-04-01T04:00:00.000Z');
    expect(at('2024-03-01T00:00:00+02:00||-1d')).toBe('2024-02-28T22:00:00.000Z');
    expect(at('2024-03-15T10:20:30.5Z||/M')).toBe('2024-03-01T00:00:00.000Z');
    expect(at('2024-03-15 08:00 || +1h')).toBe('2024-03-15T09:00:00.000Z');
    expect(window('2024-03-15T10:20Z||/M', '2024-03-15T10:20Z||/M', NOW, 'UTC')).toMatchObject({ end: '2024-04-01T00:00:00.000Z' });
  });
});
