import type { ColumnData } from '../formats/row-batch';
import { F, strideOf, type ChunkSummary } from '../store/summary-layout';
import type { ChunkSet, LoadedChunk } from './chunk-set';

/*
 * Level-0 blocks that must be read from the store: those of a column with a pause longer than the
 * break threshold inside (the summary knows the longest pause, not how many or where the others
 * are). Real outages are few, so these are few; a coarser block is opened only where its longest
 * pause is over the threshold.
 */

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
  columns: Map<number, ColumnData>;
}

/** Needed level-0 blocks per chunk: block -> columns. */
export type RawNeeds = Map<LoadedChunk, Map<number, Set<number>>>;

export function addNeed(needs: RawNeeds, chunk: LoadedChunk, k0: number, c: number): void {
  let blocks = needs.get(chunk);
  if (!blocks) needs.set(chunk, (blocks = new Map()));
  let cols = blocks.get(k0);
  if (!cols) blocks.set(k0, (cols = new Set()));
  cols.add(c);
}

/** Reads every needed block (all at once: the thread pool overlaps them); key `${chunk.index}:${k0}`. */
export async function readRawBlocks(set: ChunkSet, needs: RawNeeds): Promise<Map<string, RawBlock>> {
  const out = new Map<string, RawBlock>();
  const reads: Promise<void>[] = [];
  for (const [chunk, blocks] of needs) {
    reads.push(
      set.withStore(chunk, async (store) => {
        const { blockRows, rows } = chunk.summary;
        await Promise.all(
          [...blocks].map(async ([k0, cols]) => {
            const picked = [...cols];
            const batch = await store.read(k0 * blockRows, Math.min(rows, (k0 + 1) * blockRows), picked);
            out.set(`${chunk.index}:${k0}`, {
              timestamps: batch.timestamps,
              columns: new Map(picked.map((c, i) => [c, batch.columns[i]!.data])),
            });
          }),
        );
      }),
    );
  }
  await Promise.all(reads);
  return out;
}
