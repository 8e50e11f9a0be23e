import type { SpacingHistogram } from './spacing-histogram';
import type { StoreColumn } from './store-format';

/*
 * A chunk's multi-resolution summary. Level 0 has one block per `blockRows` rows of the chunk
 * (the last one shorter); a block of level j merges `fanout` blocks of level j-1, up to one block.
 * Blocks are rows, not time: every column of a chunk shares them, so a block's time span is kept
 * once (level 0; a coarser block spans its first child's start to its last child's end), and block
 * k of level 0 is rows [k·blockRows, (k+1)·blockRows): a store read needs no other index.
 *
 * Each column's blocks of a level are one Float64Array, `stride` numbers a block, at the offsets
 * below. A block without a value of the column has count 0, tFirst NaN, gap -1. String columns
 * keep what step lanes need (first and last value as indexes into `strings`, changes); numeric
 * ones (float, and boolean as 0/1) add min and max with their times and a compensated sum.
 */

export const F = {
  count: 0,
  first: 1,
  tFirst: 2,
  last: 3,
  tLast: 4,
  /** Longest time between two consecutive values inside the block (-1: fewer than two values). */
  gap: 5,
  gapFrom: 6,
  /** Consecutive values inside the block that differ. */
  changes: 7,
  min: 8,
  tMin: 9,
  max: 10,
  tMax: 11,
  /** sum + sumLo is the sum of the values, to about 2^-106 of the sum of their magnitudes (Neumaier). */
  sum: 12,
  sumLo: 13,
} as const;

/*
 * Four blocks make the next level: +33 % over level 0 (two would double it), and a pixel column
 * still finds blocks between a quarter of its width and its width.
 */
export const FANOUT = 4;

export const STRING_STRIDE = 8;
export const NUMERIC_STRIDE = 14;
export const strideOf = (kind: StoreColumn['kind']) => (kind === 'string' ? STRING_STRIDE : NUMERIC_STRIDE);

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
