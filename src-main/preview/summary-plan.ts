import { childrenRange, type ChunkSummary } from '../store/summary-layout';
import type { PixelGrid } from './pixel-grid';

/*
 * Which summary blocks make each pixel column of a chunk, the same for every column of the export
 * (blocks are rows, shared by all columns), so it is worked out once per answer.
 *
 * A level-0 block belongs, whole, to the pixel column holding its middle ((first + last time) / 2;
 * a middle outside the range leaves the block out). A coarser block is taken whole when its first
 * and last level-0 blocks fall in the same column (all between do too: middles ascend), else its
 * children are looked at: from the top, a column costs a few blocks, ≈ 4 for XL at full view.
 */

export interface Plan {
  /** (level, block, pixel column) triples in time order. */
  units: Int32Array;
  count: number;
}

/** `units`: where to write the triples (3 × blocksInRange fits them all), else a fresh array grown as needed. */
export function planChunk(s: ChunkSummary, grid: PixelGrid, units = new Int32Array(3 * 256)): Plan {
  let count = 0;
  const n0 = s.blockStart.length;
  if (!n0) return { units, count };
  const bucketOf0 = (i: number) => grid.bucketOf((s.blockStart[i]! + s.blockEnd[i]!) / 2);
  const visit = (level: number, k: number) => {
    const [a, b] = childrenRange(s, level, k);
    const first = bucketOf0(a);
    const last = b - 1 === a ? first : bucketOf0(b - 1);
    if (last < 0 || first >= grid.points) return;
    if (first === last) {
      if (3 * (count + 1) > units.length) {
        const bigger = new Int32Array(units.length * 2);
        bigger.set(units);
        units = bigger;
      }
      units[3 * count] = level;
      units[3 * count + 1] = k;
      units[3 * count + 2] = first;
      count++;
      return;
    }
    const lower = s.levels[level - 1]!.blocks;
    for (let c = k * s.fanout; c < Math.min(lower, (k + 1) * s.fanout); c++) visit(level - 1, c);
  };
  visit(s.levels.length - 1, 0);
  return { units, count };
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
