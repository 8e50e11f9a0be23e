import { describe, expect, it } from 'vitest';
import { describeValues, Interval, parseInterval, refusedFnsMessage, Values, VALID_INTERVAL_MS } from './aggregation';

describe('parseInterval', () => {
  it('reads a number and a unit, from 1 s to 1 day', () => {
    expect(parseInterval('10s')).toEqual({ ok: true, ms: 10_000, unit: 's', count: 10 });
    expect(parseInterval(' 15M ')).toEqual({ ok: true, ms: 900_000, unit: 'm', count: 15 });
    expect(parseInterval('8h')).toMatchObject({ ok: true, ms: 28_800_000 });
    expect(parseInterval('1d')).toMatchObject({ ok: true, ms: 86_400_000 });
    expect(parseInterval('90m')).toMatchObject({ ok: true, ms: 5_400_000 });
  });

  it('says what is wrong and what would work', () => {
    expect(parseInterval('hourly')).toEqual({
      ok: false,
      message: '"hourly" is not an interval: write a number and a unit, like 10s, 1m, 15m, 1h, 8h or 1d',
    });
    expect(parseInterval('0s')).toMatchObject({ ok: false, message: 'An interval must be at least 1 second' });
    expect(parseInterval('2d')).toMatchObject({ ok: false, message: '"2d" is longer than a day: the longest interval is 1d' });
    expect(parseInterval('7m')).toMatchObject({ ok: false, message: expect.stringMatching(/does not divide a day .*try 6m or 8m/) });
    expect(parseInterval('5h')).toMatchObject({ ok: false, message: expect.stringMatching(/try 4h or 6h/) });
  });

  it('accepts exactly the lengths that divide a day', () => {
    expect(VALID_INTERVAL_MS.every((ms) => 86_400_000 % ms === 0)).toBe(true);
    expect(VALID_INTERVAL_MS).toHaveLength(96); // 86,400 = 2^7 * 3^3 * 5^2: 8 * 4 * 3 divisors
  });
});

describe('Values', () => {
  it('parses raw, and every interval with functions in a zone', () => {
    expect(Values.parse({ kind: 'raw' })).toEqual({ kind: 'raw' });
    const v = Values.parse({ kind: 'every', interval: ' 1H', fns: ['mean', 'max'], timeZone: 'Europe/Lisbon' });
    expect(v).toEqual({ kind: 'every', interval: '1h', fns: ['mean', 'max'], timeZone: 'Europe/Lisbon' });
    expect(describeValues(v)).toBe('Every 1 hour (Europe/Lisbon): mean and maximum');
    expect(describeValues({ kind: 'every', interval: '15m', fns: ['first', 'last', 'count'], timeZone: 'UTC' })).toBe(
      'Every 15 minutes (UTC): first value, last value and count of values',
    );
  });

  it('refuses bad intervals, no function, a function twice, an unknown zone, with clear messages', () => {
    const messages = (input: unknown) => Values.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages({ kind: 'every', interval: '7m', fns: [], timeZone: 'Mars/Olympus' })).toEqual([
      expect.stringMatching(/^interval: "7m" does not divide a day/),
      'fns: Pick at least one function',
      'timeZone: Unknown time zone "Mars/Olympus": use an IANA name such as UTC, Europe/Lisbon or America/New_York',
    ]);
    expect(messages({ kind: 'every', interval: '1h', fns: ['mean', 'mean'], timeZone: 'local' })).toEqual([
      'fns: Each function at most once',
      expect.stringMatching(/^timeZone: Unknown time zone "local"/),
    ]);
    expect(Interval.safeParse('3d').success).toBe(false);
  });

  it('says which functions a type has not', () => {
    expect(refusedFnsMessage('Speed', 'float', ['mean'])).toBeNull();
    expect(refusedFnsMessage('Ok', 'boolean', ['mean', 'min', 'count', 'sum'])).toBe(
      '"Ok" is a boolean signal: it has no mean, minimum and sum; use first, last or count for it',
    );
  });
});
