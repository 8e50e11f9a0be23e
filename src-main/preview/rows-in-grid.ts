import type { StoreReader } from '../store/store-reader';
import type { ChunkSet, LoadedChunk } from './chunk-set';
import type { PixelGrid } from './pixel-grid';

/** The chunks with rows that reach into the grid's time range. */
export function chunksInGrid(set: ChunkSet, grid: PixelGrid): LoadedChunk[] {
  return set.list.filter((c) => {
    const s = c.summary;
    return s.rows > 0 && s.blockStart[0]! <= grid.end && s.blockEnd[s.blockEnd.length - 1]! >= grid.start;
  });
}

/** A chunk's rows `[first, after)` inside the grid's range; the store is asked only when the chunk sticks out of it. */
export async function rowsInGrid(chunk: LoadedChunk, store: StoreReader, grid: PixelGrid): Promise<{ first: number; after: number }> {
  const s = chunk.summary;
  const first = s.blockStart[0]! >= grid.start ? 0 : await store.rowAtOrAfter(grid.start);
  const after = s.blockEnd[s.blockEnd.length - 1]! <= grid.end ? s.rows : await store.rowAfter(grid.end);
  return { first, after };
}
