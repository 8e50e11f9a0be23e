import { BOOL_NULL, type ColumnData } from '../formats/row-batch';
import { F, NUMERIC_STRIDE } from '../store/summary-layout';
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

const run = new Float64Array(NUMERIC_STRIDE);

function feedNumbers(b: SeriesBuilder, ts: Float64Array, values: Float64Array, buckets: Int32Array, points: number) {
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
