import { F, strideOf, type ChunkSummary } from '../store/summary-layout';
import type { ChunkSet } from './chunk-set';
import { feedRows } from './feed-rows';
import type { PixelGrid } from './pixel-grid';
import type { PreviewColumn } from './preview-types';
import { addNeed, readRawBlocks, walkBlocks, type RawNeeds } from './raw-blocks';
import { SeriesBuilder, type SeriesPoints } from './series-builder';
import { planChunk } from './summary-plan';
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
 * So a level-0 block goes whole to the pixel column holding its middle, and the property test holds
 * this path to M4 over the raw rows bucketed the same way: point for point, breaks included, hence
 * the same pixels as that M4 draws. Against M4 with each row at its own time, a block's points can
 * only be drawn in the column next to the one they were counted in, and only when they lie within
 * half a block of the border. The summary answers only when the range has more level-0 blocks
 * than pixel columns, so that is under half a column on average: 0.13 of a column at 100 % of XL
 * (256-row blocks, 1,000 rows a column), 0.26 at 50 %. Other ranges read the rows.
 */

export async function seriesFromSummaries(
  set: ChunkSet,
  columns: readonly PreviewColumn[],
  grid: PixelGrid,
  gapFactor: number,
): Promise<SeriesPoints[]> {
  const plans = set.list.map((chunk) => ({ chunk, plan: planChunk(chunk.summary, grid) }));
  const thresholds = columns.map((_, c) => gapFactor * (set.usualSpacing(c) ?? Infinity));

  // Level-0 blocks with a pause over the threshold inside, whose rows must be read (few: outages).
  const needs: RawNeeds = new Map();
  for (const { chunk, plan } of plans) {
    const u = plan.units;
    const s = chunk.summary;
    for (let c = 0; c < columns.length; c++) {
      const threshold = thresholds[c]!;
      const stride = strideOf(s.columns[c]!.kind);
      if (!pausesOver(s, c, threshold)) continue;
      for (let i = 0; i < plan.count; i++) {
        const level = u[3 * i]!;
        const k = u[3 * i + 1]!;
        if (s.levels[level]!.data[c]![k * stride + F.gap]! > threshold) {
          walkBlocks(s, c, level, k, threshold, noop, (k0) => addNeed(needs, chunk, k0, c));
        }
      }
    }
  }
  const raw = needs.size ? await readRawBlocks(set, needs) : new Map();

  const pause = timeSlicer();
  const out: SeriesPoints[] = [];
  for (let c = 0; c < columns.length; c++) {
    await pause();
    const b = new SeriesBuilder(columns[c]!.kind, thresholds[c]!);
    for (const { chunk, plan } of plans) {
      if (!chunk.followsPrevious) b.breakBefore();
      const s = chunk.summary;
      const threshold = thresholds[c]!;
      const strings = s.columns[c]!.kind === 'string' ? s.strings : null;
      const stride = strideOf(s.columns[c]!.kind);
      const mayPause = pausesOver(s, c, threshold);
      // Opening a block (a pause over the threshold inside) is rare: its callbacks are made then.
      const open = (level: number, k: number, bucket: number) =>
        walkBlocks(s, c, level, k, threshold, strings ? (a, o) => b.textBlock(a, o, strings) : (a, o) => b.block(a, o), (k0) => {
          const block = raw.get(`${chunk.index}:${k0}`)!;
          feedRows(b, block.timestamps, block.columns.get(c)!, bucket);
        });
      const arrays = s.levels.map((l) => l.data[c]!);
      const u = plan.units;
      // Without a pause over the threshold in the chunk, only its first values can start a gap.
      let joined = false;
      for (let i = 0; i < plan.count; i++) {
        const a = arrays[u[3 * i]!]!;
        const o = u[3 * i + 1]! * stride;
        b.setBucket(u[3 * i + 2]!);
        if (mayPause && a[o + F.gap]! > threshold) open(u[3 * i]!, u[3 * i + 1]!, u[3 * i + 2]!);
        else if (strings) b.textBlock(a, o, strings);
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

const noop = () => {};

/** Whether any pause of column c inside the chunk is over the threshold (its top block knows the longest). */
const pausesOver = (s: ChunkSummary, c: number, threshold: number) =>
  s.rows > 0 && s.levels[s.levels.length - 1]!.data[c]![F.gap]! > threshold;
