import type { SpacingHistogram } from './spacing-histogram';
import type { StoreColumn } from './store-format';

/*
 * A chunk's pyramid of summaries, the part kept in memory. Level 0 has one block per `blockRows`
 * rows of the chunk (the last one shorter); a block of level j merges `fanout` blocks of level
 * j-1, up to one block. Blocks are rows, not time: every column of a chunk shares them, so a
 * block's time span is kept once (level 0; a coarser block spans its first child's start to its
 * last child's end), and block k of level 0 is rows [k·blockRows, (k+1)·blockRows): a store read
 * needs no other index. Below level 0, on disk beside the store, the fine index (fine-index.ts)
 * holds every 8 rows' M4 as offsets into them.
 *
 * Each column's blocks of a level are one Float64Array, `stride` numbers a block, at the offsets
 * below: what a chart needs (M4: first, min, max, last with their times; the longest pause, where
 * a line breaks; changes, for step lanes). A block without a value of the column has count 0,
 * tFirst NaN, gap -1. String columns keep their first and last value as indexes into `strings`,
 * and no min or max. What only the chunk's statistics need (a compensated sum, where the longest
 * pause starts) is kept once per column for the whole chunk (`totals`), not in every block.
 */

export const F = {
  count: 0,
  first: 1,
  tFirst: 2,
  last: 3,
  tLast: 4,
  /** Longest time between two consecutive values inside the block (-1: fewer than two values). */
  gap: 5,
  min: 6,
  tMin: 7,
  max: 8,
  tMax: 9,
  /** Consecutive values inside the block that differ (boolean and string columns: step lanes). */
  changes: 10,
} as const;

/** The chunk's totals of a numeric column: sum + sumLo is the sum of its values, to about 2^-106 of the sum of their magnitudes (Neumaier). */
export const T = { sum: 0, sumLo: 1, gapFrom: 2 } as const;
export const TOTALS_STRIDE = 3;

/*
 * Two blocks make the next level, so that a zoom finds blocks between half a pixel column and a
 * whole one (summary-plan.ts): one to two a column, where four made it one to four (XL's full view
 * folded 195,000 blocks, 3.9 a column, 5.2 ms of its 6.6). The levels above the first then weigh as
 * much as it (twice level 0 in all, four thirds with four): paid for by blocks that keep only what
 * a chart needs (10 numbers a float, 14 before).
 */
export const FANOUT = 2;

/** Floats: M4 and the pause (no changes: a line does not count them). */
export const FLOAT_STRIDE = 10;
export const BOOLEAN_STRIDE = 11;
/** Strings have no min or max: their slots stay unused (string columns are rare, and one layout keeps F one map). */
export const STRING_STRIDE = 11;
export const strideOf = (kind: StoreColumn['kind']) =>
  kind === 'float' ? FLOAT_STRIDE : kind === 'boolean' ? BOOLEAN_STRIDE : STRING_STRIDE;

export interface SummaryLevel {
  blocks: number;
  /** One array per column, `strideOf(kind) * blocks` long. */
  data: Float64Array[];
}

/** A column's level-0 blocks that hold long pauses, also kept as pieces split at them (block-splits.ts). */
export interface BlockSplits {
  /** Split level-0 blocks, ascending. */
  blocks: number[];
  /** Block i's pieces are records [start[i], start[i + 1]) of `pieces`. */
  start: number[];
  /** Longest pause inside a piece of each block (-1: none). */
  unsplit: number[];
  /** Piece records, the fields and stride of a block's. */
  pieces: Float64Array;
}

export interface ChunkSummary {
  columns: StoreColumn[];
  rows: number;
  blockRows: number;
  fanout: number;
  /** Level 0: time of each block's first and last row. */
  blockStart: Float64Array;
  blockEnd: Float64Array;
  levels: SummaryLevel[];
  /** Per column, TOTALS_STRIDE numbers (T) for the whole chunk (NaN for a string column's sums). */
  totals: Float64Array;
  /** First and last values of string blocks, each distinct string once. */
  strings: string[];
  /** Per column, the spacing between consecutive values (for the usual spacing of a signal). */
  spacing: SpacingHistogram[];
  /** Per column, level-0 blocks with long pauses inside, also as pieces between them (block-splits.ts). */
  splits: BlockSplits[];
}

/** Level-0 blocks [a, b) under block k of level j. */
export function childrenRange(s: ChunkSummary, level: number, k: number): [number, number] {
  const span = s.fanout ** level;
  return [k * span, Math.min((k + 1) * span, s.blockStart.length)];
}
