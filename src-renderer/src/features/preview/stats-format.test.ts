import { describe, expect, it } from 'vitest';
import { compactCount, compactValue, sharedDay, tableTime } from './stats-format';

const at = (iso: string) => Date.parse(iso);

describe("the Statistics table's compact cells", () => {
  it('values to 4 significant digits, the exact one kept for the title', () => {
    expect(compactValue(5.90228)).toEqual({ text: '5.902', full: '5.90228' });
    expect(compactValue(231.672)).toEqual({ text: '231.7', full: '231.672' });
    expect(compactValue(-0.000123456)).toEqual({ text: '-0.0001235', full: '-0.000123456' });
    expect(compactValue(null)).toEqual({ text: '–', full: 'no value' });
  });

  it('counts exact below 100,000, short above', () => {
    expect(compactCount(21_600).text).toBe('21,600');
    expect(compactCount(99_999).text).toBe('99,999');
    expect(compactCount(86_400_000)).toEqual({ text: '86.4M', full: '86,400,000' });
    expect(compactCount(1_234_567).text).toBe('1.23M');
  });

  it('times lose their date only when every time of the table is on one day, in the zone shown', () => {
    const times = [at('2025-05-01T00:00:00Z'), at('2025-05-01T23:59:59Z'), null];
    expect(sharedDay(times, 'UTC')).toBe('2025-05-01');
    // In Lisbon (UTC+1 in May) the last one is on the next day.
    expect(sharedDay(times, 'Europe/Lisbon')).toBeNull();
    expect(tableTime(times[1]!, 'UTC', '2025-05-01')).toEqual({ date: null, time: '23:59:59', full: '2025-05-01 23:59:59' });
    expect(tableTime(times[1]!, 'Europe/Lisbon', null)).toEqual({ date: '2025-05-02', time: '00:59:59', full: '2025-05-02 00:59:59' });
    expect(sharedDay([null], 'UTC')).toBeNull();
  });
});
