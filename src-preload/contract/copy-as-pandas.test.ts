import { describe, expect, it } from 'vitest';
import { pandasDuration, pandasOfDerivations } from './copy-as-pandas';
import type { ExportRequest } from './exports';
import type { DataType } from './catalog';

/*
 * The derive language as pandas (Copy as Python): each construct of the grammar gives the code it
 * should, the helpers it needs are written once and only when used, and a condition becomes its
 * periods with its `for` clause and statistics. (No Python with pandas on this machine runs it.)
 */

const ref = (id: number, name: string) => ({ id, name });
const signal = (rename: string, dataType: DataType, physicalUnit = '') => ({
  id: rename.length,
  name: rename,
  physicalUnit,
  dataType,
  description: '',
  longDescription: '',
  workspace: ref(1, 'W'),
  asset: ref(2, 'A'),
  division: ref(3, 'D'),
  unit: ref(4, 'U'),
  rename,
});
const signals = [
  signal('temp', 'float', '°C'),
  signal('Wind Speed', 'float', 'm/s'),
  signal('mode', 'string'),
  signal('running', 'boolean'),
];

const request = (
  derived: string[],
  conditions: { expression: string; statsOf?: string }[] = [],
): Pick<ExportRequest, 'signals' | 'derivations'> => ({
  signals,
  derivations: {
    derived: derived.map((expression, i) => ({ name: `d${i}`, expression })),
    conditions: conditions.map((c, i) => ({ name: `c${i}`, ...c })),
  },
});

/** The right-hand side of the one derived signal. */
const code = (expression: string) => {
  const out = pandasOfDerivations(request([expression]));
  expect(out.untranslated).toEqual([]);
  return out.derived[0]!.replace(/^df\["d0"\] = /, '');
};

describe('the derive language as pandas', () => {
  it('writes literals, columns and operators, a missing value spreading as the app spreads it', () => {
    expect(code('temp')).toBe('_finite(df["temp"])');
    expect(code('`Wind Speed` + 2.5')).toBe('_finite((df["Wind Speed"] + 2.5))');
    expect(code('temp - 1e-3 * temp')).toBe('_finite((df["temp"] - (0.001 * df["temp"])))');
    // Division and powers: not finite is missing. `-2^2` is -(2^2); `%` is floored in Python as in the app.
    expect(code('temp / `Wind Speed`')).toBe('_finite(df["temp"] / df["Wind Speed"])');
    expect(code('-temp ^ 2')).toBe('_finite((-_finite(df["temp"] ** 2)))');
    expect(code('temp % 3')).toBe('_finite((df["temp"] % 3))');
    // True/false count as 1/0 where a number is needed.
    expect(code('running * 10')).toBe('_finite((_num(df["running"]) * 10))');
    expect(code('"RUN"')).toBe('"RUN"');
    expect(code('true')).toBe('True');
  });

  it('writes comparisons as missing where a side is, and and/or/not in three-valued logic', () => {
    expect(code('temp > 80')).toBe('_cmp(df["temp"], ">", 80)');
    expect(code('mode == "RUN"')).toBe('_cmp(df["mode"], "==", "RUN")');
    expect(code("mode != 'STOP'")).toBe('_cmp(df["mode"], "!=", "STOP")');
    expect(code('temp <= 1 or temp >= 2')).toBe('(_cmp(df["temp"], "<=", 1) | _cmp(df["temp"], ">=", 2))');
    expect(code('not running and temp < 3')).toBe('((~_b(df["running"])) & _cmp(df["temp"], "<", 3))');
    expect(code('running == true')).toBe('_cmp(df["running"], "==", True)');
    // A true/false compared with a number is its 1/0.
    expect(code('running > 0.5')).toBe('_cmp(_num(df["running"]), ">", 0.5)');
  });

  it('writes every function', () => {
    expect(code('abs(temp)')).toBe('_finite(abs(_num(df["temp"])))');
    expect(code('min(temp, `Wind Speed`, 3)')).toBe(
      '_finite(pd.concat([_num(df["temp"]), _num(df["Wind Speed"]), _num(3)], axis=1).min(axis=1))',
    );
    expect(code('max(temp, running)')).toBe('_finite(pd.concat([_num(df["temp"]), _num(df["running"])], axis=1).max(axis=1))');
    expect(code('if(mode == "RUN", temp, 0)')).toBe('_finite(_if(_cmp(df["mode"], "==", "RUN"), df["temp"], 0))');
    expect(code('if(running, "on", "off")')).toBe('_if(df["running"], "on", "off")');
    expect(code('convert(temp, "degC", "degF")')).toBe('_finite((df["temp"] * 9 / 5 + 32))');
    expect(code('convert(temp, "°C", "K")')).toBe('_finite((df["temp"] + 273.15))');
    expect(code('convert(`Wind Speed`, "m/s", "km/h")')).toBe('_finite((df["Wind Speed"] * 18 / 5))');
    expect(code('hold(mode)')).toBe('_shift(df["mode"], pd.Timedelta(0), pd.Timedelta("1h"))');
    expect(code('hold(temp, 6h)')).toBe('_finite(_shift(df["temp"], pd.Timedelta(0), pd.Timedelta("6h")))');
    expect(code('shift(temp, 10m)')).toBe('_finite(_shift(df["temp"], pd.Timedelta("10min"), pd.Timedelta("1h")))');
    expect(code('shift(temp, 1d, 2h)')).toBe('_finite(_shift(df["temp"], pd.Timedelta("1D"), pd.Timedelta("2h")))');
    expect(code('rolling_mean(`Wind Speed`, 10m)')).toBe('_finite(_num(df["Wind Speed"]).rolling("10min").mean())');
    expect(code('rolling_min(temp, 90s)')).toBe('_finite(_num(df["temp"]).rolling("90s").min())');
    expect(code('rolling_max(temp, 1500ms)')).toBe('_finite(_num(df["temp"]).rolling("1500ms").max())');
    expect(code('rolling_sum(running, 1w)')).toBe('_finite(_num(df["running"]).rolling("7D").sum())');
    expect(code('diff(temp)')).toBe('_finite(_diff(df["temp"], pd.Timedelta("1h")))');
    expect(code('rate(temp, 1d)')).toBe('_finite(_diff(df["temp"], pd.Timedelta("1D"), per_second=True))');
  });

  it('reads derived signals from the ones before, and writes only the helpers used, each once, after what they call', () => {
    const out = pandasOfDerivations(request(['rolling_mean(temp, 10m)', 'd0 * 2']));
    expect(out.derived).toEqual(['df["d0"] = _finite(_num(df["temp"]).rolling("10min").mean())', 'df["d1"] = _finite((df["d0"] * 2))']);
    const defs = out.helpers.filter((l) => l.startsWith('def ')).map((l) => l.slice(4, l.indexOf('(')));
    expect(defs).toEqual(['_s', '_num', '_finite']);
    expect(pandasOfDerivations({ signals, derivations: { derived: [], conditions: [] } })).toEqual({
      helpers: [],
      derived: [],
      periods: [],
      untranslated: [],
    });
  });

  it('writes a condition as its periods: the for clause, its statistics, the periods helper', () => {
    const out = pandasOfDerivations(
      request(
        ['rolling_mean(temp, 10m)'],
        [
          { expression: 'temp > d0 for >= 5m', statsOf: 'temp' },
          { expression: 'hold(mode) == "RUN" for < 30s' },
          { expression: 'running' },
        ],
      ),
    );
    expect(out.periods).toEqual([
      'periods = pd.concat([',
      '    _periods("c0", _cmp(df["temp"], ">", df["d0"]), stats=df["temp"], keep=lambda duration_s: duration_s >= 300),',
      '    _periods("c1", _cmp(_shift(df["mode"], pd.Timedelta(0), pd.Timedelta("1h")), "==", "RUN"), keep=lambda duration_s: duration_s < 30),',
      '    _periods("c2", df["running"]),',
      '])',
    ]);
    expect(out.helpers).toContain(
      'def _periods(name, holds, stats=None, keep=lambda duration_s: duration_s >= 0, hold=pd.Timedelta("1h")):',
    );
    // The run-length of the truth: a period starts where it holds after a row that did not, or after a gap.
    expect(out.helpers).toContain('    starts = held & (~np.concatenate([[False], held[:-1]]) | gap)');
  });

  it('says which derivation it cannot write, and why', () => {
    const out = pandasOfDerivations(request(['rolling_mean(nope, 10m)']));
    expect(out.derived).toEqual([]);
    expect(out.untranslated).toEqual([expect.stringMatching(/^derived\.0\.expression: .*"nope".* at position 13/)]);
  });

  it('writes durations as pandas reads them', () => {
    expect([600_000, 90_000, 1500, 7_200_000, 86_400_000, 1_209_600_000].map(pandasDuration)).toEqual([
      '10min',
      '90s',
      '1500ms',
      '2h',
      '1D',
      '14D',
    ]);
  });
});
