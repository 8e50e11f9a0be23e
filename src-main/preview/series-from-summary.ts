import { F, strideOf, type ChunkSummary } from '../store/summary-layout';
import type { ChunkSet, LoadedChunk } from './chunk-set';
import { feedRows } from './feed-rows';
import type { PixelGrid } from './pixel-grid';
import type { PreviewColumn } from './preview-types';
import { RawBlocks, piecesOf, walkBlocks, type BlockRef } from './raw-blocks';
import { SeriesBuilder, type SeriesPoints } from './series-builder';
import { previewBuffers } from './buffer-pool';
import { blocksInRange, planChunk, type Plan } from './summary-plan';
import { timeSlicer } from './time-slice';

/*
 * Every column's points from the summaries: the plan says which blocks make each pixel column
 * (shared by all columns), each column folds those blocks, opening a block only where a pause over
 * its break threshold is inside, down to reading the rows of that level-0 block.
 *
 * What "exact" means here. M4 over the raw rows puts each row in the pixel column of its time; a
 * summary block whose rows straddle a column border cannot be split (it knows its min and max, not
 * on which side of the border they are), and with blocks narrower than a pixel nearly every border
 * has one. Splitting them by reading their rows is exact and costs a read per border and column:
 * 1,000 borders × 51 columns of 256-row blocks took 296 ms with synchronous reads, 3.3 s through
 * StoreReader (bench/cases/store-layout.ts), against 5 ms to spend. Snapping the answer's range so
 * that every border falls between blocks would need blocks far narrower than a pixel: with XL's
 * 256-row blocks (its 48 MB budget) the pixel width at 50 % zoom would move by up to 25 %.
 *
 * So a block goes whole to the pixel column holding its middle: the leaf summary-plan.ts picks,
 * the first from the top no wider than a column (level 0 however wide), and the property test holds
 * this path to M4 over the raw rows bucketed the same way: point for point, breaks included, hence
 * the same pixels as that M4 draws. Against M4 with each row at its own time, a block's points can
 * only be drawn in the column next to the one they were counted in, and only when they lie within
 * half a leaf of the border: under half a column, a quarter on average. The summary answers only
 * when the range has more level-0 blocks than pixel columns; closer zooms read the fine index and
 * the rows (series-from-fine.ts), or the rows alone.
 */

export async function seriesFromSummaries(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
  alloc?: (n: number) => Float64Array,
): Promise<SeriesPoints[]> {
  // The plans in one pooled buffer, sized by the level-0 blocks in range (a unit covers at least
  // one, but for a leaf at each end of the range whose middle is in and whose children's are not).
  const sizes = set.list.map((chunk) => 3 * (blocksInRange(chunk.summary, grid) + 2));
  const scratch = previewBuffers.take(4 * sizes.reduce((n, k) => n + k, 0));
  try {
    let at = 0;
    const plans = set.list.map((chunk, i) => {
      const units = new Int32Array(scratch, 4 * at, sizes[i]!);
      at += sizes[i]!;
      return { chunk, plan: planChunk(chunk.summary, grid, units) };
    });
    return await foldColumns(set, columns, grid, gapFactor, plans, alloc);
  } finally {
    previewBuffers.give(scratch);
  }
}

async function foldColumns(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
  plans: { chunk: LoadedChunk; plan: Plan }[],
  alloc?: (n: number) => Float64Array,
): Promise<SeriesPoints[]> {
  const thresholds = columns.map((_, c) => gapFactor * (set.usualSpacing(c) ?? Infinity));
  const pause = timeSlicer();
  const out: SeriesPoints[] = [];
  for (let c = 0; c < columns.length; c++) {
    const wait = pause();
    if (wait) await wait;
    const threshold = thresholds[c]!;
    const b = new SeriesBuilder(columns[c]!.kind, threshold, 4 * grid.points + 16, alloc);
    const raw = rawBlocksOf(set, plans, c, threshold);
    for (const { chunk, plan } of plans) {
      if (!chunk.followsPrevious) b.breakBefore();
      const s = chunk.summary;
      const strings = s.columns[c]!.kind === 'string' ? s.strings : null;
      const stride = strideOf(s.columns[c]!.kind);
      const mayPause = pausesOver(s, c, threshold);
      const arrays = s.levels.map((l) => l.data[c]!);
      const u = plan.units;
      if (!mayPause && columns[c]!.kind === 'float') {
        // A line without a pause over the threshold in the chunk: only its first value can start
        // a gap (from the chunk before); every block after it folds in one tight loop.
        let i = 0;
        for (; i < plan.count; i++) {
          const a = arrays[u[3 * i]!]!;
          const o = u[3 * i + 1]! * stride;
          b.setBucket(u[3 * i + 2]!);
          b.block(a, o);
          if (a[o + F.count]! > 0) break;
        }
        b.lineBlocks(arrays, u, i + 1, plan.count, stride, grid.points);
        continue;
      }
      // Without a pause over the threshold in the chunk, only its first values can start a gap.
      let joined = false;
      for (let i = 0; i < plan.count; i++) {
        const a = arrays[u[3 * i]!]!;
        const o = u[3 * i + 1]! * stride;
        const bucket = u[3 * i + 2]!;
        b.setBucket(bucket);
        if (mayPause && a[o + F.gap]! > threshold) {
          // A pause over the threshold inside: its blocks, and the rows of level-0 blocks with one.
          const parts: (number | [Float64Array, number])[] = [];
          walkBlocks(
            s,
            c,
            u[3 * i]!,
            u[3 * i + 1]!,
            threshold,
            (pa, po) => parts.push([pa, po]),
            (k0) => parts.push(k0),
          );
          for (const part of parts) {
            if (typeof part !== 'number') feed(b, part[0], part[1], strings);
            else {
              const kept = piecesOf(s, c, part, threshold);
              if (kept) for (let p = kept.from; p < kept.to; p++) feed(b, kept.pieces, p * stride, strings);
              else {
                const rows = await raw!.next();
                feedRows(b, rows.timestamps, rows.data, bucket);
              }
            }
          }
        } else if (strings) b.textBlock(a, o, strings);
        else if (joined) b.blockJoined(a, o);
        else {
          b.block(a, o);
          joined = !mayPause && a[o + F.count]! > 0;
        }
      }
    }
    out.push(b.finish());
  }
  return out;
}

/** The level-0 blocks of column c to read, in the order the answer meets them (null: none). */
function rawBlocksOf(set: ChunkSet, plans: { chunk: LoadedChunk; plan: Plan }[], c: number, threshold: number): RawBlocks | null {
  const needs: BlockRef[] = [];
  for (const { chunk, plan } of plans) {
    const s = chunk.summary;
    if (!pausesOver(s, c, threshold)) continue;
    const stride = strideOf(s.columns[c]!.kind);
    const u = plan.units;
    for (let i = 0; i < plan.count; i++) {
      const level = u[3 * i]!;
      const k = u[3 * i + 1]!;
      if (s.levels[level]!.data[c]![k * stride + F.gap]! > threshold)
        walkBlocks(s, c, level, k, threshold, noop, (k0) => piecesOf(s, c, k0, threshold) || needs.push({ chunk, k0 }));
    }
  }
  return needs.length ? new RawBlocks(set, needs, c) : null;
}

const noop = () => {};

const feed = (b: SeriesBuilder, a: Float64Array, o: number, strings: readonly string[] | null) =>
  strings ? b.textBlock(a, o, strings) : b.block(a, o);

/** Whether any pause of column c inside the chunk is over the threshold (its top block knows the longest). */
const pausesOver = (s: ChunkSummary, c: number, threshold: number) =>
  s.rows > 0 && s.levels[s.levels.length - 1]!.data[c]![F.gap]! > threshold;
