import type { ColumnInfo, Series, TimeRange } from '../../src-preload/contract';
import type { RowBatch } from '../formats/row-batch';
import { changePoints } from './change-points';
import { GAP_FACTOR, m4, usualSpacing } from './downsample';
import { rowsInRange } from './time-index';
import { yieldToLoop } from './yield-to-loop';

export interface SeriesAnswer {
  range: TimeRange;
  fullRange: TimeRange | null;
  series: Series[];
}

/** A float column's gap threshold, from its whole export: computed once per column of a table. */
const breakAfter = new WeakMap<Float64Array, number>();
function breakAfterMs(ts: Float64Array, values: Float64Array): number {
  let ms = breakAfter.get(values);
  if (ms === undefined) {
    ms = GAP_FACTOR * usualSpacing(ts, values);
    breakAfter.set(values, ms);
  }
  return ms;
}

/**
 * Every column over a range (default: all of it) for a chart `points` pixel columns wide: floats
 * as M4 per pixel column with nulls only at real gaps, others as change points. One column at a
 * time, giving the event loop back in between: this runs in the process that answers the window,
 * and 50 columns of a million rows at once would freeze it for most of a second.
 */
export async function buildSeries(
  table: RowBatch,
  columns: ColumnInfo[],
  range: TimeRange | undefined,
  points: number,
): Promise<SeriesAnswer> {
  const ts = table.timestamps;
  const fullRange = table.rowCount ? { start: ts[0]!, end: ts[table.rowCount - 1]! } : null;
  const shown = range ?? fullRange ?? { start: 0, end: 0 };
  const { from, to } = rowsInRange(ts, shown);
  const series: Series[] = [];
  for (const [i, col] of table.columns.entries()) {
    if (i > 0) await yieldToLoop();
    const info = columns.find((c) => c.name === col.name) ?? columns[i];
    const dataType = info?.signal.dataType ?? (col.data.kind === 'float' ? 'float' : col.data.kind === 'boolean' ? 'boolean' : 'string');
    const physicalUnit = info?.signal.physicalUnit ?? '';
    if (col.data.kind === 'float') {
      const gap = breakAfterMs(ts, col.data.values);
      series.push({ column: col.name, dataType, physicalUnit, shape: 'line', ...m4(ts, col.data.values, from, to, shown, points, gap) });
    } else {
      series.push({ column: col.name, dataType, physicalUnit, shape: 'steps', ...changePoints(ts, col.data, from, to, points) });
    }
  }
  return { range: shown, fullRange, series };
}
