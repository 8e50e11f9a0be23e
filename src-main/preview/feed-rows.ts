import { BOOL_NULL, type ColumnData } from '../formats/row-batch';
import { BOOLEAN_STRIDE, F } from '../store/summary-layout';
import type { SeriesBuilder } from './series-builder';

/*
 * Raw rows into a series: each value with its pixel column, either one per row (`buckets`, rows
 * outside the range marked -1 or `points`) or one for all (a level-0 block belongs to one column
 * whole). Numbers go a run at a time: the values of one column up to a pause over the threshold
 * are folded in a tight loop into a block record, handed over like a summary block (a call per
 * value made XL's 1 % zoom three times slower).
 */

export function feedRows(b: SeriesBuilder, ts: Float64Array, data: ColumnData, buckets: Int32Array | number, points = Infinity): void {
  // One shape for the loop: Float64Array values (booleans copied as 0/1, NaN for none), a column
  // per row (a block's single column filled in). The copies are for the rare cases.
  const cols = typeof buckets === 'number' ? new Int32Array(ts.length).fill(buckets) : buckets;
  if (data.kind === 'float') feedNumbers(b, ts, data.values, cols, points);
  else if (data.kind === 'boolean') {
    const values = Float64Array.from(data.values, (x) => (x === BOOL_NULL ? NaN : x));
    feedNumbers(b, ts, values, cols, points);
  } else {
    for (let i = 0; i < ts.length; i++) {
      const x = data.values[i];
      if (x == null || cols[i]! < 0 || cols[i]! >= points) continue;
      b.setBucket(cols[i]!);
      b.textValue(ts[i]!, x);
    }
  }
}

const run = new Float64Array(BOOLEAN_STRIDE);

export function feedNumbers(b: SeriesBuilder, ts: Float64Array, values: Float64Array, buckets: Int32Array, points: number) {
  const threshold = b.threshold;
  const n = ts.length;
  let i = 0;
  while (i < n) {
    const x0 = values[i]!;
    const bucket = buckets[i]!;
    if (x0 !== x0 || bucket < 0 || bucket >= points) {
      i++;
      continue;
    }
    const first = x0;
    const tFirst = ts[i]!;
    let min = x0;
    let tMin = tFirst;
    let max = x0;
    let tMax = tFirst;
    let last = x0;
    let tLast = tFirst;
    let count = 1;
    let changes = 0;
    let j = i + 1;
    for (; j < n; j++) {
      const x = values[j]!;
      if (x !== x) continue;
      if (buckets[j] !== bucket) break;
      const t = ts[j]!;
      if (t - tLast > threshold) break;
      if (x !== last) changes++;
      if (x < min) {
        min = x;
        tMin = t;
      } else if (x > max) {
        max = x;
        tMax = t;
      }
      last = x;
      tLast = t;
      count++;
    }
    run[F.count] = count;
    run[F.first] = first;
    run[F.tFirst] = tFirst;
    run[F.last] = last;
    run[F.tLast] = tLast;
    run[F.changes] = changes;
    run[F.min] = min;
    run[F.tMin] = tMin;
    run[F.max] = max;
    run[F.tMax] = tMax;
    b.setBucket(bucket);
    b.block(run, 0);
    i = j;
  }
}

/**
 * Rows cut where their pixel column changes, shared by every column of a part: `starts[k]` is the
 * first row of the k-th run, `columns[k]` its pixel column (runs outside the range left out, their
 * ends marked by the next start or `ends[k]`); `maxPause` the longest time between two rows.
 */
export interface PixelRuns {
  starts: Int32Array;
  ends: Int32Array;
  columns: Int32Array;
  count: number;
  maxPause: number;
}

/** Null when the rows are not in time order (more runs than pixel columns): feedNumbers then takes them. */
export function pixelRuns(ts: Float64Array, buckets: Int32Array, points: number): PixelRuns | null {
  const n = ts.length;
  const starts = new Int32Array(Math.min(n, points + 1));
  const ends = new Int32Array(starts.length);
  const columns = new Int32Array(starts.length);
  let count = 0;
  let maxPause = 0;
  let i = 0;
  while (i < n) {
    const u = buckets[i]!;
    let j = i + 1;
    while (j < n && buckets[j] === u) j++;
    if (u >= 0 && u < points) {
      if (count === starts.length) return null;
      starts[count] = i;
      ends[count] = j;
      columns[count++] = u;
    }
    i = j;
  }
  for (let k = 1; k < n; k++) if (ts[k]! - ts[k - 1]! > maxPause) maxPause = ts[k]! - ts[k - 1]!;
  return { starts, ends, columns, count, maxPause };
}

/**
 * A float column's rows of one part, run by run (their pauses known to be under the threshold:
 * `runs.maxPause`). The first run goes through block(), which breaks the line after a pause since
 * the part before; the others fold in SeriesBuilder.lineRuns, a loop that only compares values:
 * XL's 1 % zoom folds 500,000 values, and feedNumbers' per-row checks of column and pause took
 * 7 ns a value. A run with a NaN (no value) hands the rest of the part to feedNumbers.
 */
export function feedLineRuns(
  b: SeriesBuilder,
  ts: Float64Array,
  values: Float64Array,
  buckets: Int32Array,
  runs: PixelRuns,
  points: number,
): void {
  const { starts, ends, columns, count } = runs;
  if (!count) return;
  const rest = (k: number) => feedNumbers(b, ts.subarray(starts[k]!), values.subarray(starts[k]!), buckets.subarray(starts[k]!), points);
  const i0 = starts[0]!;
  const i1 = ends[0]!;
  let min = values[i0]!;
  let iMin = i0;
  let max = min;
  let iMax = i0;
  for (let j = i0; j < i1; j++) {
    const x = values[j]!;
    if (x !== x) return rest(0);
    if (x < min) {
      min = x;
      iMin = j;
    } else if (x > max) {
      max = x;
      iMax = j;
    }
  }
  run[F.count] = i1 - i0;
  run[F.first] = values[i0]!;
  run[F.tFirst] = ts[i0]!;
  run[F.last] = values[i1 - 1]!;
  run[F.tLast] = ts[i1 - 1]!;
  run[F.changes] = 0;
  run[F.min] = min;
  run[F.tMin] = ts[iMin]!;
  run[F.max] = max;
  run[F.tMax] = ts[iMax]!;
  b.setBucket(columns[0]!);
  b.block(run, 0);
  const k = b.lineRuns(ts, values, starts, ends, columns, 1, count);
  if (k < count) rest(k);
}
