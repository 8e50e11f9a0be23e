import { table as arqueroTable, type ColumnTable } from 'arquero';
import { cellAt, type RowBatch } from '../../formats/row-batch';

/**
 * The decoded table as an arquero table, for ad-hoc wrangling (bench, scripts). Float columns and
 * the timestamps are wrapped as they are (no copy); booleans become true/false/null.
 */
export function toArqueroTable(decoded: RowBatch): ColumnTable {
  const columns: Record<string, ArrayLike<unknown>> = { timestamp: decoded.timestamps };
  for (const c of decoded.columns) {
    columns[c.name] = c.data.kind === 'boolean' ? Array.from({ length: decoded.rowCount }, (_, i) => cellAt(c.data, i)) : c.data.values;
  }
  return arqueroTable(columns);
}
