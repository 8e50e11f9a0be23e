import { type ColumnData, type NanMarks, type RowBatch } from '../row-batch';

/*
 * A batch put in time order, stably: rows with the same timestamp keep the order the file gave
 * them. The permutation is sorted, then every column gathered through it (a new batch: the
 * caller's arrays are left as they were).
 */

/** The rows of `ts` in time order, ties in their order (V8's sort is a stable TimSort: runs in order cost little). */
function timeOrder(ts: Float64Array, n = ts.length): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => ts[a]! - ts[b]! || a - b);
}

function gatherNan(nan: NanMarks | undefined, order: Uint32Array): NanMarks | undefined {
  if (nan === undefined || nan === 'all') return nan;
  const out = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = nan[order[i]!]!;
  return out;
}

/** A column's rows in `order`. */
function gatherColumn(data: ColumnData, order: Uint32Array): ColumnData {
  const n = order.length;
  switch (data.kind) {
    case 'float': {
      const src = data.values;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = src[order[i]!]!;
      const nan = gatherNan(data.nan, order);
      return nan ? { kind: 'float', values, nan } : { kind: 'float', values };
    }
    case 'boolean': {
      const src = data.values;
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = src[order[i]!]!;
      return { kind: 'boolean', values };
    }
    case 'string': {
      const src = data.values;
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) values[i] = src[order[i]!] ?? null;
      return { kind: 'string', values };
    }
  }
}

/** The batch in time order (stable). */
export function sortBatch(batch: RowBatch): RowBatch {
  const order = timeOrder(batch.timestamps, batch.rowCount);
  const timestamps = new Float64Array(batch.rowCount);
  for (let i = 0; i < order.length; i++) timestamps[i] = batch.timestamps[order[i]!]!;
  return { rowCount: batch.rowCount, timestamps, columns: batch.columns.map((c) => ({ name: c.name, data: gatherColumn(c.data, order) })) };
}
