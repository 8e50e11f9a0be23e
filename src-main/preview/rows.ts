import { cellAt, type Cell, type RowBatch } from '../formats/row-batch';

/** A page of rows for the table view: `timestamp` (epoch ms) first, then each column. */
export function rowsPage(table: RowBatch, offset: number, limit: number): { columns: string[]; rows: Cell[][]; total: number } {
  const end = Math.min(table.rowCount, offset + limit);
  const rows: Cell[][] = [];
  for (let i = offset; i < end; i++) {
    const row: Cell[] = [table.timestamps[i]!];
    for (const c of table.columns) row.push(cellAt(c.data, i));
    rows.push(row);
  }
  return { columns: ['timestamp', ...table.columns.map((c) => c.name)], rows, total: table.rowCount };
}
