import { addAggregateFunction, op, table as arqueroTable } from 'arquero';
import type { AggregateFn } from '../../src-preload/contract';
import type { ColumnData, RowBatch } from '../formats/row-batch';
import { BOOL_NULL } from '../formats/row-batch';
import type { BucketGrid } from './bucket-grid';

/*
 * One batch's partial aggregates per bucket, computed by arquero (groupby bucket, rollup). Partial
 * because a bucket may go on in the next batch: a mean is kept as its sum and count so that two
 * halves merge exactly (see merge-partials.ts). arquero skips missing values (null, NaN) in every
 * aggregate, so float columns go in as they are, without a copy.
 */

export type Stat = 'n' | 'sum' | 'min' | 'max' | 'first' | 'last';
export type StatValue = number | string | null;

/** The statistics each function needs. */
const STATS: Record<AggregateFn, Stat[]> = {
  mean: ['sum', 'n'],
  sum: ['sum', 'n'],
  count: ['n'],
  min: ['min'],
  max: ['max'],
  first: ['first'],
  last: ['last'],
};

export function statsFor(fns: readonly AggregateFn[]): Stat[] {
  return [...new Set(fns.flatMap((f) => STATS[f]))];
}

// arquero has `any` (an arbitrary value) but no first or last: two aggregates that say what they
// mean. arquero calls `add` with valid values only, in row order; all ops of a column share `s`.
type State = { se_first?: unknown; se_last?: unknown };
const valueOp = (key: keyof State, add: (s: State, v: unknown) => void) => ({
  create: () => ({ init: (s: State) => void (s[key] = null), add, rem: () => {}, value: (s: State) => s[key] }),
  param: [1, 0],
});
addAggregateFunction(
  'se_first',
  valueOp('se_first', (s, v) => void (s.se_first ??= v)),
  { override: true },
);
addAggregateFunction(
  'se_last',
  valueOp('se_last', (s, v) => void (s.se_last = v)),
  { override: true },
);

type OpMaker = (field: string) => object;
const ops = op as unknown as Record<string, OpMaker>;
const STAT_OP: Record<Stat, OpMaker> = {
  n: (f) => ops.valid!(f),
  sum: (f) => ops.sum!(f),
  min: (f) => ops.min!(f),
  max: (f) => ops.max!(f),
  first: (f) => ops.se_first!(f),
  last: (f) => ops.se_last!(f),
};

export interface BatchPartials {
  /** Start of each bucket met in the batch, ascending. */
  starts: number[];
  /** Per column, per statistic, one value per bucket. */
  columns: Partial<Record<Stat, ArrayLike<StatValue>>>[];
}

/**
 * What arquero gets for a column, `rows` long: floats as they are (a view if the batch's array is
 * longer); booleans as 0/1/NaN; strings as they are.
 */
function arqueroValues(data: ColumnData, rows: number): ArrayLike<unknown> {
  if (data.kind === 'float') return data.values.length === rows ? data.values : data.values.subarray(0, rows);
  if (data.kind === 'string') return data.values.length === rows ? data.values : data.values.slice(0, rows);
  const out = new Float64Array(rows);
  for (let i = 0; i < out.length; i++) {
    const v = data.values[i]!;
    out[i] = v === BOOL_NULL ? NaN : v;
  }
  return out;
}

/**
 * Numbers each row's bucket (0, 1, 2… in time order): one comparison per row, the grid is asked
 * once per bucket. Throws when rows go back in time (buckets could not be streamed).
 */
function bucketRows(timestamps: Float64Array, rowCount: number, grid: BucketGrid, after: number): { keys: Uint32Array; starts: number[] } {
  const keys = new Uint32Array(rowCount);
  const starts: number[] = [];
  let end = -Infinity;
  let prev = after;
  let k = -1;
  for (let i = 0; i < rowCount; i++) {
    const t = timestamps[i]!;
    if (!(t >= prev)) throw new Error(`Rows out of time order at ${new Date(t).toISOString()}: aggregation needs ascending timestamps`);
    prev = t;
    if (t >= end) {
      starts.push(grid.floor(t));
      end = grid.next(t);
      k++;
    }
    keys[i] = k;
  }
  return { keys, starts };
}

/** `after`: the last timestamp of the previous batch (rows must not go back before it). */
export function rollupBatch(batch: RowBatch, grid: BucketGrid, stats: Stat[], after = -Infinity): BatchPartials {
  const { keys, starts } = bucketRows(batch.timestamps, batch.rowCount, grid, after);
  const data: Record<string, ArrayLike<unknown>> = { bucket: keys };
  const rollup: Record<string, object> = {};
  batch.columns.forEach((c, j) => {
    data[`c${j}`] = arqueroValues(c.data, batch.rowCount);
    for (const s of stats) rollup[`c${j}_${s}`] = STAT_OP[s](`c${j}`);
  });
  const out = arqueroTable(data).groupby('bucket').rollup(rollup);
  return {
    starts,
    columns: batch.columns.map((_, j) => Object.fromEntries(stats.map((s) => [s, out.array(`c${j}_${s}`) as ArrayLike<StatValue>]))),
  };
}
