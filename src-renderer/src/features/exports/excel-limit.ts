import { COMMON_INTERVALS, intervalMs, type Values } from '../../../../src-preload/contract';

/** An Excel sheet holds 1,048,576 rows: a header and this many rows of data. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/**
 * The rows a saved file will have, as far as the window can tell before saving: the export's own
 * count for its own values; for an interval, at most one row a bucket over the window (a day of
 * daylight saving may add one). null when it cannot tell (the raw rows of an aggregated export).
 */
export function expectedRows(saved: Values, exported: Values, exportedRows: number, window: { start: number; end: number }): number | null {
  if (saved.kind === 'raw') return exported.kind === 'raw' ? exportedRows : null;
  if (exported.kind === 'every' && exported.interval === saved.interval && exported.timeZone === saved.timeZone) return exportedRows;
  return Math.ceil((window.end - window.start) / intervalMs(saved.interval)) + 1;
}

/** The shortest common interval whose buckets over the window fit one sheet, or null when not even one a day would. */
export function intervalThatFits(window: { start: number; end: number }, maxRows = EXCEL_MAX_DATA_ROWS): string | null {
  for (const interval of COMMON_INTERVALS) {
    if (Math.ceil((window.end - window.start) / intervalMs(interval)) + 1 <= maxRows) return interval;
  }
  return null;
}
