import type { ColumnInfo, Series, TimeRange } from '../../src-preload/contract';
import type { DecodedTable } from '../exports/table/decoded-table';
import { changePoints } from './change-points';
import { m4 } from './downsample';
import { rowsInRange } from './time-index';

export interface SeriesAnswer {
  range: TimeRange;
  fullRange: TimeRange | null;
  series: Series[];
}

/** Every column over a range (default: all of it), each within `points` points. */
export function buildSeries(table: DecodedTable, columns: ColumnInfo[], range: TimeRange | undefined, points: number): SeriesAnswer {
  const ts = table.timestamps;
  const fullRange = table.rowCount ? { start: ts[0]!, end: ts[table.rowCount - 1]! } : null;
  const shown = range ?? fullRange ?? { start: 0, end: 0 };
  const { from, to } = rowsInRange(ts, shown);
  const series = table.columns.map((col, i): Series => {
    const info = columns.find((c) => c.name === col.name) ?? columns[i];
    const dataType = info?.signal.dataType ?? (col.data.kind === 'float' ? 'float' : col.data.kind === 'boolean' ? 'boolean' : 'string');
    const physicalUnit = info?.signal.physicalUnit ?? '';
    if (col.data.kind === 'float') {
      const p = m4(ts, col.data.values, from, to, points);
      return { column: col.name, dataType, physicalUnit, shape: 'line', ...p };
    }
    const p = changePoints(ts, col.data, from, to, points);
    return { column: col.name, dataType, physicalUnit, shape: 'steps', ...p };
  });
  return { range: shown, fullRange, series };
}
