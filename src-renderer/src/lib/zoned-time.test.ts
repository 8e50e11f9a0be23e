import { describe, expect, it } from 'vitest';
import { formatWallTime, instantOfWallTime, parseAbsolute, startOfDay, zoneOffsetMs } from './zoned-time';

describe('zoned time', () => {
  it('reads a wall time in UTC and in an IANA zone', () => {
    expect(parseAbsolute('2026-11-26 14:05', 'UTC')).toBe(Date.UTC(2026, 10, 26, 14, 5));
    // Lisbon is UTC+0 in winter and UTC+1 in summer.
    expect(parseAbsolute('2026-07-01 12:00', 'Europe/Lisbon')).toBe(Date.UTC(2026, 6, 1, 11, 0));
    expect(parseAbsolute('2026-07-01', 'Asia/Kolkata')).toBe(Date.UTC(2026, 5, 30, 18, 30));
  });

  it('takes a full ISO instant as is, whatever the zone', () => {
    expect(parseAbsolute('2026-11-26T14:05:00Z', 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 26, 14, 5));
    expect(parseAbsolute('2026-11-26T14:05:00+02:00', 'UTC')).toBe(Date.UTC(2026, 10, 26, 12, 5));
  });

  it('refuses what is not a date', () => {
    expect(parseAbsolute('yesterday-ish', 'UTC')).toBeNull();
    expect(parseAbsolute('2026-02-31', 'UTC')).toBeNull();
    expect(parseAbsolute('2026-13-01', 'UTC')).toBeNull();
  });

  it('round-trips through the inputs format across a DST change', () => {
    const zone = 'Europe/Berlin';
    for (const ms of [Date.UTC(2026, 2, 29, 0, 30), Date.UTC(2026, 2, 29, 1, 30), Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)]) {
      const text = formatWallTime(ms, zone);
      const back = parseAbsolute(text, zone);
      // In the fall-back hour the earlier instant wins, so the later one may come back an hour early.
      expect([ms, ms - 3_600_000]).toContain(back);
    }
  });

  it('moves a time in a spring-forward gap past the gap', () => {
    const ms = instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin');
    expect(formatWallTime(ms, 'Europe/Berlin')).toBe('2026-03-29 03:30:00');
  });

  it('knows offsets and midnights', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
    expect(startOfDay(Date.UTC(2026, 10, 26, 23, 30), 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 26, 15, 0));
  });
});
