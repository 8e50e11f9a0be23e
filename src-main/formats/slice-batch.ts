import type { ColumnData, RowBatch } from './row-batch';

/** Rows `[from, to)` of a batch, as views where the column is a typed array (no copy). */
export function sliceBatch(batch: RowBatch, from: number, to: number): RowBatch {
  if (from === 0 && to === batch.rowCount) return batch;
  return {
    rowCount: to - from,
    timestamps: batch.timestamps.subarray(from, to),
    columns: batch.columns.map((c) => ({ name: c.name, data: sliceColumn(c.data, from, to) })),
  };
}

function sliceColumn(data: ColumnData, from: number, to: number): ColumnData {
  switch (data.kind) {
    case 'float':
      return { kind: 'float', values: data.values.subarray(from, to) };
    case 'boolean':
      return { kind: 'boolean', values: data.values.subarray(from, to) };
    case 'string':
      return { kind: 'string', values: data.values.slice(from, to) };
  }
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
