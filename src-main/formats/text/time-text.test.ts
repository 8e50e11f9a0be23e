import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceInstant, referenceLocal } from '../testing/reference-text';
import { parseIsoTime, timeReader } from './parse-time';
import { instantFormatter, isoFormatter, localTimeFormatter } from './time-text';

const ZONES = [
  'UTC',
  'Europe/Lisbon',
  'America/New_York',
  'Asia/Kolkata',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Etc/UTC',
];

// Lisbon leaves summer time on 2024-10-27 at 01:00 UTC: 01:30 local happens twice.
const t0 = Date.parse('2024-10-27T00:30:00Z');

describe('timestamps as text', () => {
  it('writes ISO 8601 with the offset, unambiguous across the autumn change', () => {
    const f = instantFormatter('Europe/Lisbon');
    expect(f(t0)).toBe('2024-10-27T01:30:00.000+01:00');
    expect(f(t0 + 3_600_000)).toBe('2024-10-27T01:30:00.000+00:00');
    expect(instantFormatter('UTC')(t0 + 5)).toBe('2024-10-27T00:30:00.005Z');
    expect(instantFormatter('Asia/Kolkata')(t0)).toBe('2024-10-27T06:00:00.000+05:30');
    expect(instantFormatter('America/St_Johns')(t0)).toBe('2024-10-26T22:00:00.000-02:30');
    expect(localTimeFormatter('Europe/Lisbon')(t0 + 3_600_000)).toBe('2024-10-27 01:30:00.000');
  });

  it('matches Date#toISOString for any instant in 1970-9999, in any order', () => {
    const iso = isoFormatter();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => iso(ms) === new Date(ms).toISOString()),
      { numRuns: 5000 },
    );
  });

  it('matches the per-row Intl lookup in every zone, for rows in order at any spacing, across years of changes', () => {
    const rows = fc.record({
      zone: fc.constantFrom(...ZONES),
      start: fc.integer({ min: Date.parse('1990-01-01T00:00Z'), max: Date.parse('2040-01-01T00:00Z') }),
      steps: fc.array(
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 7_200_000 }), fc.integer({ min: 0, max: 40 * 86_400_000 })),
        {
          maxLength: 60,
        },
      ),
      fraction: fc.constantFrom(0, 0.25, 0.999),
    });
    fc.assert(
      fc.property(rows, ({ zone, start, steps, fraction }) => {
        const instant = instantFormatter(zone);
        const local = localTimeFormatter(zone);
        let t = start + fraction;
        for (const step of steps) {
          t += step;
          if (instant(t) !== referenceInstant(zone, t) || local(t) !== referenceLocal(zone, t)) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it('writes every second around the changes of a year exactly', () => {
    for (const zone of ['Europe/Lisbon', 'America/New_York', 'Australia/Lord_Howe']) {
      const instant = instantFormatter(zone);
      for (let t = Date.parse('2024-01-01T00:00Z'); t < Date.parse('2025-01-01T00:00Z'); t += 3_599_999) {
        if (instant(t) !== referenceInstant(zone, t)) expect(instant(t)).toBe(referenceInstant(zone, t));
      }
      // Each change of the year, found by bisection on the reference; every second of 20 minutes around it.
      const offsetAt = (t: number) => referenceInstant(zone, t).slice(-6);
      for (let day = Date.parse('2024-01-01T00:00Z'); day < Date.parse('2025-01-01T00:00Z'); day += 86_400_000) {
        if (offsetAt(day) === offsetAt(day + 86_400_000)) continue;
        let lo = day;
        let hi = day + 86_400_000;
        while (hi - lo > 1000) {
          const mid = Math.floor((lo + hi) / 2000) * 1000;
          if (offsetAt(mid) === offsetAt(lo)) lo = mid;
          else hi = mid;
        }
        const f = instantFormatter(zone);
        for (let t = hi - 600_000; t < hi + 600_000; t += 1000)
          if (f(t) !== referenceInstant(zone, t)) expect(f(t)).toBe(referenceInstant(zone, t));
      }
    }
  });
});

describe('timestamps read back', () => {
  const read = timeReader();
  const bytes = (s: string) => Buffer.from(s, 'latin1');
  const at = (s: string) => read(bytes(s), 0, s.length);

  it('reads what the writers write as the same instant (to the millisecond), in every zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), (zone, t) => {
        const text = instantFormatter(zone)(t);
        return at(text) === t && parseIsoTime(text) === t && Date.parse(text) === t;
      }),
      { numRuns: 3000 },
    );
  });

  it('reads other ISO 8601 forms, UTC when they name no offset', () => {
    expect(at('2024-01-01T00:00:00Z')).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(at('2024-01-01 06:30')).toBe(Date.parse('2024-01-01T06:30:00Z'));
    expect(at('2024-01-01')).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(at('2024-02-29T12:00:00.123456Z')).toBeCloseTo(Date.parse('2024-02-29T12:00:00.123Z') + 0.456, 9);
    expect(at('2024-06-01T12:00:00+0530')).toBe(Date.parse('2024-06-01T06:30:00Z'));
    expect(at('2024-06-01T12:00:00-03')).toBe(Date.parse('2024-06-01T15:00:00Z'));
    expect(at('0050-06-01T00:00:00.000Z')).toBe(Date.parse('0050-06-01T00:00:00.000Z'));
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of [
      '',
      'abc',
      '2024-02-30T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-01T00:60:00.000Z',
      '2024-01-01T00:00:60.000Z',
      '2024-01-01T00:00:00.00xZ',
      '2024-0a-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000+24:00',
      '2024-01-01T00:00:00.000Y',
      '1704067200000',
      ' 2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z ',
    ]) {
      expect(at(bad), bad).toBeNaN();
    }
  });
});
