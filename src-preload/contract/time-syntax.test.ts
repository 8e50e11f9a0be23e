import { describe, expect, it } from 'vitest';
import { readTimeExpression } from './time-syntax';

const error = (text: string) => {
  const r = readTimeExpression(text);
  if (r.ok) throw new Error(`"${text}" was read`);
  return r.error;
};

describe('the grammar', () => {
  it('reads the anchor and each step with where it starts', () => {
    expect(readTimeExpression('now-1d/d')).toEqual({
      ok: true,
      expression: {
        anchor: { kind: 'now' },
        steps: [
          { op: 'add', amount: -1, unit: 'd', at: 3 },
          { op: 'round', unit: 'd', at: 6 },
        ],
      },
    });
    expect(readTimeExpression(' now - 1d + 6h ')).toMatchObject({
      ok: true,
      expression: { steps: [{ amount: -1 }, { amount: 6, unit: 'h' }] },
    });
    // Grafana reads a step without a number as one.
    expect(readTimeExpression('now-d')).toMatchObject({ ok: true, expression: { steps: [{ amount: -1, unit: 'd' }] } });
    expect(readTimeExpression('NOW-2w')).toMatchObject({ ok: true, expression: { steps: [{ amount: -2, unit: 'w' }] } });
    // M is months, m minutes.
    expect(readTimeExpression('now-1M-1m')).toMatchObject({ ok: true, expression: { steps: [{ unit: 'M' }, { unit: 'm' }] } });
  });

  it('reads ISO anchors: an offset makes an instant, none a wall time of the zone', () => {
    expect(readTimeExpression('2024-03-01T06:00:00+02:00')).toEqual({
      ok: true,
      expression: { anchor: { kind: 'instant', ms: Date.UTC(2024, 2, 1, 4) }, steps: [] },
    });
    expect(readTimeExpression('2024-03-01T06:00-0530')).toMatchObject({ expression: { anchor: { ms: Date.UTC(2024, 2, 1, 11, 30) } } });
    expect(readTimeExpression('2024-03-01 06:00:15.1234')).toEqual({
      ok: true,
      expression: { anchor: { kind: 'wall', wall: Date.UTC(2024, 2, 1, 6, 0, 15, 123) }, steps: [] },
    });
    expect(readTimeExpression('2024-03-01T00:00Z||+1M/d')).toMatchObject({
      ok: true,
      expression: {
        anchor: { kind: 'instant' },
        steps: [
          { op: 'add', at: 19 },
          { op: 'round', at: 22 },
        ],
      },
    });
  });
});

describe('errors point at the character at fault (0-based)', () => {
  it.each([
    ['now-1x', 5, 'unknown unit "x" at position 5: units are s, m, h, d, w, M (months) or y'],
    ['now+x', 4, 'unknown unit "x" at position 4'],
    ['now-1min', 5, 'unknown unit "min" at position 5'],
    ['now-1dd', 5, 'unknown unit "dd" at position 5'],
    ['now-1D', 5, 'unknown unit "D" at position 5: did you mean "d"?'],
    ['now-1Y', 5, 'did you mean "y"?'],
    ['now-1.5h', 5, '"." in a number at position 5: steps are whole numbers'],
    ['now/2d', 4, 'rounding to 2 units at position 4'],
    ['now*2', 3, 'unexpected "*" at position 3'],
    ['nowx', 3, 'unexpected "x" at position 3'],
    ['now-1d 6h', 7, 'unexpected "6" at position 7: a step starts with +, - or /'],
    ['now-', 4, 'a unit is missing at position 4'],
    ['now-1d/', 7, 'a unit is missing at position 7'],
    ['now-123456789012d', 4, 'a number of 12 digits at position 4'],
    ['  now-1x', 7, 'unknown unit "x" at position 7'],
    ['yesterday', 0, '"yesterday" is not a time at position 0'],
    ['1d', 0, '"1d" is not a time at position 0'],
    ['2024-3-1', 0, '"2024-3-1" is not a time at position 0'],
    ['2024-13-01', 5, 'there is no month 13 at position 5'],
    ['2024-02-30', 8, 'February 2024 has no day 30 at position 8'],
    ['2023-02-29', 8, 'February 2023 has no day 29 at position 8'],
    ['2024-02-01T25:00', 11, 'there is no hour 25 at position 11'],
    ['2024-02-01T10:61', 14, 'there is no minute 61 at position 14'],
    ['2024-02-01T10:00:60', 17, 'there is no second 60 at position 17'],
    ['2024-03-01T00:00+25:00', 16, '"+25:00" is not an offset from UTC at position 16'],
    ['2024-03-01T00:00Z+1d', 17, '"+" right after a date at position 17: write "||"'],
    ['2024-03-01T00:00Z||+1q', 21, 'unknown unit "q" at position 21'],
    ['2024-03-01||1d', 12, 'unexpected "1" at position 12'],
    ['2024-03-01 garbage', 11, 'unexpected "g" at position 11'],
  ])('%s', (text, position, message) => {
    const e = error(text);
    expect(e.position).toBe(position);
    expect(e.message).toContain(message);
  });

  it('asks for a time when there is none', () => {
    expect(error('   ')).toEqual({ message: expect.stringMatching(/^Enter a time, e\.g\. now/), position: 3 });
  });
});
