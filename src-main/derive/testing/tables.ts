import fc from 'fast-check';
import { planDerivations, type DeriveColumn, type DerivationPlan, type ValueType } from '../../../src-preload/contract/derive';
import { BOOL_NULL, type ColumnData, type RowBatch } from '../../formats/row-batch';
import type { Cell, RefColumn, Table } from './reference';

/*
 * Random small tables (a float, a second float, a true/false and a string column, values missing
 * here and there, timestamps a few ms apart, repeated at times) and random expressions over them
 * that use every function, with windows, shifts and holds of a few ms so that they fill, slide and
 * run dry within a table; and the cuts of a table into chunks and batches.
 */

export const T0 = 1_700_000_000_000;

export const SIGNALS: DeriveColumn[] = [
  { name: 'a', type: 'number', unit: '' },
  { name: 'Flow In', type: 'number', unit: 'm³/h' },
  { name: 'on', type: 'boolean', unit: '' },
  { name: 'mode', type: 'string', unit: '' },
];

export const signalTypes = new Map<string, ValueType>(SIGNALS.map((s) => [s.name, s.type]));

const number = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -20, max: 20 }) },
  { weight: 3, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0.1, 0.2, 0.3, 1e15, -1e15, 1e-9, -0) },
);
const maybe = <T>(arb: fc.Arbitrary<T>, none: T) => fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(none) });

export const tableArb: fc.Arbitrary<Table> = fc.integer({ min: 0, max: 90 }).chain((n) =>
  fc
    .record({
      steps: fc.array(fc.constantFrom(0, 1, 1, 1, 2, 3, 5, 13), { minLength: n, maxLength: n }),
      a: fc.array(maybe(number, NaN), { minLength: n, maxLength: n }),
      f: fc.array(maybe(number, NaN), { minLength: n, maxLength: n }),
      on: fc.array(maybe(fc.boolean(), null), { minLength: n, maxLength: n }),
      mode: fc.array(maybe(fc.constantFrom('RUN', 'STOP'), null), { minLength: n, maxLength: n }),
    })
    .map(({ steps, a, f, on, mode }) => {
      let at = T0;
      const t = steps.map((s) => (at += s));
      const columns = new Map<string, RefColumn>([
        ['a', { kind: 'number', cells: a }],
        ['Flow In', { kind: 'number', cells: f }],
        ['on', { kind: 'boolean', cells: on }],
        ['mode', { kind: 'string', cells: mode }],
      ]);
      return { t, columns };
    }),
);

function dataOf(c: RefColumn, from: number, to: number): ColumnData {
  const cells = c.cells.slice(from, to);
  if (c.kind === 'number') return { kind: 'float', values: Float64Array.from(cells as number[]) };
  if (c.kind === 'boolean') return { kind: 'boolean', values: Uint8Array.from(cells, (v) => (v === null ? BOOL_NULL : v ? 1 : 0)) };
  return { kind: 'string', values: cells as (string | null)[] };
}

/** Rows [from, to) as a batch, fresh arrays. */
export function batchOf(table: Table, from: number, to: number): RowBatch {
  return {
    rowCount: to - from,
    timestamps: Float64Array.from(table.t.slice(from, to)),
    columns: [...table.columns].map(([name, c]) => ({ name, data: dataOf(c, from, to) })),
  };
}

export function cellsOf(data: ColumnData): Cell[] {
  if (data.kind === 'float') return Array.from(data.values);
  if (data.kind === 'boolean') return Array.from(data.values, (v) => (v === BOOL_NULL ? null : v === 1));
  return [...data.values];
}

/** Cut points in [0, n]: where chunks (or batches) begin, ascending, 0 first. */
export const cutsArb = (max = 6) => fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: max });

/** Rows of [from, to) cut at the fractions `at` into consecutive ranges (some empty). */
export function ranges(from: number, to: number, at: number[]): [number, number][] {
  const points = [from, ...at.map((f) => from + Math.floor(f * (to - from))).sort((x, y) => x - y), to];
  return points.slice(1).map((p, i) => [points[i]!, p]);
}

const ms = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => `${v}ms`);

/** Expressions as text, by kind, using every function. */
const { num, bool, str } = fc.letrec<{ num: string; bool: string; str: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', '`Flow In`', 'a', '`Flow In`', '3', '0.5', 'on'),
    fc.tuple(fc.constantFrom('+', '-', '*', '/', '%', '^'), tie('num'), tie('num')).map(([op, x, y]) => `(${x} ${op} ${y})`),
    tie('num').map((x) => `-(${x})`),
    tie('num').map((x) => `abs(${x})`),
    fc
      .tuple(fc.constantFrom('min', 'max'), fc.array(tie('num'), { minLength: 2, maxLength: 3 }))
      .map(([f, xs]) => `${f}(${xs.join(', ')})`),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, x, y]) => `if(${c}, ${x}, ${y})`),
    fc.tuple(tie('bool'), tie('num')).map(([c, x]) => `if(${c}, ${x}, on)`),
    tie('num').map((x) => `convert(${x} * 1, "degC", "degF")`),
    fc.constant('convert(`Flow In`, "m3/h", "L/s")'),
    fc
      .tuple(fc.constantFrom('rolling_mean', 'rolling_min', 'rolling_max', 'rolling_sum'), tie('num'), ms(1, 12))
      .map(([f, x, w]) => `${f}(${x}, ${w})`),
    fc.tuple(tie('num'), ms(0, 10), ms(1, 15)).map(([x, d, h]) => `shift(${x}, ${d}, ${h})`),
    fc.tuple(tie('num'), ms(1, 15)).map(([x, h]) => `hold(${x}, ${h})`),
    fc.tuple(fc.constantFrom('diff', 'rate'), tie('num'), ms(1, 15)).map(([f, x, h]) => `${f}(${x}, ${h})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('on', 'true'),
    fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>='), tie('num'), tie('num')).map(([op, x, y]) => `(${x}) * 1 ${op} ${y}`),
    fc.tuple(fc.constantFrom('==', '!='), tie('str'), fc.constantFrom('"RUN"', '"STOP"', 'mode')).map(([op, x, y]) => `${x} ${op} ${y}`),
    fc.tuple(fc.constantFrom('==', '!='), tie('bool'), fc.constantFrom('on', 'false')).map(([op, x, y]) => `(${x}) ${op} ${y}`),
    fc.tuple(fc.constantFrom('and', 'or'), tie('bool'), tie('bool')).map(([op, x, y]) => `(${x}) ${op} (${y})`),
    tie('bool').map((x) => `not (${x})`),
    fc.tuple(tie('bool'), ms(0, 10), ms(1, 15)).map(([x, d, h]) => `shift(${x}, ${d}, ${h})`),
    fc.tuple(tie('bool'), tie('bool'), tie('bool')).map(([c, x, y]) => `if(${c}, ${x}, ${y})`),
  ),
  str: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant('mode'),
    fc.tuple(tie('bool'), tie('str')).map(([c, x]) => `if(${c}, "X", ${x})`),
    fc.tuple(tie('str'), ms(1, 15)).map(([x, h]) => `hold(${x}, ${h})`),
    fc.tuple(tie('str'), ms(0, 10), ms(1, 15)).map(([x, d, h]) => `shift(${x}, ${d}, ${h})`),
  ),
}));

const forClause = fc.option(
  fc.tuple(fc.constantFrom('>=', '>', '<=', '<'), fc.integer({ min: 0, max: 20 })).map(([op, d]) => ` for ${op} ${d}ms`),
  { nil: '' },
);

/** A plan of two derived signals (the second may read the first) and a condition, all checked. */
export const planArb: fc.Arbitrary<DerivationPlan> = fc
  .record({
    first: num,
    second: fc.oneof(
      num,
      bool,
      str,
      num.map((x) => `rolling_mean(d1 + ${x}, 4ms)`),
      fc.constant('shift(d1, 2ms, 5ms)'),
    ),
    condition: fc.oneof(
      bool,
      fc.constant('d1 > 0'),
      bool.map((b) => `(${b}) and d1 < 3`),
    ),
    forClause,
    statsOf: fc.constantFrom(undefined, 'a', 'd1', 'on'),
    holdMs: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ first, second, condition, forClause, statsOf, holdMs }) => {
    const r = planDerivations(SIGNALS, {
      derived: [
        { name: 'd1', expression: first },
        { name: 'd2', expression: second },
      ],
      conditions: [{ name: 'c', expression: condition + forClause, statsOf }],
    });
    if (!r.ok) throw new Error(`${first} | ${second} | ${condition}: ${r.issues.map((i) => i.message).join('; ')}`);
    // A hold of a few ms so that the tables' pauses (up to 13 ms) make gaps.
    r.plan.conditions[0]!.holdMs = holdMs;
    return r.plan;
  });
