import { describe, expect, it } from 'vitest';
import { EXCEL_MAX_DATA_ROWS, expectedRows, intervalThatFits } from './excel-limit';

const DAY = 86_400_000;
const window = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 1) + 30 * DAY };
const hourly = { kind: 'every' as const, interval: '1h', fns: ['mean' as const], timeZone: 'UTC' };

describe('Excel row limit, as the window sees it before saving', () => {
  it('counts the export as it is, or one row an interval', () => {
    expect(expectedRows({ kind: 'raw' }, { kind: 'raw' }, 2_592_000, window)).toBe(2_592_000);
    expect(expectedRows(hourly, hourly, 720, window)).toBe(720);
    expect(expectedRows({ ...hourly, interval: '1m' }, { kind: 'raw' }, 2_592_000, window)).toBe(43_201);
    // The raw rows of an aggregated export are not known before saving.
    expect(expectedRows({ kind: 'raw' }, hourly, 720, window)).toBeNull();
  });

  it('proposes the shortest common interval that fits a sheet', () => {
    // 30 days: 10 s makes 259,201 rows, 1 s 2.6 M.
    expect(intervalThatFits(window)).toBe('10s');
    expect(intervalThatFits({ start: 0, end: 365 * DAY })).toBe('1m');
    expect(intervalThatFits({ start: 0, end: 2_000_000 * DAY }, EXCEL_MAX_DATA_ROWS)).toBeNull();
  });
});
