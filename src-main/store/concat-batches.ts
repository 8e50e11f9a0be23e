import type { ColumnData, RowBatch } from '../formats/row-batch';

/** Batches of the same columns as one, copied (also a copy of a single batch: the caller may reuse its arrays). */
export function concatBatches(batches: RowBatch[]): RowBatch {
  const rowCount = batches.reduce((n, b) => n + b.rowCount, 0);
  const timestamps = new Float64Array(rowCount);
  let at = 0;
  for (const b of batches) {
    timestamps.set(b.timestamps.subarray(0, b.rowCount), at);
    at += b.rowCount;
  }
  const first = batches[0]!;
  const columns = first.columns.map((c, i) => ({ name: c.name, data: concatColumn(batches, i, c.data.kind, rowCount) }));
  return { rowCount, timestamps, columns };
}

function concatColumn(batches: RowBatch[], i: number, kind: ColumnData['kind'], rows: number): ColumnData {
  if (kind === 'string') {
    const values: (string | null)[] = [];
    for (const b of batches) {
      const data = b.columns[i]!.data as Extract<ColumnData, { kind: 'string' }>;
      for (let r = 0; r < b.rowCount; r++) values.push(data.values[r] ?? null);
    }
    return { kind, values };
  }
  const out = kind === 'float' ? new Float64Array(rows) : new Uint8Array(rows);
  let at = 0;
  for (const b of batches) {
    const values = (b.columns[i]!.data as { values: Float64Array | Uint8Array }).values;
    out.set(values.subarray(0, b.rowCount) as never, at);
    at += b.rowCount;
  }
  return kind === 'float' ? { kind, values: out as Float64Array } : { kind, values: out as Uint8Array };
}
