import { BOOL_NULL, type ColumnData } from '../formats/row-batch';
import type { SeriesBuilder } from './series-builder';

/**
 * Raw rows into a series: each value with its pixel column, either one per row (`buckets`, rows
 * outside the range marked -1) or one for all (a level-0 block belongs to one column whole).
 */
export function feedRows(b: SeriesBuilder, ts: Float64Array, data: ColumnData, buckets: Int32Array | number): void {
  const fixed = typeof buckets === 'number';
  if (fixed) b.setBucket(buckets);
  const n = ts.length;
  for (let i = 0; i < n; i++) {
    if (!fixed) {
      const bucket = buckets[i]!;
      if (bucket < 0) continue;
      b.setBucket(bucket);
    }
    if (data.kind === 'float') {
      const x = data.values[i]!;
      if (x === x) b.value(ts[i]!, x);
    } else if (data.kind === 'boolean') {
      const x = data.values[i]!;
      if (x !== BOOL_NULL) b.value(ts[i]!, x);
    } else {
      const x = data.values[i];
      if (x != null) b.textValue(ts[i]!, x);
    }
  }
}
