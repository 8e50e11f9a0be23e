import { describe, expect, it } from 'vitest';
import { formatReadable, formatWallTime, wallTimeAt } from './zoned-time';

describe('zoned time', () => {
  it('shows an instant as the wall clock of a zone', () => {
    const ms = Date.UTC(2026, 6, 1, 11, 0, 5);
    expect(formatWallTime(ms, 'UTC')).toBe('2026-07-01 11:00:05');
    expect(formatWallTime(ms, 'Europe/Lisbon')).toBe('2026-07-01 12:00:05');
    expect(formatWallTime(ms, 'Asia/Kolkata', false)).toBe('2026-07-01 16:30');
    expect(wallTimeAt(ms, 'Asia/Tokyo')).toMatchObject({ day: 1, hour: 20 });
  });

  it('writes readable times', () => {
    expect(formatReadable(Date.UTC(2026, 10, 26, 14, 5), 'UTC')).toContain('26 Nov 2026');
  });
});
