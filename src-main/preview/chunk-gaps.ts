import { BOOL_NULL, type ColumnData } from '../formats/row-batch';
import { F, strideOf, type ChunkSummary } from '../store/summary-layout';
import type { ChunkSet, LoadedChunk } from './chunk-set';
import { RawBlocks, piecesOf, type BlockRef } from './raw-blocks';

/*
 * The pauses of a column longer than its break threshold inside one chunk: how many, and their
 * total length (what coverage takes out). From the top block down, a block whose longest pause is
 * under the threshold holds none; between two children the pause is known; inside a level-0 block
 * with one, its rows are read.
 */

export interface Gaps {
  count: number;
  ms: number;
}

export async function chunkGaps(set: ChunkSet, chunk: LoadedChunk, c: number, threshold: number): Promise<Gaps> {
  const s = chunk.summary;
  const gaps: Gaps = { count: 0, ms: 0 };
  const needs: BlockRef[] = [];
  if (!s.rows || threshold === Infinity) return gaps;
  const stride = strideOf(s.columns[c]!.kind);
  const visit = (level: number, k: number) => {
    const a = s.levels[level]!.data[c]!;
    if (a[k * stride + F.gap]! <= threshold) return;
    if (level === 0) {
      const kept = piecesOf(s, c, k, threshold);
      if (!kept) return void needs.push({ chunk, k0: k });
      // Pieces split at pauses a little under the threshold: those over it are the gaps.
      for (let p = kept.from + 1; p < kept.to; p++) {
        const pause = kept.pieces[p * stride + F.tFirst]! - kept.pieces[(p - 1) * stride + F.tLast]!;
        if (pause > threshold) {
          gaps.count++;
          gaps.ms += pause;
        }
      }
      return;
    }
    const below = s.levels[level - 1]!;
    const b = below.data[c]!;
    let prevT = NaN;
    for (let child = k * s.fanout; child < Math.min(below.blocks, (k + 1) * s.fanout); child++) {
      const o = child * stride;
      if (!b[o + F.count]) continue;
      const pause = b[o + F.tFirst]! - prevT;
      if (pause > threshold) {
        gaps.count++;
        gaps.ms += pause;
      }
      visit(level - 1, child);
      prevT = b[o + F.tLast]!;
    }
  };
  visit(s.levels.length - 1, 0);
  const raw = new RawBlocks(set, needs, c);
  for (let i = 0; i < needs.length; i++) {
    const block = await raw.next();
    const inside = pausesOver(block.timestamps, block.data, threshold);
    gaps.count += inside.count;
    gaps.ms += inside.ms;
  }
  return gaps;
}

function pausesOver(ts: Float64Array, data: ColumnData, threshold: number): Gaps {
  const out: Gaps = { count: 0, ms: 0 };
  let prevT = NaN;
  for (let i = 0; i < ts.length; i++) {
    const none =
      data.kind === 'float'
        ? data.values[i] !== data.values[i]
        : data.kind === 'boolean'
          ? data.values[i] === BOOL_NULL
          : data.values[i] == null;
    if (none) continue;
    if (ts[i]! - prevT > threshold) {
      out.count++;
      out.ms += ts[i]! - prevT;
    }
    prevT = ts[i]!;
  }
  return out;
}

/** The chunk's top block of column c (all its rows). */
export function topBlock(s: ChunkSummary, c: number): { a: Float64Array; o: number } | null {
  if (!s.rows) return null;
  return { a: s.levels[s.levels.length - 1]!.data[c]!, o: 0 };
}
