import type { ColumnInfo, DataType, SelectedSignal } from '../../../src-preload/contract';
import type { RowBatch } from '../../formats/row-batch';

/** Each column's data type by the names it may have in the file: its `rename`, or its ID. */
export function columnHints(signals: SelectedSignal[]): Record<string, DataType> {
  const hints: Record<string, DataType> = {};
  for (const s of signals) {
    hints[String(s.id)] = s.dataType;
    hints[s.rename] = s.dataType;
  }
  return hints;
}

/*
 * Ties each column of the file back to the signal it holds: by the name it was requested under
 * (`rename`), else by the ID (the API's default name), else, when the file has exactly one column
 * per signal and names match nothing, by position. Columns no signal claims are dropped: the
 * window shows only what was asked for.
 */
export function matchColumns(table: RowBatch, signals: SelectedSignal[]): { table: RowBatch; columns: ColumnInfo[] } {
  const byName = new Map<string, SelectedSignal>();
  for (const s of signals) byName.set(String(s.id), s);
  for (const s of signals) byName.set(s.rename, s);
  const matched = table.columns.flatMap((col) => {
    const signal = byName.get(col.name);
    return signal ? [{ col, signal }] : [];
  });
  const pairs =
    matched.length === 0 && table.columns.length === signals.length
      ? table.columns.map((col, i) => ({ col, signal: signals[i]! }))
      : matched;
  return {
    table: { ...table, columns: pairs.map((p) => p.col) },
    columns: pairs.map((p) => ({ name: p.col.name, signal: p.signal })),
  };
}
