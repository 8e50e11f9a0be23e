import type { ColumnData } from '../formats/row-batch';
import { FINE_ROWS } from '../store/fine-index';
import { F } from '../store/summary-layout';
import type { StoreReader } from '../store/store-reader';
import type { ChunkSet, LoadedChunk } from './chunk-set';
import { previewBuffers } from './buffer-pool';
import { feedRows } from './feed-rows';
import type { PixelGrid } from './pixel-grid';
import { chunksInGrid, rowsInGrid } from './rows-in-grid';
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
 * bucketed by its block. Columns are read one at a time into one pooled buffer, on this thread
 * where the store is open and the read small (StoreReader.readNumbersNow): through promises, a part
 * and column of XL's 1 % zoom made 6.5 kB of garbage, 650 kB an answer, and a scavenge every few.
 */

interface Part {
  chunk: LoadedChunk;
  from: number;
  to: number;
  fine: boolean;
  timestamps: Float64Array;
  /** This part's slots for one column's values and codes (every column in turn). */
  values: Float64Array;
  bytes: Uint8Array;
  codes: Uint16Array;
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
  const inRange = chunksInGrid(set, grid);
  const spans = await Promise.all(
    inRange.map((chunk) =>
      set.withStore(chunk, async (store) => {
        const s = chunk.summary;
        const { first, after } = await rowsInGrid(chunk, store, grid);
        // The blocks of the rows just outside too: a block straddling an end may have its middle in.
        const from = FINE_ROWS * Math.floor(Math.max(0, first - 1) / FINE_ROWS);
        const to = Math.min(s.rows, FINE_ROWS * (Math.floor(after / FINE_ROWS) + 1));
        return { chunk, from, to, fine: store.hasFine };
      }),
    ),
  );
  const rows = spans.reduce((n, p) => n + p.to - p.from, 0);
  const blocks = spans.reduce((n, p) => n + Math.ceil((p.to - p.from) / FINE_ROWS), 0);
  // One pooled buffer: one column's values, the timestamps, the blocks' pauses, one column's codes,
  // the blocks' pixel columns.
  const codesAt = 2 * rows * 8 + blocks * 8;
  const bucketsAt = codesAt + Math.ceil((blocks * 2) / 8) * 8;
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
        fine,
        values: new Float64Array(buffer, at * 8, n),
        bytes: new Uint8Array(buffer, at * 8, n),
        timestamps: new Float64Array(buffer, (rows + at) * 8, n),
        pauses: new Float64Array(buffer, 2 * rows * 8 + atBlock * 8, nb),
        codes: new Uint16Array(buffer, codesAt + atBlock * 2, nb),
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
    return await foldColumns(set, columns, grid, gapFactor, parts, alloc, reads);
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

async function foldColumns(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
  parts: Part[],
  alloc: ((n: number) => Float64Array) | undefined,
  inFlight: Promise<unknown>[],
): Promise<SeriesPoints[]> {
  const pause = timeSlicer();
  const out: SeriesPoints[] = [];
  for (let c = 0; c < columns.length; c++) {
    const wait = pause();
    if (wait) await wait;
    const kind = columns[c]!.kind;
    const b = new SeriesBuilder(kind, gapFactor * (set.usualSpacing(c) ?? Infinity), 4 * grid.points + 16, alloc);
    // Read at once where the stores are open and the reads small (no promise a part), else waited for.
    const data = readNow(set, parts, c, kind) ?? (await track(inFlight, readLater(set, parts, c, kind)));
    // Every loaded chunk, those outside the range too: a missing one between two values breaks the line.
    for (const chunk of set.list) {
      if (!chunk.followsPrevious) b.breakBefore();
      const i = parts.findIndex((p) => p.chunk === chunk);
      if (i < 0) continue;
      const p = parts[i]!;
      const values = data[i]!;
      if (values.kind === 'float' && p.fine) feedFine(b, p, values.values, p.codes, grid.points);
      else feedRows(b, p.timestamps, values, rowBucketsOf(p), grid.points);
    }
    out.push(b.finish());
  }
  return out;
}

const track = <T>(inFlight: Promise<unknown>[], p: Promise<T>) => {
  inFlight.push(p);
  return p;
};

const numbersOf = (p: Part, kind: 'float' | 'boolean'): ColumnData =>
  kind === 'float' ? { kind, values: p.values } : { kind, values: p.bytes };

/** Column c of every part (values, and codes into p.codes), read now; null if any read cannot be. */
function readNow(set: ChunkSet, parts: Part[], c: number, kind: ColumnData['kind']): ColumnData[] | null {
  if (kind === 'string') return null;
  const out: ColumnData[] = [];
  for (const p of parts) {
    const store = set.storeNow(p.chunk);
    const into = kind === 'float' ? p.values : p.bytes;
    if (!store || !store.readNumbersNow(c, p.from, p.to, into)) return null;
    if (kind === 'float' && p.fine && !store.readFineNow(c, p.from / FINE_ROWS, p.from / FINE_ROWS + p.codes.length, p.codes)) return null;
    out.push(numbersOf(p, kind));
  }
  return out;
}

function readLater(set: ChunkSet, parts: Part[], c: number, kind: ColumnData['kind']): Promise<ColumnData[]> {
  return Promise.all(
    parts.map((p) =>
      set.withStore(p.chunk, async (store: StoreReader): Promise<ColumnData> => {
        if (kind === 'string') return (await store.read(p.from, p.to, [c])).columns[0]!.data;
        const numbers = store.readNumbers(c, p.from, p.to, kind === 'float' ? p.values : p.bytes);
        if (kind === 'float' && p.fine) await store.readFine(c, p.from / FINE_ROWS, p.from / FINE_ROWS + p.codes.length, p.codes);
        await numbers;
        return numbersOf(p, kind);
      }),
    ),
  );
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
