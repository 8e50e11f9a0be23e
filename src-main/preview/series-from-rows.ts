import type { ColumnData } from '../formats/row-batch';
import type { ChunkSet, LoadedChunk } from './chunk-set';
import { feedLineRuns, feedRows, pixelRuns, type PixelRuns } from './feed-rows';
import type { PixelGrid } from './pixel-grid';
import type { PreviewColumn } from './preview-types';
import { SeriesBuilder, type SeriesPoints } from './series-builder';
import { timeSlicer } from './time-slice';

/*
 * Every column's points from the raw rows of the range, read from the stores: M4 with each row in
 * the pixel column of its own time, exact at any range. Used where the range holds few rows or its
 * summary blocks are wider than a pixel column. Columns are read a group at a time, into one
 * buffer reused from answer to answer (fresh arrays per column made every zoom of XL collect
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

let spare: ArrayBuffer | null = null;
/** A buffer of at least `bytes`, the spare one when it is free and big enough (answers may overlap). */
function takeBuffer(bytes: number): ArrayBuffer {
  const b = spare && spare.byteLength >= bytes ? spare : new ArrayBuffer(Math.max(bytes, 1 << 20));
  if (b === spare) spare = null;
  return b;
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
  let rows = 0;
  const parts: Part[] = await Promise.all(
    inRange.map((chunk) =>
      set.withStore(chunk, async (store) => {
        const s = chunk.summary;
        const from = s.blockStart[0]! >= grid.start ? 0 : await store.rowAtOrAfter(grid.start);
        const to = s.blockEnd[s.blockEnd.length - 1]! <= grid.end ? s.rows : await store.rowAfter(grid.end);
        const timestamps = await store.timestamps(from, to);
        const buckets = new Int32Array(to - from);
        for (let i = 0; i < buckets.length; i++) buckets[i] = grid.bucketOf(timestamps[i]!);
        return { chunk, from, to, at: 0, timestamps, buckets, runs: pixelRuns(timestamps, buckets, grid.points) };
      }),
    ),
  );
  for (const p of parts) {
    p.at = rows;
    rows += p.to - p.from;
  }
  const perRead = Math.min(columns.length, Math.max(1, Math.floor(READ_BYTES / Math.max(1, rows * 8))));
  const buffer = takeBuffer(perRead * rows * 8);
  const builders = columns.map(
    (col, c) => new SeriesBuilder(col.kind, gapFactor * (set.usualSpacing(c) ?? Infinity), 4 * grid.points + 16),
  );
  const pause = timeSlicer();
  let reads: Promise<ColumnData[]>[] = [];
  try {
    for (let first = 0; first < columns.length; first += perRead) {
      const group = columns.map((_, c) => c).slice(first, first + perRead);
      // Every read of the group started at once; each column computed as soon as its own are in.
      reads = readGroup(set, columns, parts, group, buffer, rows);
      // Awaited in turn below; a failure of one not yet awaited must not go unhandled meanwhile.
      for (const r of reads) r.catch(() => {});
      for (const [g, c] of group.entries()) {
        await pause();
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
  } finally {
    // The buffer is free for the next answer only when no read of this one can still write to it.
    await Promise.allSettled(reads);
    spare = buffer;
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
