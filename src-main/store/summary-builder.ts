import { BOOL_NULL, type RowBatch } from '../formats/row-batch';
import { clearBlock, mergeBlock } from './block-merge';
import { SplitsBuilder, type BlockRows } from './block-splits';
import { SpacingCounter } from './spacing-histogram';
import { FINE_ROWS, HAS_VALUE, type FineIndex } from './fine-index';
import { FANOUT, F, T, TOTALS_STRIDE, strideOf, type ChunkSummary, type SummaryLevel } from './summary-layout';
import type { StoreColumn } from './store-format';

/*
 * Folds a chunk's batches, as they are decoded (in the decode worker), into level-0 blocks of
 * `blockRows` rows, and each block, as it closes, into the levels above it (a block of level j
 * closes when its last child does): one pass, a few field updates a value, and the pyramid is
 * whole when the last row is in. The arrays grow by doubling, so memory is the summary and
 * nothing of the rows but the open block's copy.
 */

export interface SummaryBuilder {
  add(batch: RowBatch): void;
  finish(): ChunkSummary;
  /**
   * The chunk's fine index, folded with the summary (its 8-row blocks within level-0 blocks: when
   * blockRows is a multiple of 8), after finish(); null otherwise (createFineIndexBuilder makes it).
   */
  fineIndex(): FineIndex | null;
}

/** A growing level: its blocks so far, one array per column. */
interface Growing {
  blocks: number;
  closed: number;
  capacity: number;
  data: Float64Array[];
}

interface ColumnState {
  kind: StoreColumn['kind'];
  stride: number;
  prevT: number;
  /** The last value of a numeric column (NaN before the first): a double, never a boxed number. */
  prevNumber: number;
  prevString: string | null;
  spacing: SpacingCounter;
  firstString: string | null;
  lastString: string | null;
  /** The chunk's compensated sum and longest pause (totals). */
  sum: number;
  sumLo: number;
  gap: number;
  gapFrom: number;
  /** The open block's values, copied (a batch's arrays may be reused once it is handed on). */
  rows: BlockRows;
  splits: SplitsBuilder;
  /** A float's fine index (fine-index.ts), when folded here: its codes, and the open 8-row block. */
  fine: OpenFine | null;
}

/** The open 8-row block of a float column: offsets (0-7) and values of its first, min, max and last value. */
interface OpenFine {
  codes: Uint16Array;
  count: number;
  first: number;
  last: number;
  lo: number;
  iLo: number;
  tLo: number;
  hi: number;
  iHi: number;
  tHi: number;
}

export function createSummaryBuilder(columns: StoreColumn[], blockRows: number): SummaryBuilder {
  if (!(Number.isInteger(blockRows) && blockRows > 0)) throw new RangeError(`blockRows must be a positive integer, not ${blockRows}.`);
  let capacity = 64;
  let blockStart = new Float64Array(capacity);
  let blockEnd = new Float64Array(capacity);
  const blockTs = new Float64Array(blockRows);
  // The fine index comes out of the same loop as the blocks (one branchy min and max a value, not
  // two): as a pass of its own it cost 8 ns a value, 60 % of the summary's (20 M values: 170 ms).
  const fused = blockRows % FINE_ROWS === 0;
  const states: ColumnState[] = columns.map((c) => ({
    kind: c.kind,
    stride: strideOf(c.kind),
    prevT: NaN,
    prevNumber: NaN,
    prevString: null,
    spacing: new SpacingCounter(),
    firstString: null,
    lastString: null,
    sum: 0,
    sumLo: 0,
    gap: -1,
    gapFrom: NaN,
    rows: { ts: blockTs, numbers: new Float64Array(c.kind === 'string' ? 0 : blockRows), texts: [], rows: 0 },
    splits: new SplitsBuilder(c.kind, blockRows),
    fine:
      fused && c.kind === 'float'
        ? { codes: new Uint16Array(1024), count: 0, first: 0, last: 0, lo: 0, iLo: 0, tLo: 0, hi: 0, iHi: 0, tHi: 0 }
        : null,
  }));
  const levels: Growing[] = [];
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  let rows = 0;

  const intern = (v: string) => {
    let id = stringIds.get(v);
    if (id === undefined) stringIds.set(v, (id = strings.push(v) - 1));
    return id;
  };

  const bigger = (a: Float64Array, n: number) => {
    const b = new Float64Array(n);
    b.set(a);
    return b;
  };

  const levelAt = (j: number): Growing => {
    if (j === levels.length) {
      levels.push({ blocks: 0, closed: 0, capacity: 16, data: states.map((s) => new Float64Array(16 * s.stride)) });
    }
    return levels[j]!;
  };

  /** A new block k at level j (the next one), cleared. */
  const openAt = (j: number, k: number) => {
    const l = levelAt(j);
    if (k === l.capacity) {
      l.capacity *= 2;
      l.data = l.data.map((a, c) => bigger(a, l.capacity * states[c]!.stride));
    }
    l.blocks = k + 1;
    for (let c = 0; c < states.length; c++) clearBlock(l.data[c]!, k * states[c]!.stride, states[c]!.stride);
  };

  /** Block k of level j is complete: into its parent, which closes with its last child. */
  const closeAt = (j: number, k: number) => {
    const l = levels[j]!;
    l.closed++;
    const p = Math.floor(k / FANOUT);
    if (k % FANOUT === 0) openAt(j + 1, p);
    const up = levels[j + 1]!;
    for (let c = 0; c < states.length; c++) {
      const stride = states[c]!.stride;
      mergeBlock(up.data[c]!, p * stride, l.data[c]!, k * stride, stride);
    }
    if (k % FANOUT === FANOUT - 1) closeAt(j + 1, p);
  };

  const openBlock = (k: number, t: number) => {
    if (k === capacity) {
      capacity *= 2;
      blockStart = bigger(blockStart, capacity);
      blockEnd = bigger(blockEnd, capacity);
    }
    blockStart[k] = t;
    openAt(0, k);
  };

  const closeBlock = (k: number) => {
    const level0 = levels[0]!;
    for (let c = 0; c < states.length; c++) {
      const s = states[c]!;
      const o = k * s.stride;
      const a = level0.data[c]!;
      if (s.kind === 'string' && a[o + F.count]) {
        a[o + F.first] = intern(s.firstString!);
        a[o + F.last] = intern(s.lastString!);
      }
      s.rows.rows = rows - k * blockRows;
      s.splits.consider(k, a, o, s.rows, intern);
    }
    closeAt(0, k);
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
        const level0 = levels[0]!;
        for (let ci = 0; ci < batch.columns.length; ci++) {
          const data = batch.columns[ci]!.data;
          const s = states[ci]!;
          const a = level0.data[ci]!;
          const o = k * s.stride;
          if (data.kind === 'string') {
            for (let r = i; r < end; r++) s.rows.texts[at + r - i] = data.values[r] ?? null;
            foldStrings(s, a, o, ts, data.values, i, end);
            continue;
          }
          const numbers = s.rows.numbers;
          const values = data.values;
          for (let r = i; r < end; r++) numbers[at + r - i] = values[r]!;
          if (s.fine && data.kind === 'float') foldFloat(s, s.fine, a, o, ts, data.values, i, end, rows);
          else foldNumeric(s, a, o, ts, values, data.kind === 'float' ? NaN : BOOL_NULL, i, end);
        }
        blockEnd[k] = ts[end - 1]!;
        rows += end - i;
        i = end;
      }
    },
    finish() {
      const n0 = Math.ceil(rows / blockRows);
      // The last 8-row block, if short, into its level-0 block before that closes.
      if (rows % FINE_ROWS) {
        for (let c = 0; c < states.length; c++) {
          const s = states[c]!;
          if (s.fine) closeFine(s.fine, levels[0]!.data[c]!, (n0 - 1) * s.stride, (rows - 1) >> 3);
        }
      }
      if (n0) closeBlock(n0 - 1);
      else levelAt(0);
      // The last block of each level closes now, whatever its number of children.
      for (let j = 0; levels[j]!.blocks > 1; j++) if (levels[j]!.closed < levels[j]!.blocks) closeAt(j, levels[j]!.blocks - 1);
      const top = levels.findIndex((l) => l.blocks <= 1);
      const done: SummaryLevel[] = levels
        .slice(0, top + 1)
        .map((l) => ({ blocks: l.blocks, data: l.data.map((a, c) => a.slice(0, l.blocks * states[c]!.stride)) }));
      const totals = new Float64Array(columns.length * TOTALS_STRIDE);
      states.forEach((s, c) => {
        totals[c * TOTALS_STRIDE + T.sum] = s.kind === 'string' ? NaN : s.sum;
        totals[c * TOTALS_STRIDE + T.sumLo] = s.kind === 'string' ? NaN : s.sumLo;
        totals[c * TOTALS_STRIDE + T.gapFrom] = s.gapFrom;
      });
      return {
        columns,
        rows,
        blockRows,
        fanout: FANOUT,
        blockStart: blockStart.slice(0, n0),
        blockEnd: blockEnd.slice(0, n0),
        levels: done,
        totals,
        strings,
        spacing: states.map((s) => s.spacing.histogram()),
        splits: states.map((s) => s.splits.finish()),
      };
    },
    fineIndex() {
      if (!fused) return null;
      const blocks = Math.ceil(rows / FINE_ROWS);
      return { blocks, codes: states.map((s) => (s.fine ? s.fine.codes.subarray(0, blocks) : new Uint16Array(0))) };
    },
  };
}

/** The code of a float's 8-row block k8 (its min and max merged into the level-0 block by the caller). */
function putCode(f: OpenFine, k8: number, code: number) {
  if (k8 >= f.codes.length) {
    const bigger = new Uint16Array(Math.max(2 * f.codes.length, k8 + 1));
    bigger.set(f.codes);
    f.codes = bigger;
  }
  f.codes[k8] = code;
}

/** The open 8-row block, if it holds values, into the level-0 block at a[o] (at the end of the chunk). */
function closeFine(f: OpenFine, a: Float64Array, o: number, k8: number) {
  putCode(f, k8, f.count ? HAS_VALUE | f.first | (f.iLo << 3) | (f.iHi << 6) | (f.last << 9) | ((f.count - 1) << 12) : 0);
  if (!f.count) return;
  if (f.lo < a[o + F.min]!) {
    a[o + F.min] = f.lo;
    a[o + F.tMin] = f.tLo;
  }
  if (f.hi > a[o + F.max]!) {
    a[o + F.max] = f.hi;
    a[o + F.tMax] = f.tHi;
  }
  f.count = 0;
}

/**
 * A float column's rows [from, to) of one batch (`row` the chunk's row of `from`) into the block at
 * a[o], 8 rows at a time: what foldNumeric does, but min and max are an 8-row block's (its code),
 * merged into the block once a group. The first group may go on from the batch before, the last
 * may end in the next one (kept in `f`).
 */
function foldFloat(
  s: ColumnState,
  f: OpenFine,
  a: Float64Array,
  o: number,
  ts: Float64Array,
  values: Float64Array,
  from: number,
  to: number,
  row: number,
) {
  let prevT = s.prevT;
  let prevV = s.prevNumber;
  let count = a[o + F.count]!;
  let first = a[o + F.first]!;
  let tFirst = a[o + F.tFirst]!;
  let gap = a[o + F.gap]!;
  let min = a[o + F.min]!;
  let tMin = a[o + F.tMin]!;
  let max = a[o + F.max]!;
  let tMax = a[o + F.tMax]!;
  let chunkGap = s.gap;
  let gapFrom = s.gapFrom;
  let sum = s.sum;
  let sumLo = s.sumLo;
  let runMs = NaN;
  let run = 0;
  for (let i = from; i < to;) {
    const at0 = (row + i - from) & 7;
    const end = Math.min(to, i + 8 - at0);
    // The group's state: fresh, or the one open at the end of the batch before.
    let n8 = at0 ? f.count : 0;
    let first8 = f.first;
    let last8 = f.last;
    let lo = f.lo;
    let iLo = f.iLo;
    let tLo = f.tLo;
    let hi = f.hi;
    let iHi = f.iHi;
    let tHi = f.tHi;
    for (let j = i; j < end; j++) {
      const x = values[j]!;
      if (x !== x) continue;
      const t = ts[j]!;
      const at = at0 + j - i;
      if (prevT === prevT) {
        const d = t - prevT;
        if (d === runMs) run++;
        else {
          if (run) s.spacing.add(runMs, run);
          runMs = d;
          run = 1;
        }
        if (d > chunkGap) {
          chunkGap = d;
          gapFrom = prevT;
        }
      }
      if (count === 0) {
        first = x;
        tFirst = t;
      } else if (t - prevT > gap) gap = t - prevT;
      if (n8 === 0) {
        first8 = iLo = iHi = at;
        lo = hi = x;
        tLo = tHi = t;
      } else if (x < lo) {
        lo = x;
        iLo = at;
        tLo = t;
      } else if (x > hi) {
        hi = x;
        iHi = at;
        tHi = t;
      }
      last8 = at;
      n8++;
      const total = sum + x;
      if (Number.isFinite(total)) sumLo += Math.abs(sum) >= Math.abs(x) ? sum - total + x : x - total + sum;
      sum = total;
      count++;
      prevT = t;
      prevV = x;
    }
    if (at0 + end - i === 8) {
      // Complete: its code, its min and max into the block (ties keep the earliest).
      putCode(f, (row + end - 1 - from) >> 3, n8 ? HAS_VALUE | first8 | (iLo << 3) | (iHi << 6) | (last8 << 9) | ((n8 - 1) << 12) : 0);
      if (n8) {
        if (lo < min) {
          min = lo;
          tMin = tLo;
        }
        if (hi > max) {
          max = hi;
          tMax = tHi;
        }
      }
      f.count = 0;
    } else {
      f.count = n8;
      f.first = first8;
      f.last = last8;
      f.lo = lo;
      f.iLo = iLo;
      f.tLo = tLo;
      f.hi = hi;
      f.iHi = iHi;
      f.tHi = tHi;
    }
    i = end;
  }
  if (run) s.spacing.add(runMs, run);
  a[o + F.count] = count;
  a[o + F.first] = first;
  a[o + F.tFirst] = tFirst;
  a[o + F.gap] = gap;
  a[o + F.min] = min;
  a[o + F.tMin] = tMin;
  a[o + F.max] = max;
  a[o + F.tMax] = tMax;
  if (count) {
    a[o + F.last] = prevV;
    a[o + F.tLast] = prevT;
  }
  s.prevT = prevT;
  s.prevNumber = prevV;
  s.gap = chunkGap;
  s.gapFrom = gapFrom;
  s.sum = sum;
  s.sumLo = sumLo;
}

/**
 * Values of rows [from, to) into the block at a[o]; `none` marks a row without a value (NaN never
 * equals itself). Every field lives in a local for the loop: writing them to the array at each
 * value made XL (50 M values) take 1.0 s.
 */
function foldNumeric(
  s: ColumnState,
  a: Float64Array,
  o: number,
  ts: Float64Array,
  values: ArrayLike<number>,
  none: number,
  from: number,
  to: number,
) {
  let prevT = s.prevT;
  let prevV = s.prevNumber;
  let count = a[o + F.count]!;
  let first = a[o + F.first]!;
  let tFirst = a[o + F.tFirst]!;
  let gap = a[o + F.gap]!;
  let min = a[o + F.min]!;
  let tMin = a[o + F.tMin]!;
  let max = a[o + F.max]!;
  let tMax = a[o + F.tMax]!;
  let changes = s.stride > F.changes ? a[o + F.changes]! : 0;
  let chunkGap = s.gap;
  let gapFrom = s.gapFrom;
  let sum = s.sum;
  let sumLo = s.sumLo;
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
      if (d > chunkGap) {
        chunkGap = d;
        gapFrom = prevT;
      }
    }
    if (count === 0) {
      first = min = max = x;
      tFirst = tMin = tMax = t;
    } else {
      if (t - prevT > gap) gap = t - prevT;
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
  a[o + F.min] = min;
  a[o + F.tMin] = tMin;
  a[o + F.max] = max;
  a[o + F.tMax] = tMax;
  if (s.stride > F.changes) a[o + F.changes] = changes;
  if (count) {
    a[o + F.last] = prevV;
    a[o + F.tLast] = prevT;
  }
  s.prevT = prevT;
  s.prevNumber = prevV;
  s.gap = chunkGap;
  s.gapFrom = gapFrom;
  s.sum = sum;
  s.sumLo = sumLo;
}

function foldStrings(
  s: ColumnState,
  a: Float64Array,
  o: number,
  ts: Float64Array,
  values: readonly (string | null)[],
  from: number,
  to: number,
) {
  let prevT = s.prevT;
  let prevV = s.prevString;
  let count = a[o + F.count]!;
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (x == null) continue;
    const t = ts[i]!;
    if (prevT === prevT) {
      s.spacing.add(t - prevT, 1);
      if (t - prevT > s.gap) {
        s.gap = t - prevT;
        s.gapFrom = prevT;
      }
    }
    if (count === 0) {
      s.firstString = x;
      a[o + F.tFirst] = t;
    } else {
      if (t - prevT > a[o + F.gap]!) a[o + F.gap] = t - prevT;
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
