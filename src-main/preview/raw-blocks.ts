import type { ColumnData } from '../formats/row-batch';
import { F, strideOf, type ChunkSummary } from '../store/summary-layout';
import type { ChunkSet, LoadedChunk } from './chunk-set';

/*
 * Level-0 blocks that must be read from the store: those of a column with a pause longer than the
 * break threshold inside (the summary knows the longest pause, not how many or where the others
 * are). A coarser block is opened only where its longest pause is over the threshold. Real outages
 * are few, but a machine that stops every hour has one in a block of 1,024 rows out of four: the
 * blocks are read in order, LOOKAHEAD at a time, so memory stays at a few hundred kB whatever the
 * range.
 */

const LOOKAHEAD = 64;

/** Calls `leaf` for each block under (level, k) of column c that has no pause over `threshold`, and `raw` for each level-0 block that has. */
export function walkBlocks(
  s: ChunkSummary,
  c: number,
  level: number,
  k: number,
  threshold: number,
  leaf: (a: Float64Array, o: number) => void,
  raw: (k0: number) => void,
): void {
  const stride = strideOf(s.columns[c]!.kind);
  const a = s.levels[level]!.data[c]!;
  const o = k * stride;
  if (a[o + F.gap]! <= threshold) return leaf(a, o);
  if (level === 0) return raw(k);
  const lower = s.levels[level - 1]!.blocks;
  for (let child = k * s.fanout; child < Math.min(lower, (k + 1) * s.fanout); child++)
    walkBlocks(s, c, level - 1, child, threshold, leaf, raw);
}

export interface RawBlock {
  timestamps: Float64Array;
  data: ColumnData;
}

export interface BlockRef {
  chunk: LoadedChunk;
  k0: number;
}

/** One column's level-0 blocks, read in the order given, LOOKAHEAD reads ahead of the caller. */
export class RawBlocks {
  private readonly reads: (Promise<RawBlock> | undefined)[] = [];
  private at = 0;

  constructor(
    private readonly set: ChunkSet,
    private readonly blocks: readonly BlockRef[],
    private readonly column: number,
  ) {
    for (let i = 0; i < Math.min(LOOKAHEAD, blocks.length); i++) this.start(i);
  }

  /** The next block's rows. */
  next(): Promise<RawBlock> {
    const read = this.reads[this.at]!;
    this.reads[this.at] = undefined;
    if (this.at + LOOKAHEAD < this.blocks.length) this.start(this.at + LOOKAHEAD);
    this.at++;
    return read;
  }

  private start(i: number) {
    const { chunk, k0 } = this.blocks[i]!;
    const { blockRows, rows } = chunk.summary;
    const read = this.set.withStore(chunk, async (store) => {
      const batch = await store.read(k0 * blockRows, Math.min(rows, (k0 + 1) * blockRows), [this.column]);
      return { timestamps: batch.timestamps, data: batch.columns[0]!.data };
    });
    // Read ahead: if the caller stops before taking it, its failure is nobody's.
    read.catch(() => {});
    this.reads[i] = read;
  }
}

/**
 * The pieces of level-0 block k0 of column c, when the summary kept them and no pause over the
 * threshold is left inside one (block-splits.ts): records [from, to) of `pieces`. Null: read the rows.
 */
export function piecesOf(
  s: ChunkSummary,
  c: number,
  k0: number,
  threshold: number,
): { pieces: Float64Array; from: number; to: number } | null {
  const splits = s.splits[c]!;
  let lo = 0;
  let hi = splits.blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (splits.blocks[mid]! < k0) lo = mid + 1;
    else hi = mid;
  }
  if (splits.blocks[lo] !== k0 || splits.unsplit[lo]! > threshold) return null;
  return { pieces: splits.pieces, from: splits.start[lo]!, to: splits.start[lo + 1]! };
}
