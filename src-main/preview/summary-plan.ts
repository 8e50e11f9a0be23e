import { childrenRange, type ChunkSummary } from '../store/summary-layout';
import type { PixelGrid } from './pixel-grid';

/*
 * Which summary blocks make each pixel column of a chunk, the same for every column of the export
 * (blocks are rows, shared by all columns), so it is worked out once per answer.
 *
 * From the top of the pyramid down, the first block no wider than a pixel column (its first row to
 * its last) is a leaf: it goes, whole, to the pixel column holding its middle ((first + last time)
 * / 2; a middle outside the range leaves it out). A level-0 block is a leaf however wide. With two
 * blocks a level, leaves are between half a column and a whole one wide: one or two a column,
 * whatever the size of the export or the zoom (XL's full view: 1.95 a column, 3.9 with four blocks
 * a level and level-0 blocks taken unless a whole coarser block fell in one column).
 *
 * Each row is thus in the column of its leaf's middle, at most half a leaf, so half a pixel
 * column, from its own (a quarter on average). The property tests hold an answer to M4 over the
 * raw rows bucketed so (leafOf below is the definition they share).
 *
 * Not done: a coarser block whose leaves all fall in one column, taken in their place (the same
 * points, a quarter fewer units at XL's full view: 1,440 a series instead of 1,950) answered XL's
 * 50 % and 100 % zooms 15-20 % slower (2.9 -> 3.5 ms CPU, in one process, by turns; not
 * explained: perhaps the fold reading two levels' arrays by turns instead of one in order).
 */

export interface Plan {
  /** (level, block, pixel column) triples in time order. */
  units: Int32Array;
  count: number;
}

/** The pixel column width of the grid, in ms: the widest a leaf may be. */
export const leafWidth = (grid: PixelGrid) => (grid.end - grid.start) / grid.points;

/** Time span [first row, last row] of block k of level j. */
export function spanOf(s: ChunkSummary, level: number, k: number): [number, number] {
  const [a, b] = childrenRange(s, level, k);
  return [s.blockStart[a]!, s.blockEnd[b - 1]!];
}

/** `units`: where to write the triples (3 × (blocksInRange + 2) fits them all), else a fresh array grown as needed. */
export function planChunk(s: ChunkSummary, grid: PixelGrid, units = new Int32Array(3 * 256)): Plan {
  let count = 0;
  const n0 = s.blockStart.length;
  if (!n0) return { units, count };
  const width = leafWidth(grid);
  const { blockStart, blockEnd, fanout } = s;
  // Level-0 blocks under one block of each level (no tuple per visit: XL's full view visits 8,000).
  const under = s.levels.map((_, j) => fanout ** j);
  const visit = (level: number, k: number) => {
    const a = k * under[level]!;
    const start = blockStart[a]!;
    const end = blockEnd[Math.min(a + under[level]!, n0) - 1]!;
    // Nothing under a block outside the range has its middle inside.
    if (end < grid.start || start > grid.end) return;
    if (level > 0 && end - start > width) {
      const lower = s.levels[level - 1]!.blocks;
      for (let c = k * fanout; c < Math.min(lower, (k + 1) * fanout); c++) visit(level - 1, c);
      return;
    }
    const bucket = grid.bucketOf((start + end) / 2);
    if (bucket < 0 || bucket >= grid.points) return;
    if (3 * (count + 1) > units.length) {
      const bigger = new Int32Array(units.length * 2);
      bigger.set(units);
      units = bigger;
    }
    units[3 * count] = level;
    units[3 * count + 1] = k;
    units[3 * count + 2] = bucket;
    count++;
  };
  visit(s.levels.length - 1, 0);
  return { units, count };
}

/** The leaf holding level-0 block k0 for this grid: its level and index (the definition planChunk follows). */
export function leafOf(s: ChunkSummary, grid: PixelGrid, k0: number): { level: number; k: number } {
  const width = leafWidth(grid);
  for (let level = s.levels.length - 1; level > 0; level--) {
    const k = Math.floor(k0 / s.fanout ** level);
    const [start, end] = spanOf(s, level, k);
    if (end - start <= width) return { level, k };
  }
  return { level: 0, k: k0 };
}

/** Level-0 blocks whose middle falls in the range: what a summary answer would be made of. */
export function blocksInRange(s: ChunkSummary, grid: PixelGrid): number {
  const mids = (i: number) => (s.blockStart[i]! + s.blockEnd[i]!) / 2;
  const lower = (pass: (m: number) => boolean) => {
    let lo = 0;
    let hi = s.blockStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pass(mids(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return lower((m) => m > grid.end) - lower((m) => m >= grid.start);
}
