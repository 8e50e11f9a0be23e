import { BOOL_NULL } from '../formats/row-batch';
import { clearBlock } from './block-merge';
import { F, strideOf, type BlockSplits } from './summary-layout';
import type { StoreColumn } from './store-format';

/*
 * A level-0 block holding a long pause, also kept as pieces split at each of its long pauses, so
 * that a line breaking inside it (and coverage) can be answered from the summary, not its rows.
 * Without them, a machine that stops 10 minutes every hour made a full view of L read 333 blocks a
 * column (80 ms); a year in daily chunks would read 8,760.
 *
 * Which pauses: the builder cannot know the export's break threshold (5 × a usual spacing over all
 * chunks), so it splits at pauses over SPLIT_FACTOR × the block's own median spacing, a little under
 * it. The longest pause left inside a piece is kept (`unsplit`): where it is over the threshold after
 * all (a block sparser than the export), the reader reads the rows, as it would without pieces.
 */

export const SPLIT_FACTOR = 4;

/** A column's values of one block as the builder copied them (numbers, or texts). */
export interface BlockRows {
  ts: Float64Array;
  numbers: Float64Array;
  texts: (string | null)[];
  rows: number;
}

/** Collects the splits of one column, block by block. */
export class SplitsBuilder {
  private readonly blocks: number[] = [];
  private readonly start: number[] = [0];
  private readonly unsplit: number[] = [];
  private records: number[] = [];
  private readonly stride: number;
  private readonly spacings: Float64Array;

  constructor(
    private readonly kind: StoreColumn['kind'],
    blockRows: number,
  ) {
    this.stride = strideOf(kind);
    this.spacings = new Float64Array(blockRows);
  }

  /** Block k (its record `a[o]`, its rows): split it if its longest pause is long for it. */
  consider(k: number, a: Float64Array, o: number, rows: BlockRows, intern: (s: string) => number): void {
    const count = a[o + F.count]!;
    if (count < 3 || !(a[o + F.gap]! > (SPLIT_FACTOR * (a[o + F.tLast]! - a[o + F.tFirst]!)) / (count - 1))) return;
    const limit = SPLIT_FACTOR * this.medianSpacing(rows);
    const text = this.kind === 'string';
    const steps = this.stride > F.changes;
    const piece = new Float64Array(this.stride);
    let pieces = 0;
    let unsplit = -1;
    let prevT = NaN;
    let prev: number | string = NaN;
    let open = false;
    const close = () => {
      if (!open) return;
      this.records.push(...piece);
      unsplit = Math.max(unsplit, piece[F.gap]!);
      pieces++;
      open = false;
    };
    for (let i = 0; i < rows.rows; i++) {
      const x: number | string | null = text ? rows.texts[i]! : rows.numbers[i]!;
      if (x === null || x !== x || (this.kind === 'boolean' && x === BOOL_NULL)) continue;
      const t = rows.ts[i]!;
      if (open && t - prevT > limit) close();
      if (!open) {
        clearBlock(piece, 0, this.stride);
        piece[F.first] = text ? intern(x as string) : (x as number);
        piece[F.tFirst] = t;
        open = true;
      } else {
        if (t - prevT > piece[F.gap]!) piece[F.gap] = t - prevT;
        if (steps && x !== prev) piece[F.changes] = piece[F.changes]! + 1;
      }
      piece[F.count] = piece[F.count]! + 1;
      piece[F.last] = text ? intern(x as string) : (x as number);
      piece[F.tLast] = t;
      if (!text) foldNumber(piece, x as number, t);
      prevT = t;
      prev = x;
    }
    close();
    if (pieces < 2) {
      this.records.length -= pieces * this.stride;
      return;
    }
    this.blocks.push(k);
    this.unsplit.push(unsplit);
    this.start.push(this.records.length / this.stride);
  }

  finish(): BlockSplits {
    return { blocks: this.blocks, start: this.start, unsplit: this.unsplit, pieces: Float64Array.from(this.records) };
  }

  private medianSpacing(rows: BlockRows): number {
    let n = 0;
    let prevT = NaN;
    for (let i = 0; i < rows.rows; i++) {
      const none =
        this.kind === 'string'
          ? rows.texts[i] == null
          : rows.numbers[i] !== rows.numbers[i] || (this.kind === 'boolean' && rows.numbers[i] === BOOL_NULL);
      if (none) continue;
      if (prevT === prevT) this.spacings[n++] = rows.ts[i]! - prevT;
      prevT = rows.ts[i]!;
    }
    const s = this.spacings.subarray(0, n).sort();
    return s[(n - 1) >> 1]!;
  }
}

function foldNumber(p: Float64Array, x: number, t: number) {
  if (p[F.count] === 1 || x < p[F.min]!) {
    p[F.min] = x;
    p[F.tMin] = t;
  }
  if (p[F.count] === 1 || x > p[F.max]!) {
    p[F.max] = x;
    p[F.tMax] = t;
  }
}
