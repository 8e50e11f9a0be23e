import { describe, expect, it } from 'vitest';
import { checkCondition, checkExpression, type DeriveColumn } from './check';
import { planDerivations } from './derivations';
import { parseCondition, parseExpression } from './parser';

const columns: DeriveColumn[] = [
  { name: 'temp', type: 'number', unit: '°C' },
  { name: 'Wind Speed', type: 'number', unit: 'm/s' },
  { name: 'power', type: 'number', unit: 'kW' },
  { name: 'mode', type: 'string', unit: '' },
  { name: 'running', type: 'boolean', unit: '' },
  { name: 'Temp', type: 'number', unit: '' },
];

const check = (text: string) => {
  const p = parseExpression(text);
  if (!p.ok) throw new Error(p.issue.message);
  return checkExpression(p.value, columns);
};
const issues = (text: string) => {
  const c = check(text);
  if (c.ok) throw new Error(`passed: ${text}`);
  return c.issues.map((i) => i.message);
};
const ok = (text: string) => {
  const c = check(text);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('; '));
  return c.value;
};

describe('reference checks, with positions', () => {
  it.each([
    ['tmp * 2', 'unknown column "tmp" at position 0: did you mean temp?'],
    ['TEMP * 2', 'unknown column "TEMP" at position 0: did you mean temp?'],
    ['`Wind speed` + 1', 'unknown column "Wind speed" at position 0: did you mean `Wind Speed`?'],
    ['zzzzzzz', 'unknown column "zzzzzzz" at position 0: the columns are temp, `Wind Speed`, power, mode, running, Temp'],
    ['temp + mode', '"+" needs numbers, and mode is a string at position 7'],
    ['rolling_mean(mode, 10m)', 'rolling_mean needs a number, and mode is a string at position 13'],
    ['temp == "RUN"', 'a number compared with a string at position 5: temp is a number and the other side is a string'],
    ['mode > "A"', 'strings are compared with == or != only, not > at position 5'],
    ['running < true', 'true/false are compared with == or != only, not < at position 8'],
    ['temp and running', '"and" needs true/false on both sides, and temp is a number at position 0'],
    ['not temp', '"not" needs true/false, and temp is a number at position 4'],
    ['if(temp, 1, 2)', 'the first argument of if must be true/false, and temp is a number at position 3'],
    [
      'if(running, mode, 2)',
      'if gives a string on one side and a number on the other at position 0: both must be numbers, or both strings',
    ],
    ['rolling_mean(temp, 3)', 'rolling_mean needs a duration here, like 10m at position 19'],
    ['rolling_mean(temp, 0s)', 'rolling_mean needs a duration longer than 0 here at position 19'],
    [
      'temp + 10m',
      'a duration is not a value at position 7: durations are arguments of hold, shift, rolling_…, diff and rate, or follow "for"',
    ],
    ['10m', 'a duration is not a value at position 0: durations are arguments of hold, shift, rolling_…, diff and rate, or follow "for"'],
    ['shift(10m, 10m)', 'shift needs a value first, not a duration at position 6'],
    ['convert(temp, "degC", "bar")', 'cannot convert temperature (°C) to pressure (bar) at position 22: temperature units are °C, °F, K'],
    ['convert(temp, "°F", "degC")', 'temp is in °C, not °F at position 14: it needs no convert'],
    ['convert(power, degC, "K")', 'unknown column "degC" at position 15: the columns are temp, `Wind Speed`, power, mode, running, Temp'],
    ['convert(Temp, "furlong", "K")', expect.stringMatching(/^unknown unit "furlong" at position 14: the units are °C, °F, K, Pa, /)],
  ])('%s', (text, message) => {
    expect(issues(text)).toEqual([message]);
  });

  it('reports every problem, each where it is', () => {
    const c = check('tmp + mode * 2 + rolling_mean(mode, 1h)');
    expect(!c.ok && c.issues.map((i) => [i.at, i.end])).toEqual([
      [0, 3],
      [6, 10],
      [30, 34],
    ]);
  });

  it('a condition must be true or false', () => {
    const c = parseCondition('temp + 1 for 5m');
    expect(c.ok && checkCondition(c.value, columns)).toEqual({
      ok: false,
      issues: [
        { message: 'a condition must be true or false, and this is a number at position 0: compare it, like temp > 80', at: 0, end: 8 },
      ],
    });
    const good = parseCondition('temp > 80 and mode == "RUN" for >= 5m');
    expect(good.ok && checkCondition(good.value, columns)).toMatchObject({
      ok: true,
      value: { type: 'boolean', columns: ['temp', 'mode'] },
    });
  });
});

describe('what passes', () => {
  it('is typed, with the unit that follows and the columns read', () => {
    expect(ok('convert(temp, "degC", "degF")')).toMatchObject({ type: 'number', unit: '°F', columns: ['temp'] });
    expect(ok('rolling_mean(`Wind Speed`, 10m)')).toMatchObject({ type: 'number', unit: 'm/s' });
    expect(ok('rate(power)')).toMatchObject({ unit: 'kW/s' });
    expect(ok('power * 2')).toMatchObject({ unit: '' });
    expect(ok('power - power')).toMatchObject({ unit: 'kW' });
    expect(ok('running + 1')).toMatchObject({ type: 'number' });
    expect(ok('rolling_mean(running, 1h)')).toMatchObject({ type: 'number' });
    expect(ok('if(running, "ON", mode)')).toMatchObject({ type: 'string' });
    expect(ok('if(running, running, 2)')).toMatchObject({ type: 'number' });
    expect(ok('hold(mode)')).toMatchObject({ type: 'string' });
    expect(ok('shift(running, 5m) != running')).toMatchObject({ type: 'boolean' });
    expect(ok('running == 1')).toMatchObject({ type: 'boolean' });
    expect(ok('convert(Temp, "K", "degC")')).toMatchObject({ unit: '°C' });
  });

  it('has the lead-in its rows need: windows and shifts, plus holds, added along the nesting', () => {
    expect(ok('temp * 2').leadInMs).toBe(0);
    expect(ok('rolling_mean(temp, 10m)').leadInMs).toBe(600_000);
    expect(ok('rolling_max(rolling_mean(temp, 10m), 5m) - rolling_min(temp, 1h)').leadInMs).toBe(3_600_000);
    expect(ok('rolling_max(rolling_mean(temp, 10m), 5m)').leadInMs).toBe(900_000);
    expect(ok('shift(temp, 10m)').leadInMs).toBe(600_000 + 3_600_000);
    expect(ok('shift(temp, 10m, 1m)').leadInMs).toBe(660_000);
    expect(ok('diff(temp)').leadInMs).toBe(3_600_000);
    expect(ok('rate(rolling_sum(temp, 2m), 30s)').leadInMs).toBe(150_000);
    expect(ok('hold(mode, 90s) == "RUN"').leadInMs).toBe(90_000);
  });
});

describe('planDerivations', () => {
  it('lets each derived signal read the ones before it, and sums their lead-ins', () => {
    const r = planDerivations(columns, {
      derived: [
        { name: 'temp F', expression: 'convert(temp, "degC", "degF")' },
        { name: 'smooth', expression: 'rolling_mean(`temp F`, 10m)', physicalUnit: 'degrees F' },
        { name: 'late', expression: 'shift(smooth, 5m, 1m)' },
      ],
      conditions: [{ name: 'Hot', expression: 'smooth > 100 for >= 5m', statsOf: 'temp F' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.derived.map((d) => [d.name, d.type, d.physicalUnit, d.expression.leadInMs])).toEqual([
      ['temp F', 'number', '°F', 0],
      ['smooth', 'number', 'degrees F', 600_000],
      ['late', 'number', 'degrees F', 960_000],
    ]);
    expect(r.plan.conditions[0]).toMatchObject({ name: 'Hot', statsOf: 'temp F', duration: { op: '>=', ms: 300_000 }, holdMs: 3_600_000 });
    expect(r.plan.leadInMs).toBe(960_000);
    expect(structuredClone(r.plan)).toEqual(r.plan);
  });

  it('says which field of which item is wrong', () => {
    const r = planDerivations(columns, {
      derived: [
        { name: 'POWER', expression: 'temp * 2' },
        { name: 'b', expression: 'later + 1' },
        { name: 'later', expression: 'rolling_mean(temp, 10m' },
      ],
      conditions: [
        { name: 'x', expression: 'temp > 1', statsOf: 'mode' },
        { name: 'X', expression: 'temp', statsOf: 'nope' },
      ],
    });
    expect(r.ok === false && r.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['derived.0.name', 'the signal power has the column name "POWER" already'],
      ['derived.1.expression', 'unknown column "later" at position 0: the columns are temp, `Wind Speed`, power, mode, running, Temp'],
      ['derived.2.expression', 'expected ")" at position 22'],
      ['conditions.0.statsOf', '"mode" holds text: it has no minimum, maximum or mean'],
      ['conditions.1.name', 'Same name as condition 1'],
      ['conditions.1.statsOf', 'There is no column "nope"'],
      ['conditions.1.expression', 'a condition must be true or false, and this is a number at position 0: compare it, like temp > 80'],
    ]);
  });
});
