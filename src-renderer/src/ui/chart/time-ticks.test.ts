import { describe, expect, it } from 'vitest';
import { timeAxis } from './time-ticks';

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('timeAxis', () => {
  it('puts ticks on round times of the clock, as many as fit', () => {
    const day = timeAxis({ start: utc('2026-11-10T00:00:00'), end: utc('2026-11-10T23:59:59') }, 'UTC', 520);
    expect(day.ticks.map(day.format)).toEqual(['10 Nov', '06:00', '12:00', '18:00']);
    const week = timeAxis({ start: utc('2026-11-09T00:00:00'), end: utc('2026-11-16T00:00:00') }, 'UTC', 1000);
    expect(week.ticks.map(week.format)).toEqual(['9 Nov', '10 Nov', '11 Nov', '12 Nov', '13 Nov', '14 Nov', '15 Nov', '16 Nov']);
    const minute = timeAxis({ start: utc('2026-11-10T10:00:07'), end: utc('2026-11-10T10:01:07') }, 'UTC', 520);
    expect(minute.ticks.map(minute.format)).toEqual(['10:00:10', '10:00:20', '10:00:30', '10:00:40', '10:00:50', '10:01:00']);
  });

  it('follows the wall clock of the zone, across a change of its offset', () => {
    // Lisbon goes back from 01:00 WEST to 00:00 WET... on 25 Oct 2026 at 02:00 local (01:00 UTC).
    const a = timeAxis({ start: utc('2026-10-24T23:00:00'), end: utc('2026-10-26T00:00:00') }, 'Europe/Lisbon', 520);
    expect(a.ticks.map(a.format)).toEqual(['25 Oct', '06:00', '12:00', '18:00', '26 Oct']);
    expect(a.ticks[0]).toBe(utc('2026-10-24T23:00:00'));
    expect(a.ticks[1]).toBe(utc('2026-10-25T06:00:00'));
  });
});
