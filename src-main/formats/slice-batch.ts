import type { ColumnData, RowBatch } from './row-batch';

/** Rows [from, to) of a batch: views of its typed arrays (no copy), a copy of its string arrays. */
export function sliceBatch(batch: RowBatch, from: number, to: number): RowBatch {
  const slice = (d: ColumnData): ColumnData =>
    d.kind === 'float'
      ? {
          kind: 'float',
          values: d.values.subarray(from, to),
          ...(d.nan ? { nan: d.nan === 'all' ? 'all' : d.nan.subarray(from, to) } : {}),
        }
      : d.kind === 'boolean'
        ? { kind: 'boolean', values: d.values.subarray(from, to) }
        : { kind: 'string', values: d.values.slice(from, to) };
  return {
    rowCount: to - from,
    timestamps: batch.timestamps.subarray(from, to),
    columns: batch.columns.map((c) => ({ name: c.name, data: slice(c.data) })),
  };
}

/** The batch cut into batches of at most `rows` rows. */
export function* slicesOf(batch: RowBatch, rows: number): Generator<RowBatch> {
  for (let from = 0; from < batch.rowCount; from += rows) yield sliceBatch(batch, from, Math.min(batch.rowCount, from + rows));
}

/** The first row at or after `t` (timestamps ascending): a bisection. */
export function rowAtOrAfter(timestamps: Float64Array, t: number, from = 0, to = timestamps.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
