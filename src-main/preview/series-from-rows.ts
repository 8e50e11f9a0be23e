import type { ColumnData } from '../formats/row-batch';
import type { ChunkSet, LoadedChunk } from './chunk-set';
import { previewBuffers } from './buffer-pool';
import { feedLineRuns, feedRows, pixelRuns, type PixelRuns } from './feed-rows';
import type { PixelGrid } from './pixel-grid';
import { chunksInGrid, rowsInGrid } from './rows-in-grid';
import type { PreviewColumn } from './preview-types';
import { SeriesBuilder, type SeriesPoints } from './series-builder';
import { timeSlicer } from './time-slice';

/*
 * Every column's points from the raw rows of the range, read from the stores: M4 with each row in
 * the pixel column of its own time, exact at any range. Used where the range holds few rows or its
 * summary blocks are wider than a pixel column. Columns are read a group at a time, into one
 * pooled buffer with the rows' times (fresh arrays per column made every zoom of XL collect
 * garbage for longer than it computed), so a wide range never holds more than READ_BYTES.
 */

const READ_BYTES = 16 * 2 ** 20;

interface Part {
  chunk: LoadedChunk;
  from: number;
  to: number;
  /** Where this chunk's rows start in a column's slot of the buffer. */
  at: number;
  timestamps: Float64Array;
  buckets: Int32Array;
  runs: PixelRuns | null;
}

export async function seriesFromRows(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
  alloc?: (n: number) => Float64Array,
): Promise<SeriesPoints[]> {
  const inRange = chunksInGrid(set, grid);
  const spans = await Promise.all(
    inRange.map((chunk) =>
      set.withStore(chunk, async (store) => {
        const { first: from, after: to } = await rowsInGrid(chunk, store, grid);
        return { chunk, from, to };
      }),
    ),
  );
  const rows = spans.reduce((n, p) => n + p.to - p.from, 0);
  const perRead = Math.min(columns.length, Math.max(1, Math.floor(READ_BYTES / Math.max(1, rows * 8))));
  // One pooled buffer: the columns read a group at a time, then the timestamps, then the pixel columns.
  const buffer = previewBuffers.take((perRead + 1) * rows * 8 + rows * 4);
  // Every read started: the buffer goes back to the pool only when none can still write to it.
  const reads: Promise<unknown>[] = [];
  try {
    let at = 0;
    const parts: Part[] = spans.map(({ chunk, from, to }) => {
      const n = to - from;
      const part = {
        chunk,
        from,
        to,
        at,
        timestamps: new Float64Array(buffer, (perRead * rows + at) * 8, n),
        buckets: new Int32Array(buffer, (perRead + 1) * rows * 8 + at * 4, n),
        runs: null,
      };
      at += n;
      return part;
    });
    const times = parts.map((p) =>
      set.withStore(p.chunk, async (store) => {
        await store.timestamps(p.from, p.to, p.timestamps);
        for (let i = 0; i < p.buckets.length; i++) p.buckets[i] = grid.bucketOf(p.timestamps[i]!);
        p.runs = pixelRuns(p.timestamps, p.buckets, grid.points);
      }),
    );
    reads.push(...times);
    await Promise.all(times);
    return await foldGroups(set, columns, grid, gapFactor, parts, buffer, rows, perRead, alloc, reads);
  } finally {
    await Promise.allSettled(reads);
    previewBuffers.give(buffer);
  }
}

async function foldGroups(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
  parts: Part[],
  buffer: ArrayBuffer,
  rows: number,
  perRead: number,
  alloc: ((n: number) => Float64Array) | undefined,
  inFlight: Promise<unknown>[],
): Promise<SeriesPoints[]> {
  const builders = columns.map(
    (col, c) => new SeriesBuilder(col.kind, gapFactor * (set.usualSpacing(c) ?? Infinity), 4 * grid.points + 16, alloc),
  );
  const pause = timeSlicer();
  for (let first = 0; first < columns.length; first += perRead) {
    const group = columns.map((_, c) => c).slice(first, first + perRead);
    // Every read of the group started at once; each column computed as soon as its own are in.
    const reads = readGroup(set, columns, parts, group, buffer, rows);
    inFlight.push(...reads);
    // Awaited in turn below; a failure of one not yet awaited must not go unhandled meanwhile.
    for (const r of reads) r.catch(() => {});
    for (const [g, c] of group.entries()) {
      const wait = pause();
      if (wait) await wait;
      const data = await reads[g]!;
      const b = builders[c]!;
      // Every loaded chunk, those outside the range too: a missing one between two values breaks the line.
      for (const chunk of set.list) {
        if (!chunk.followsPrevious) b.breakBefore();
        const i = parts.findIndex((p) => p.chunk === chunk);
        if (i < 0) continue;
        const { timestamps, buckets, runs } = parts[i]!;
        const d = data[i]!;
        if (d.kind === 'float' && runs && runs.maxPause <= b.threshold) feedLineRuns(b, timestamps, d.values, buckets, runs, grid.points);
        else feedRows(b, timestamps, d, buckets, grid.points);
      }
    }
  }
  return builders.map((b) => b.finish());
}

/** Each column of the group (a promise each), each part: numbers into the column's slot of `buffer`, text as read. */
function readGroup(set: ChunkSet, columns: readonly PreviewColumn[], parts: Part[], group: number[], buffer: ArrayBuffer, rows: number) {
  return group.map((c, g) => {
    const kind = columns[c]!.kind;
    return Promise.all(
      parts.map((p): Promise<ColumnData> => {
        if (kind === 'string') return set.withStore(p.chunk, async (store) => (await store.read(p.from, p.to, [c])).columns[0]!.data);
        const n = p.to - p.from;
        const slot = g * rows * 8 + p.at * (kind === 'float' ? 8 : 1);
        const values = kind === 'float' ? new Float64Array(buffer, slot, n) : new Uint8Array(buffer, slot, n);
        return set.withStore(p.chunk, async (store) => {
          await store.readNumbers(c, p.from, p.to, values);
          return kind === 'float' ? { kind, values: values as Float64Array } : { kind, values: values as Uint8Array };
        });
      }),
    );
  });
}
