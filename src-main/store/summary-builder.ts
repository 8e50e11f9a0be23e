import { BOOL_NULL, type RowBatch } from '../formats/row-batch';
import { clearBlock, mergeBlock } from './block-merge';
import { SplitsBuilder, type BlockRows } from './block-splits';
import { SpacingCounter } from './spacing-histogram';
import { FANOUT, F, strideOf, type ChunkSummary, type SummaryLevel } from './summary-layout';
import type { StoreColumn } from './store-format';

/*
 * Folds a chunk's batches, as they are decoded (in the decode worker), into level-0 blocks of
 * `blockRows` rows, then merges them into coarser levels at the end. One pass, a few field updates
 * a value; the arrays grow by doubling, so memory is the summary and nothing of the rows.
 */

export interface SummaryBuilder {
  add(batch: RowBatch): void;
  finish(): ChunkSummary;
}

interface ColumnState {
  kind: StoreColumn['kind'];
  data: Float64Array;
  prevT: number;
  /** The last value of a numeric column (NaN before the first): a double, never a boxed number. */
  prevNumber: number;
  prevString: string | null;
  spacing: SpacingCounter;
  firstString: string | null;
  lastString: string | null;
  /** The open block's values, copied (a batch's arrays may be reused once it is handed on). */
  rows: BlockRows;
  splits: SplitsBuilder;
}

export function createSummaryBuilder(columns: StoreColumn[], blockRows: number): SummaryBuilder {
  if (!(Number.isInteger(blockRows) && blockRows > 0)) throw new RangeError(`blockRows must be a positive integer, not ${blockRows}.`);
  let capacity = 64;
  let blockStart = new Float64Array(capacity);
  let blockEnd = new Float64Array(capacity);
  const blockTs = new Float64Array(blockRows);
  const states: ColumnState[] = columns.map((c) => ({
    kind: c.kind,
    data: new Float64Array(capacity * strideOf(c.kind)),
    prevT: NaN,
    prevNumber: NaN,
    prevString: null,
    spacing: new SpacingCounter(),
    firstString: null,
    lastString: null,
    rows: { ts: blockTs, numbers: new Float64Array(c.kind === 'string' ? 0 : blockRows), texts: [], rows: 0 },
    splits: new SplitsBuilder(c.kind, blockRows),
  }));
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  let rows = 0;

  const intern = (v: string) => {
    let id = stringIds.get(v);
    if (id === undefined) stringIds.set(v, (id = strings.push(v) - 1));
    return id;
  };

  const grow = () => {
    capacity *= 2;
    const bigger = (a: Float64Array, n: number) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    blockStart = bigger(blockStart, capacity);
    blockEnd = bigger(blockEnd, capacity);
    for (const s of states) s.data = bigger(s.data, capacity * strideOf(s.kind));
  };

  const openBlock = (k: number, t: number) => {
    if (k === capacity) grow();
    blockStart[k] = t;
    for (const s of states) clearBlock(s.data, k * strideOf(s.kind), s.kind !== 'string');
  };

  const closeBlock = (k: number) => {
    for (const s of states) {
      const o = k * strideOf(s.kind);
      if (s.kind === 'string' && s.data[o + F.count]) {
        s.data[o + F.first] = intern(s.firstString!);
        s.data[o + F.last] = intern(s.lastString!);
      }
      s.rows.rows = rows - k * blockRows;
      s.splits.consider(k, s.data, o, s.rows, intern);
    }
  };

  return {
    add(batch) {
      if (
        batch.columns.length !== columns.length ||
        batch.columns.some((c, i) => c.name !== columns[i]!.name || c.data.kind !== columns[i]!.kind)
      ) {
        throw new Error(`A batch's columns (${batch.columns.map((c) => c.name).join(', ')}) are not the summary's.`);
      }
      const ts = batch.timestamps;
      for (let i = 0; i < batch.rowCount;) {
        const k = Math.floor(rows / blockRows);
        if (rows % blockRows === 0) {
          if (k > 0) closeBlock(k - 1);
          openBlock(k, ts[i]!);
        }
        const end = Math.min(batch.rowCount, i + blockRows - (rows % blockRows));
        const at = rows % blockRows;
        // Copied by hand: a subarray per block and column was a view object each, and collecting
        // them a fifth of S's ingest.
        for (let r = i; r < end; r++) blockTs[at + r - i] = ts[r]!;
        for (let ci = 0; ci < batch.columns.length; ci++) {
          const data = batch.columns[ci]!.data;
          const s = states[ci]!;
          const o = k * strideOf(s.kind);
          if (data.kind === 'string') {
            for (let r = i; r < end; r++) s.rows.texts[at + r - i] = data.values[r] ?? null;
            foldStrings(s, o, ts, data.values, i, end);
            continue;
          }
          const numbers = s.rows.numbers;
          const values = data.values;
          for (let r = i; r < end; r++) numbers[at + r - i] = values[r]!;
          foldNumeric(s, o, ts, values, data.kind === 'float' ? NaN : BOOL_NULL, i, end);
        }
        blockEnd[k] = ts[end - 1]!;
        rows += end - i;
        i = end;
      }
    },
    finish() {
      const n0 = Math.ceil(rows / blockRows);
      if (n0) closeBlock(n0 - 1);
      const levels: SummaryLevel[] = [{ blocks: n0, data: states.map((s) => s.data.slice(0, n0 * strideOf(s.kind))) }];
      while (levels[levels.length - 1]!.blocks > 1) levels.push(coarser(levels[levels.length - 1]!, columns));
      return {
        columns,
        rows,
        blockRows,
        fanout: FANOUT,
        blockStart: blockStart.slice(0, n0),
        blockEnd: blockEnd.slice(0, n0),
        levels,
        strings,
        spacing: states.map((s) => s.spacing.histogram()),
        splits: states.map((s) => s.splits.finish()),
      };
    },
  };
}

function coarser(level: SummaryLevel, columns: StoreColumn[]): SummaryLevel {
  const blocks = Math.ceil(level.blocks / FANOUT);
  const data = columns.map((c, ci) => {
    const stride = strideOf(c.kind);
    const numeric = c.kind !== 'string';
    const src = level.data[ci]!;
    const dst = new Float64Array(blocks * stride);
    for (let p = 0; p < blocks; p++) {
      clearBlock(dst, p * stride, numeric);
      for (let k = p * FANOUT; k < Math.min(level.blocks, (p + 1) * FANOUT); k++) mergeBlock(dst, p * stride, src, k * stride, numeric);
    }
    return dst;
  });
  return { blocks, data };
}

/**
 * Values of rows [from, to) into the block at a[o]; `none` marks a row without a value (NaN never
 * equals itself). Every field lives in a local for the loop: writing them to the array at each
 * value made XL (50 M values) take 1.0 s instead of ${FOLD_MS}.
 */
function foldNumeric(s: ColumnState, o: number, ts: Float64Array, values: ArrayLike<number>, none: number, from: number, to: number) {
  const a = s.data;
  let prevT = s.prevT;
  let prevV = s.prevNumber;
  let count = a[o + F.count]!;
  let first = a[o + F.first]!;
  let tFirst = a[o + F.tFirst]!;
  let gap = a[o + F.gap]!;
  let gapFrom = a[o + F.gapFrom]!;
  let changes = a[o + F.changes]!;
  let min = a[o + F.min]!;
  let tMin = a[o + F.tMin]!;
  let max = a[o + F.max]!;
  let tMax = a[o + F.tMax]!;
  let sum = a[o + F.sum]!;
  let sumLo = a[o + F.sumLo]!;
  // Spacings come in runs of one value for a regular signal: counted a run at a time.
  let runMs = NaN;
  let run = 0;
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    if (x !== x || x === none) continue;
    const t = ts[i]!;
    if (prevT === prevT) {
      const d = t - prevT;
      if (d === runMs) run++;
      else {
        if (run) s.spacing.add(runMs, run);
        runMs = d;
        run = 1;
      }
    }
    if (count === 0) {
      first = min = max = x;
      tFirst = tMin = tMax = t;
    } else {
      if (t - prevT > gap) {
        gap = t - prevT;
        gapFrom = prevT;
      }
      if (x !== prevV) changes++;
      if (x < min) {
        min = x;
        tMin = t;
      } else if (x > max) {
        max = x;
        tMax = t;
      }
    }
    const total = sum + x;
    if (Number.isFinite(total)) sumLo += Math.abs(sum) >= Math.abs(x) ? sum - total + x : x - total + sum;
    sum = total;
    count++;
    prevT = t;
    prevV = x;
  }
  if (run) s.spacing.add(runMs, run);
  a[o + F.count] = count;
  a[o + F.first] = first;
  a[o + F.tFirst] = tFirst;
  a[o + F.gap] = gap;
  a[o + F.gapFrom] = gapFrom;
  a[o + F.changes] = changes;
  a[o + F.min] = min;
  a[o + F.tMin] = tMin;
  a[o + F.max] = max;
  a[o + F.tMax] = tMax;
  a[o + F.sum] = sum;
  a[o + F.sumLo] = sumLo;
  if (count) {
    a[o + F.last] = prevV;
    a[o + F.tLast] = prevT;
  }
  s.prevT = prevT;
  s.prevNumber = prevV;
}

function foldStrings(s: ColumnState, o: number, ts: Float64Array, values: readonly (string | null)[], from: number, to: number) {
  const a = s.data;
  let prevT = s.prevT;
  let prevV = s.prevString;
  let count = a[o + F.count]!;
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (x == null) continue;
    const t = ts[i]!;
    if (prevT === prevT) s.spacing.add(t - prevT, 1);
    if (count === 0) {
      s.firstString = x;
      a[o + F.tFirst] = t;
    } else {
      if (t - prevT > a[o + F.gap]!) {
        a[o + F.gap] = t - prevT;
        a[o + F.gapFrom] = prevT;
      }
      if (x !== prevV) a[o + F.changes] = a[o + F.changes]! + 1;
    }
    count++;
    prevT = t;
    prevV = x;
  }
  a[o + F.count] = count;
  if (count) {
    s.lastString = prevV;
    a[o + F.tLast] = prevT;
  }
  s.prevT = prevT;
  s.prevString = prevV;
}
