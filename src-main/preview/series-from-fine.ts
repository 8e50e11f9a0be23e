import type { ColumnData } from '../formats/row-batch';
import { FINE_ROWS } from '../store/fine-index';
import { F } from '../store/summary-layout';
import type { StoreReader } from '../store/store-reader';
import type { ChunkSet, LoadedChunk } from './chunk-set';
import { previewBuffers } from './buffer-pool';
import { feedRows } from './feed-rows';
import type { PixelGrid } from './pixel-grid';
import type { PreviewColumn } from './preview-types';
import { SeriesBuilder, type SeriesPoints } from './series-builder';
import { timeSlicer } from './time-slice';

/*
 * Every column's points from the bottom of the pyramid: the fine index's 8-row blocks, each whole
 * in the pixel column of its middle (as summary blocks are, series-from-summary.ts), their M4 read
 * from the rows at the offsets the index gives: for zooms too close for the summary (its level-0
 * blocks wider than a pixel column) and not so close that a column holds fewer than 8 rows.
 *
 * A part is a chunk's whole 8-row blocks around the range (a block whose middle is in the range may
 * have rows outside it). A block goes in one step when no pause over the break threshold can be in
 * it (a value on every row: its rows' pauses; with holes: its first to last value), else value by
 * value; a boolean or string column, or a chunk stored without a fine index, value by value, still
 * bucketed by its block. Columns are read a group at a time into one pooled buffer, as the rows path
 * does (series-from-rows.ts).
 */

const READ_BYTES = 16 * 2 ** 20;

interface Part {
  chunk: LoadedChunk;
  from: number;
  to: number;
  /** Where this chunk's rows start in a column's slot of the buffer. */
  at: number;
  fine: boolean;
  timestamps: Float64Array;
  /** Per 8-row block: its pixel column and the longest time between two of its rows. */
  buckets: Int32Array;
  pauses: Float64Array;
  /** Per row, its block's pixel column (for the value-by-value path), filled when first needed. */
  rowBuckets: Int32Array | null;
}

export async function seriesFromFine(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
  alloc?: (n: number) => Float64Array,
): Promise<SeriesPoints[]> {
  const inRange = set.list.filter((c) => {
    const s = c.summary;
    return s.rows > 0 && s.blockStart[0]! <= grid.end && s.blockEnd[s.blockEnd.length - 1]! >= grid.start;
  });
  const spans = await Promise.all(
    inRange.map((chunk) =>
      set.withStore(chunk, async (store) => {
        const s = chunk.summary;
        const first = s.blockStart[0]! >= grid.start ? 0 : await store.rowAtOrAfter(grid.start);
        const after = s.blockEnd[s.blockEnd.length - 1]! <= grid.end ? s.rows : await store.rowAfter(grid.end);
        // The blocks of the rows just outside too: a block straddling an end may have its middle in.
        const from = FINE_ROWS * Math.floor(Math.max(0, first - 1) / FINE_ROWS);
        const to = Math.min(s.rows, FINE_ROWS * (Math.floor(after / FINE_ROWS) + 1));
        return { chunk, from, to, fine: store.hasFine };
      }),
    ),
  );
  const rows = spans.reduce((n, p) => n + p.to - p.from, 0);
  const blocks = spans.reduce((n, p) => n + Math.ceil((p.to - p.from) / FINE_ROWS), 0);
  const perRead = Math.min(columns.length, Math.max(1, Math.floor(READ_BYTES / Math.max(1, rows * 8))));
  // One pooled buffer: the columns a group at a time, the timestamps, the blocks' pauses, their
  // codes a group at a time, their pixel columns.
  const codesAt = (perRead + 1) * rows * 8 + blocks * 8;
  const bucketsAt = codesAt + Math.ceil((perRead * blocks * 2) / 8) * 8;
  const buffer = previewBuffers.take(bucketsAt + blocks * 4);
  const reads: Promise<unknown>[] = [];
  try {
    let at = 0;
    let atBlock = 0;
    const parts: Part[] = spans.map(({ chunk, from, to, fine }) => {
      const n = to - from;
      const nb = Math.ceil(n / FINE_ROWS);
      const part = {
        chunk,
        from,
        to,
        at,
        fine,
        timestamps: new Float64Array(buffer, (perRead * rows + at) * 8, n),
        pauses: new Float64Array(buffer, (perRead + 1) * rows * 8 + atBlock * 8, nb),
        buckets: new Int32Array(buffer, bucketsAt + atBlock * 4, nb),
        rowBuckets: null,
      };
      at += n;
      atBlock += nb;
      return part;
    });
    const times = parts.map((p) =>
      set.withStore(p.chunk, async (store) => {
        await store.timestamps(p.from, p.to, p.timestamps);
        blockBuckets(p, grid);
      }),
    );
    reads.push(...times);
    await Promise.all(times);
    return await foldGroups(set, columns, grid, gapFactor, parts, buffer, { rows, blocks, perRead, codesAt }, alloc, reads);
  } finally {
    await Promise.allSettled(reads);
    previewBuffers.give(buffer);
  }
}

/** Each block's pixel column (of its middle) and the longest pause between its rows. */
function blockBuckets(p: Part, grid: PixelGrid) {
  const ts = p.timestamps;
  const n = ts.length;
  for (let k = 0; k < p.buckets.length; k++) {
    const i0 = k * FINE_ROWS;
    const i1 = Math.min(n, i0 + FINE_ROWS);
    let pause = 0;
    for (let i = i0 + 1; i < i1; i++) if (ts[i]! - ts[i - 1]! > pause) pause = ts[i]! - ts[i - 1]!;
    p.pauses[k] = pause;
    p.buckets[k] = grid.bucketOf((ts[i0]! + ts[i1 - 1]!) / 2);
  }
}

function rowBucketsOf(p: Part): Int32Array {
  if (!p.rowBuckets) {
    p.rowBuckets = new Int32Array(p.timestamps.length);
    for (let i = 0; i < p.rowBuckets.length; i++) p.rowBuckets[i] = p.buckets[Math.floor(i / FINE_ROWS)]!;
  }
  return p.rowBuckets;
}

interface Layout {
  rows: number;
  blocks: number;
  perRead: number;
  codesAt: number;
}

async function foldGroups(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
  parts: Part[],
  buffer: ArrayBuffer,
  layout: Layout,
  alloc: ((n: number) => Float64Array) | undefined,
  inFlight: Promise<unknown>[],
): Promise<SeriesPoints[]> {
  const builders = columns.map(
    (col, c) => new SeriesBuilder(col.kind, gapFactor * (set.usualSpacing(c) ?? Infinity), 4 * grid.points + 16, alloc),
  );
  const pause = timeSlicer();
  for (let first = 0; first < columns.length; first += layout.perRead) {
    const group = columns.map((_, c) => c).slice(first, first + layout.perRead);
    const reads = readGroup(set, columns, parts, group, buffer, layout);
    inFlight.push(...reads);
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
        const p = parts[i]!;
        const { values, codes } = data[i]!;
        if (codes && values.kind === 'float') feedFine(b, p, values.values, codes, grid.points);
        else feedRows(b, p.timestamps, values, rowBucketsOf(p), grid.points);
      }
    }
  }
  return builders.map((b) => b.finish());
}

const run = new Float64Array(F.changes + 1);

/** A float column's part from its codes: blocks in one step where they can, else value by value. */
function feedFine(b: SeriesBuilder, p: Part, values: Float64Array, codes: Uint16Array, points: number) {
  const ts = p.timestamps;
  const n = ts.length;
  for (let k = 0; k < codes.length;) {
    k = b.fineBlocks(ts, values, n, codes, p.buckets, p.pauses, points, k, codes.length);
    if (k === codes.length) return;
    // Block k may break the line: whole through block() if nothing inside can, else value by value.
    const code = codes[k]!;
    const i0 = k * FINE_ROWS;
    const rows = Math.min(FINE_ROWS, n - i0);
    const count = ((code >> 12) & 7) + 1;
    const iF = i0 + (code & 7);
    const iL = i0 + ((code >> 9) & 7);
    const iLo = i0 + ((code >> 3) & 7);
    const iHi = i0 + ((code >> 6) & 7);
    b.setBucket(p.buckets[k]!);
    if ((count === rows ? p.pauses[k]! : ts[iL]! - ts[iF]!) <= b.threshold) {
      run[F.count] = count;
      run[F.first] = values[iF]!;
      run[F.tFirst] = ts[iF]!;
      run[F.last] = values[iL]!;
      run[F.tLast] = ts[iL]!;
      run[F.min] = values[iLo]!;
      run[F.tMin] = ts[iLo]!;
      run[F.max] = values[iHi]!;
      run[F.tMax] = ts[iHi]!;
      b.block(run, 0);
    } else {
      for (let i = i0; i < i0 + rows; i++) {
        const x = values[i]!;
        if (x === x) b.value(ts[i]!, x);
      }
    }
    k++;
  }
}

/** Each column of the group (a promise each), each part: values into the column's slot of `buffer`, and its codes where it has them. */
function readGroup(set: ChunkSet, columns: readonly PreviewColumn[], parts: Part[], group: number[], buffer: ArrayBuffer, layout: Layout) {
  const { rows, blocks, codesAt } = layout;
  let atBlock = 0;
  const blockAt = parts.map((p) => {
    const a = atBlock;
    atBlock += p.buckets.length;
    return a;
  });
  return group.map((c, g) => {
    const kind = columns[c]!.kind;
    return Promise.all(
      parts.map(async (p, i): Promise<{ values: ColumnData; codes: Uint16Array | null }> => {
        if (kind === 'string')
          return set.withStore(p.chunk, async (store) => ({ values: (await store.read(p.from, p.to, [c])).columns[0]!.data, codes: null }));
        const n = p.to - p.from;
        const slot = g * rows * 8 + p.at * (kind === 'float' ? 8 : 1);
        const values = kind === 'float' ? new Float64Array(buffer, slot, n) : new Uint8Array(buffer, slot, n);
        return set.withStore(p.chunk, async (store: StoreReader) => {
          const numbers = store.readNumbers(c, p.from, p.to, values);
          let codes: Uint16Array | null = null;
          if (kind === 'float' && p.fine) {
            codes = new Uint16Array(buffer, codesAt + (g * blocks + blockAt[i]!) * 2, p.buckets.length);
            await store.readFine(c, p.from / FINE_ROWS, p.from / FINE_ROWS + p.buckets.length, codes);
          }
          await numbers;
          const data: ColumnData = kind === 'float' ? { kind, values: values as Float64Array } : { kind, values: values as Uint8Array };
          return { values: data, codes };
        });
      }),
    );
  });
}
