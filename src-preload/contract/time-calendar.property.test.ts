import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfUnit, startOfUnit, TIME_UNITS, WeekStart } from './time-calendar';
import { evaluateTimeExpression } from './time-expressions';

/*
 * Rounding, for random instants, units, week starts and zones chosen for their odd clocks: DST
 * both ways and in both hemispheres, a midnight that does not exist (São Paulo 2018, Havana), a
 * midnight that happens twice (Havana), half-hour and 45-minute offsets and changes (Lord Howe,
 * Chatham, Kathmandu, St John's), a negative DST (Dublin), Ramadan's pauses (Casablanca) and a
 * day that was skipped (Apia, 30 December 2011).
 */
/** Each zone with instants where its clock changes (UTC), so that cases crowd around them too. */
const CHANGES: Record<string, string[]> = {
  UTC: [],
  'Europe/Lisbon': ['2024-03-31T01:00Z', '2024-10-27T01:00Z'],
  'America/New_York': ['2024-03-10T07:00Z', '2024-11-03T06:00Z'],
  'Australia/Sydney': ['2024-04-06T16:00Z', '2024-10-05T16:00Z'],
  'Australia/Lord_Howe': ['2024-04-06T15:00Z', '2024-10-05T15:30Z'],
  'Pacific/Chatham': ['2024-04-06T14:00Z', '2024-09-28T14:00Z'],
  'Asia/Kathmandu': ['1986-01-01T00:00Z'],
  'America/St_Johns': ['2024-03-10T05:30Z', '2024-11-03T04:30Z'],
  'America/Sao_Paulo': ['2018-11-04T03:00Z', '2019-02-17T02:00Z'],
  'America/Havana': ['2024-03-10T05:00Z', '2024-11-03T05:00Z'],
  'Europe/Dublin': ['2024-03-31T01:00Z', '2024-10-27T01:00Z'],
  'Africa/Casablanca': ['2024-03-10T02:00Z', '2024-04-14T02:00Z'],
  'Pacific/Apia': ['2011-12-30T10:00Z', '2021-04-04T14:00Z'],
  'Asia/Tehran': ['2022-03-21T20:30Z', '2022-09-21T19:30Z'],
};
const ZONES = Object.keys(CHANGES);

const H = 3_600_000;
const instant = (timeZone: string) =>
  CHANGES[timeZone]!.length
    ? fc.oneof(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.tuple(fc.constantFrom(...CHANGES[timeZone]!), fc.integer({ min: -50 * H, max: 50 * H })).map(([c, d]) => Date.parse(c) + d),
      )
    : fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) });

const cases = fc
  .record({ timeZone: fc.constantFrom(...ZONES), unit: fc.constantFrom(...TIME_UNITS), weekStart: fc.constantFrom(...WeekStart.options) })
  .chain((c) => instant(c.timeZone).map((t) => ({ ...c, t })));

describe('rounding, for any instant in any zone', () => {
  it('a unit holds its instant, and rounding again changes nothing', () => {
    fc.assert(
      fc.property(cases, ({ t, unit, ...cal }) => {
        const start = startOfUnit(t, unit, cal);
        const end = endOfUnit(t, unit, cal);
        expect(start).toBeLessThanOrEqual(t);
        expect(end).toBeGreaterThan(t);
        // Idempotent: the start is its own start; the inclusive end (Grafana's) is its own end.
        expect(startOfUnit(start, unit, cal)).toBe(start);
        expect(endOfUnit(end - 1, unit, cal)).toBe(end);
        // The units tile time: the last instant belongs to the same unit, the end starts the next.
        expect(startOfUnit(end - 1, unit, cal)).toBe(start);
        expect(startOfUnit(end, unit, cal)).toBe(end);
      }),
      { numRuns: 5000 },
    );
  });

  it('the expression /u is the same rounding, down at a start and up at an end', () => {
    fc.assert(
      fc.property(cases, ({ t, unit, ...cal }) => {
        const context = { now: t, ...cal };
        expect(evaluateTimeExpression(`now/${unit}`, context)).toEqual({ ok: true, ms: startOfUnit(t, unit, cal), rounded: true });
        expect(evaluateTimeExpression(`now/${unit}`, context, true)).toEqual({ ok: true, ms: endOfUnit(t, unit, cal) - 1, rounded: true });
      }),
      { numRuns: 500 },
    );
  });
});
