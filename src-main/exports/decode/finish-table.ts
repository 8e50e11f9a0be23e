import type { ColumnData, RowBatch } from '../../formats/row-batch';
import { DecodeError } from './decode-error';

/*
 * Every decoder ends here: each row must have a real timestamp, and rows must be in time order
 * (the preview searches them by bisection). Files from the API are sorted already; one that is
 * not is sorted here rather than refused.
 */
export function finishTable(table: RowBatch): RowBatch {
  const ts = table.timestamps;
  let sorted = true;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (!Number.isFinite(t)) throw new DecodeError(`Row ${i + 1} has no valid timestamp.`);
    if (i > 0 && t < ts[i - 1]!) sorted = false;
  }
  for (const c of table.columns) {
    if (c.data.values.length !== ts.length)
      throw new DecodeError(`Column "${c.name}" has ${c.data.values.length} values for ${ts.length} rows.`);
  }
  if (sorted) return table;
  const order = Uint32Array.from(ts.keys()).sort((a, b) => ts[a]! - ts[b]! || a - b);
  const permute = (d: ColumnData): ColumnData => {
    switch (d.kind) {
      case 'float':
        return { kind: 'float', values: Float64Array.from(order, (i) => d.values[i]!) };
      case 'boolean':
        return { kind: 'boolean', values: Uint8Array.from(order, (i) => d.values[i]!) };
      case 'string':
        return { kind: 'string', values: Array.from(order, (i) => d.values[i] ?? null) };
    }
  };
  return {
    rowCount: table.rowCount,
    timestamps: Float64Array.from(order, (i) => ts[i]!),
    columns: table.columns.map((c) => ({ name: c.name, data: permute(c.data) })),
  };
}
