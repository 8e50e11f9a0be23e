import { describe, expect, it } from 'vitest';
import { planDerivations, type DeriveColumn, type ValueType } from '../../src-preload/contract/derive';
import { BOOL_NULL, type RowBatch } from '../formats/row-batch';
import { createDeriver } from './deriver';
import { cellsOf } from './testing/tables';

/*
 * Each function on a small table worked out by hand: seconds 0, 1, 2, 3, 4, then a pause to 10, 11;
 * x and y with missing values, a true/false and a string column.
 */

const S = 1000;
const T = [0, 1, 2, 3, 4, 10, 11].map((s) => s * S);
const x = [1, 2, NaN, 4, 5, 6, 8];
const y = [10, NaN, 30, 40, 50, 60, 70];
const on = [1, 0, BOOL_NULL, 1, 1, 0, 1];
const mode = ['RUN', 'RUN', null, 'STOP', 'RUN', 'RUN', null];

const columns: DeriveColumn[] = [
  { name: 'x', type: 'number', unit: '' },
  { name: 'y', type: 'number', unit: '°C' },
  { name: 'on', type: 'boolean', unit: '' },
  { name: 'mode', type: 'string', unit: '' },
];
const types = new Map<string, ValueType>(columns.map((c) => [c.name, c.type]));

const table = (xs = x): RowBatch => ({
  rowCount: T.length,
  timestamps: Float64Array.from(T),
  columns: [
    { name: 'x', data: { kind: 'float', values: Float64Array.from(xs) } },
    { name: 'y', data: { kind: 'float', values: Float64Array.from(y) } },
    { name: 'on', data: { kind: 'boolean', values: Uint8Array.from(on) } },
    { name: 'mode', data: { kind: 'string', values: mode } },
  ],
});

function derive(expression: string, batch = table()) {
  const r = planDerivations(columns, { derived: [{ name: 'out', expression }], conditions: [] });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  const out = createDeriver(r.plan, types).push(batch).batch;
  expect(out.columns.slice(0, 4)).toEqual(batch.columns);
  return cellsOf(out.columns[4]!.data);
}

const F = false;

describe('each function, by hand', () => {
  it.each([
    ['x + y', [11, NaN, NaN, 44, 55, 66, 78]],
    ['x / (x - 1)', [NaN, 2, NaN, 4 / 3, 5 / 4, 6 / 5, 8 / 7]],
    ['x % 3', [1, 2, NaN, 1, 2, 0, 2]],
    ['-7 % 3 + x * 0', [2, 2, NaN, 2, 2, 2, 2]],
    ['7 % -3 + x * 0', [-2, -2, NaN, -2, -2, -2, -2]],
    ['2 ^ x', [2, 4, NaN, 16, 32, 64, 256]],
    ['-x ^ 2', [-1, -4, NaN, -16, -25, -36, -64]],
    ['10 ^ 400 + x', [NaN, NaN, NaN, NaN, NaN, NaN, NaN]],
    ['abs(x - 3)', [2, 1, NaN, 1, 2, 3, 5]],
    ['min(x, y, 3)', [1, 2, 3, 3, 3, 3, 3]],
    ['max(x, y)', [10, 2, 30, 40, 50, 60, 70]],
    ['on + 1', [2, 1, NaN, 2, 2, 1, 2]],
    ['if(on, x, y)', [1, NaN, NaN, 4, 5, 60, 8]],
    ['if(on, x, on)', [1, 0, NaN, 4, 5, 0, 8]],
    ['if(mode == "RUN", "yes", mode)', ['yes', 'yes', null, 'STOP', 'yes', 'yes', null]],
    ['convert(y, "degC", "degF")', [50, NaN, 86, 104, 122, 140, 158]],
    ['convert(y, "°C", "K")', [283.15, NaN, 303.15, 313.15, 323.15, 333.15, 343.15]],
    ['rolling_mean(x, 3s)', [1, 1.5, 1.5, 3, 4.5, 6, 7]],
    ['rolling_sum(x, 3s)', [1, 3, 3, 6, 9, 6, 14]],
    ['rolling_min(x, 3s)', [1, 1, 1, 2, 4, 6, 6]],
    ['rolling_max(x, 3s)', [1, 2, 2, 4, 5, 6, 8]],
    ['rolling_mean(on, 2s)', [1, 0.5, 0, 1, 1, 0, 0.5]],
    ['rolling_sum(x, 1ms)', [1, 2, NaN, 4, 5, 6, 8]],
    ['shift(x, 2s)', [NaN, NaN, 1, 2, 2, 5, 5]],
    ['shift(x, 2s, 1500ms)', [NaN, NaN, 1, 2, 2, NaN, NaN]],
    ['hold(x, 5s)', [1, 2, 2, 4, 5, 6, 8]],
    ['hold(x, 1s)', [1, 2, NaN, 4, 5, 6, 8]],
    ['hold(mode)', ['RUN', 'RUN', 'RUN', 'STOP', 'RUN', 'RUN', 'RUN']],
    ['hold(on)', [true, F, F, true, true, F, true]],
    ['shift(mode, 1s)', [null, 'RUN', 'RUN', 'RUN', 'STOP', 'RUN', 'RUN']],
    ['diff(x)', [NaN, 1, NaN, 2, 1, 1, 2]],
    ['diff(x, 5s)', [NaN, 1, NaN, 2, 1, NaN, 2]],
    ['rate(x)', [NaN, 1, NaN, 1, 1, 1 / 6, 2]],
    ['rate(y * 1000)', [NaN, NaN, 10_000, 10_000, 10_000, 10_000 / 6, 10_000]],
    ['x > 3', [F, F, null, true, true, true, true]],
    ['on == (x > 3)', [F, true, null, true, true, F, true]],
    ['mode == "RUN"', [true, true, null, F, true, true, null]],
    ['mode != "RUN"', [F, F, null, true, F, F, null]],
    ['on and x > 3', [F, F, null, true, true, F, true]],
    ['on or x > 3', [true, F, null, true, true, true, true]],
    ['x > 100 and mode == "RUN"', [F, F, null, F, F, F, F]],
    ['x > 3 and mode == "RUN"', [F, F, null, F, true, true, null]],
    ['not on', [F, true, null, F, F, true, F]],
    ['5', [5, 5, 5, 5, 5, 5, 5]],
  ])('%s', (expression, want) => {
    const got = derive(expression);
    expect(got.map((v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v))).toEqual(
      (want as unknown[]).map((v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)),
    );
  });

  it('skips an infinity read from a file in windows and min/max, and never makes one', () => {
    const inf = table([1, Infinity, 3, -Infinity, NaN, 1e308, 1e308]);
    expect(derive('rolling_sum(x, 3s)', inf)).toEqual([1, 1, 4, 3, 3, 1e308, NaN]);
    expect(derive('max(x, 2)', inf)).toEqual([2, 2, 3, 2, 2, 1e308, 1e308]);
    expect(derive('x * 1', inf)).toEqual([1, NaN, 3, NaN, NaN, 1e308, 1e308]);
    expect(derive('x * 10', inf)).toEqual([10, NaN, 30, NaN, NaN, NaN, NaN]);
    expect(derive('diff(x)', inf)).toEqual([NaN, NaN, 2, NaN, NaN, 1e308 - 3, 0]);
  });

  it('carries its state between batches, and a saved state (cloned) to a new deriver', () => {
    const r = planDerivations(columns, {
      derived: [{ name: 'out', expression: 'rolling_mean(x, 3s) + shift(y, 1s) + diff(x)' }],
      conditions: [],
    });
    if (!r.ok) throw new Error('plan');
    const whole = cellsOf(createDeriver(r.plan, types).push(table()).batch.columns[4]!.data);
    const first = createDeriver(r.plan, types);
    const b = table();
    const part = (from: number, to: number): RowBatch => ({
      rowCount: to - from,
      timestamps: b.timestamps.slice(from, to),
      columns: b.columns.map((c) => ({
        name: c.name,
        data:
          c.data.kind === 'string'
            ? { kind: 'string', values: c.data.values.slice(from, to) }
            : ({ kind: c.data.kind, values: c.data.values.slice(from, to) } as never),
      })),
    });
    const a = cellsOf(first.push(part(0, 4)).batch.columns[4]!.data);
    const second = createDeriver(r.plan, types, structuredClone(first.state()));
    const c = cellsOf(second.push(part(4, 7)).batch.columns[4]!.data);
    expect([...a, ...c]).toEqual(whole);
    expect(() => second.push(part(0, 1))).toThrow(/out of time order/);
    const other = planDerivations(columns, { derived: [{ name: 'out', expression: 'x' }], conditions: [] });
    expect(() => createDeriver(other.ok ? other.plan : r.plan, types, first.state())).toThrow(/does not fit/);
  });

  it('says which column the rows lack', () => {
    const r = planDerivations(columns, { derived: [{ name: 'out', expression: 'x + y' }], conditions: [] });
    const b = table();
    b.columns = b.columns.filter((c) => c.name !== 'y');
    expect(() => createDeriver(r.ok ? r.plan : (undefined as never), types).push(b)).toThrow(
      'The rows have no column "y" (columns: x, on, mode)',
    );
  });
});
