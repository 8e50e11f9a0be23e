import { FANOUT, TOTALS_STRIDE, strideOf } from './summary-layout';
import type { StoreColumn } from './store-format';

/*
 * How big a summary is, and the base block that keeps an export's summaries under a budget.
 *
 *   bytes ≈ ceil(rows / blockRows) × (16 + Σ 8·stride(column)) × 2
 *
 * 16 bytes of block time span, 80 per float column (10 numbers), 88 per boolean or string column
 * (11, plus a string's first and last texts, not counted), and every level above the first adds
 * half the one below (twice level 0 in all). rows is the export's total (all chunks).
 *
 *   a year of 10 one-second floats (31.5 M rows): 2048 rows → 25.5 MB (1024 would be 51 MB)
 *   XL, 50 floats × 1 M rows: 256 → 31.4 MB;  L, 10 × 1 M: 64 → 25.5 MB;  S, 10 × 86,400: 64 → 2.2 MB
 *
 * (Version 2, four blocks a level of 14 numbers: the year 46.6 MB at 1024, XL 29.3, L 23.6.)
 *
 * Smaller blocks let the summary answer closer zooms (it needs blocks narrower than a pixel
 * column); bigger ones bound memory, and cost less to build: every block has a fixed cost per
 * column (opened, folded, closed, merged, encoded, read back).
 */

export const SUMMARY_BUDGET_BYTES = 48 * 2 ** 20;
/**
 * Below this a block costs more to build than it saves: S's chunk took 71 ms to read into its store
 * and summary with 16-row blocks, 47 ms with 64 (in one process, median of 37), and its summary was
 * as big as its rows (8.2 MB); a zoom into fewer blocks than pixels reads the rows instead (S at
 * 50 %: 43,200 rows a column, ~3 ms).
 */
export const MIN_BLOCK_ROWS = 64;

export function summaryBytes(rows: number, columns: readonly StoreColumn[], blockRows: number): number {
  const perBlock = 16 + columns.reduce((n, c) => n + 8 * strideOf(c.kind), 0);
  return Math.ceil(rows / blockRows) * perBlock * (FANOUT / (FANOUT - 1)) + 8 * TOTALS_STRIDE * columns.length;
}

/** The smallest power of two (>= MIN_BLOCK_ROWS) that keeps the summaries of `rows` rows within the budget. */
export function baseBlockRows(rows: number, columns: readonly StoreColumn[], budget = SUMMARY_BUDGET_BYTES): number {
  let blockRows = MIN_BLOCK_ROWS;
  while (summaryBytes(rows, columns, blockRows) > budget) blockRows *= 2;
  return blockRows;
}
