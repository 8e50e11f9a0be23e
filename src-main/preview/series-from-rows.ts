import type { ChunkSet, LoadedChunk } from './chunk-set';
import { feedRows } from './feed-rows';
import type { PixelGrid } from './pixel-grid';
import type { PreviewColumn } from './preview-types';
import { SeriesBuilder, type SeriesPoints } from './series-builder';
import { timeSlicer } from './time-slice';

/*
 * Every column's points from the raw rows of the range, read from the stores: M4 with each row in
 * the pixel column of its own time, exact at any range. Used where the range holds few rows or its
 * summary blocks are wider than a pixel. Columns are read a group at a time so that a wide range
 * never holds more than READ_BYTES of values at once.
 */

const READ_BYTES = 16 * 2 ** 20;

interface ChunkRows {
  chunk: LoadedChunk;
  from: number;
  to: number;
  timestamps: Float64Array;
  buckets: Int32Array;
}

export async function seriesFromRows(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
): Promise<SeriesPoints[]> {
  const inRange = set.list.filter((c) => {
    const s = c.summary;
    return s.rows > 0 && s.blockStart[0]! <= grid.end && s.blockEnd[s.blockEnd.length - 1]! >= grid.start;
  });
  const parts: ChunkRows[] = await Promise.all(
    inRange.map((chunk) =>
      set.withStore(chunk, async (store) => {
        const s = chunk.summary;
        const from = s.blockStart[0]! >= grid.start ? 0 : await store.rowAtOrAfter(grid.start);
        const to = s.blockEnd[s.blockEnd.length - 1]! <= grid.end ? s.rows : await store.rowAfter(grid.end);
        const timestamps = await store.timestamps(from, to);
        return { chunk, from, to, timestamps, buckets: Int32Array.from(timestamps, (t) => grid.bucketOf(t)) };
      }),
    ),
  );
  const rows = parts.reduce((n, p) => n + p.to - p.from, 0);
  const perRead = Math.max(1, Math.floor(READ_BYTES / Math.max(1, rows * 8)));
  const builders = columns.map((col, c) => new SeriesBuilder(col.kind, gapFactor * (set.usualSpacing(c) ?? Infinity)));
  const pause = timeSlicer();
  for (let first = 0; first < columns.length; first += perRead) {
    const group = columns.map((_, c) => c).slice(first, first + perRead);
    const read = await Promise.all(parts.map((p) => set.withStore(p.chunk, (store) => store.read(p.from, p.to, group))));
    for (const [g, c] of group.entries()) {
      await pause();
      const b = builders[c]!;
      // Every loaded chunk, those outside the range too: a missing one between two values breaks the line.
      for (const chunk of set.list) {
        if (!chunk.followsPrevious) b.breakBefore();
        const i = parts.findIndex((p) => p.chunk === chunk);
        if (i >= 0) feedRows(b, parts[i]!.timestamps, read[i]!.columns[g]!.data, parts[i]!.buckets);
      }
    }
  }
  return builders.map((b) => b.finish());
}
