import type { Cell } from '../formats/row-batch';
import { F } from '../store/summary-layout';
import { PointsOut } from './points-out';
import type { StoreColumn } from '../store/store-format';

/*
 * The points of one series, built pixel column by pixel column from whole summary blocks or from
 * raw values, in time order: the same code for both, so the two paths can only differ in which
 * rows land in which column.
 *
 * A group is the values of one pixel column between two breaks. A line emits each group's first,
 * min, max and last value (M4: the column's drawn envelope and its joins to the neighbours),
 * in time order, each once. A boolean step lane does the same with 0/1 and a string lane keeps the
 * group's first and last value; a step lane then drops points that repeat the value before them,
 * and ends each piece with its last value, so that the step reaches it.
 *
 * Breaks: a pause between two consecutive values longer than `threshold` (5 × the signal's usual
 * spacing) is a gap in the source: one null point in the middle of it. So is the time between two
 * loaded chunks that are not adjacent (the rows in between are not here yet). Nothing else makes a
 * null: rows without a value of this column are not pauses of it.
 *
 * Numbers and strings live in separate fields: a field or array that may hold either keeps its
 * numbers boxed, one allocation each: collecting them was a fifth of a full-view answer of XL.
 */

export interface SeriesPoints {
  t: Float64Array;
  /** A line's values as doubles (NaN: a break); a step lane's as cells. */
  v: Float64Array | Cell[];
  /** Lines: fewer values drawn than the range holds. Steps: a pixel column held more than one change. */
  downsampled: boolean;
  /** Values in the range. */
  sourcePoints: number;
}

export class SeriesBuilder {
  private readonly out: PointsOut;
  private readonly text: boolean;
  private readonly steps: boolean;
  private readonly bool: boolean;
  private prevT = NaN;
  private forceBreak = false;
  private sourcePoints = 0;
  private valuesOut = 0;
  private manyChanges = false;
  // The open group (numbers, or the string fields for a string column).
  private bucket = NaN;
  private count = 0;
  private changes = 0;
  private first = 0;
  private firstText = '';
  private tFirst = 0;
  private last = 0;
  private lastText = '';
  private tLast = 0;
  private min = 0;
  private tMin = 0;
  private max = 0;
  private tMax = 0;
  // The open piece of a step lane: the last point emitted, if any yet.
  private shownAny = false;
  private shown = 0;
  private shownText = '';
  private shownT = NaN;

  constructor(
    kind: StoreColumn['kind'],
    readonly threshold: number,
    /** Points the answer will likely hold (4 a pixel column): the output is allocated for them once. */
    capacity = 64,
    alloc?: (n: number) => Float64Array,
  ) {
    this.text = kind === 'string';
    this.bool = kind === 'boolean';
    this.steps = kind !== 'float';
    this.out = new PointsOut(this.text ? 'text' : this.bool ? 'boolean' : 'number', capacity, alloc);
  }

  /** The pixel column of what comes next. */
  setBucket(bucket: number): void {
    if (bucket !== this.bucket) {
      this.flushGroup();
      this.bucket = bucket;
    }
  }

  /** The next value does not join the previous one, whatever the pause (a chunk between them is missing). */
  breakBefore(): void {
    this.forceBreak = true;
  }

  /** A numeric value (a float, or a boolean as 0/1). */
  value(t: number, x: number): void {
    this.checkBreak(t);
    this.sourcePoints++;
    if (this.count === 0) {
      this.first = this.last = this.min = this.max = x;
      this.tFirst = this.tLast = this.tMin = this.tMax = t;
      this.changes = 0;
    } else {
      if (this.steps && x !== this.last) this.changes++;
      if (x < this.min) {
        this.min = x;
        this.tMin = t;
      } else if (x > this.max) {
        this.max = x;
        this.tMax = t;
      }
      this.last = x;
      this.tLast = t;
    }
    this.count++;
    this.prevT = t;
  }

  textValue(t: number, x: string): void {
    this.checkBreak(t);
    this.sourcePoints++;
    if (this.count === 0) {
      this.firstText = this.lastText = x;
      this.tFirst = this.tLast = t;
      this.changes = 0;
    } else {
      if (x !== this.lastText) this.changes++;
      this.lastText = x;
      this.tLast = t;
    }
    this.count++;
    this.prevT = t;
  }

  /** A summary block of a numeric column (a[o]: its fields) inside the current pixel column, with no break inside. */
  block(a: Float64Array, o: number): void {
    const n = a[o + F.count]!;
    if (!n) return;
    this.checkBreak(a[o + F.tFirst]!);
    this.merge(a, o, n);
  }

  /** The same, for a block known to follow the previous value within the break threshold (no check). */
  blockJoined(a: Float64Array, o: number): void {
    const n = a[o + F.count]!;
    if (n) this.merge(a, o, n);
  }

  private merge(a: Float64Array, o: number, n: number) {
    this.sourcePoints += n;
    if (this.count === 0) {
      this.first = a[o + F.first]!;
      this.tFirst = a[o + F.tFirst]!;
      this.changes = a[o + F.changes]!;
      this.min = a[o + F.min]!;
      this.tMin = a[o + F.tMin]!;
      this.max = a[o + F.max]!;
      this.tMax = a[o + F.tMax]!;
    } else {
      // Changes only decide whether a step lane says it is downsampled.
      if (this.steps) this.changes += a[o + F.changes]! + (a[o + F.first] !== this.last ? 1 : 0);
      if (a[o + F.min]! < this.min) {
        this.min = a[o + F.min]!;
        this.tMin = a[o + F.tMin]!;
      }
      if (a[o + F.max]! > this.max) {
        this.max = a[o + F.max]!;
        this.tMax = a[o + F.tMax]!;
      }
    }
    this.last = a[o + F.last]!;
    this.tLast = this.prevT = a[o + F.tLast]!;
    this.count += n;
  }

  /**
   * Summary blocks of a line, each known to follow the value before it within the break threshold
   * (a chunk without a pause over it, after its first value): units [from, to) of a plan, as
   * (level, block, pixel column) triples. What setBucket + blockJoined do block by block, with the
   * open group in locals: XL's full view folds 195,000 blocks, and the calls and field writes
   * were most of its time.
   */
  lineBlocks(levels: readonly Float64Array[], units: Int32Array, from: number, to: number, stride: number, points: number): void {
    let bucket = this.bucket;
    let count = this.count;
    let first = this.first;
    let tFirst = this.tFirst;
    let last = this.last;
    let tLast = this.tLast;
    let min = this.min;
    let tMin = this.tMin;
    let max = this.max;
    let tMax = this.tMax;
    let sourcePoints = this.sourcePoints;
    const before = sourcePoints;
    const out = this.out;
    // A group a pixel column at most (units' columns ascend, from the first unit's to the last's),
    // and the one open before. Not 4 × min(units, points) a call: a chunk at a time that asked
    // for up to twice a series' points in all, and grew each series of XL's full view once (a
    // copy, and 6 MB more of the arena an answer: a fifth of its time in grow, take and GC).
    if (to > from) out.reserve(4 * Math.min(to - from, points, units[3 * (to - 1) + 2]! - units[3 * from + 2]! + 1) + 4);
    const ot = out.times;
    const ov = out.values;
    let m = out.count;
    const m0 = m;
    for (let i = from; i < to; i++) {
      const a = levels[units[3 * i]!]!;
      const o = units[3 * i + 1]! * stride;
      const n = a[o + F.count]!;
      const u = units[3 * i + 2]!;
      if (u !== bucket) {
        if (count) {
          const minFirst = tMin <= tMax;
          // writeGroup (points-out.ts) by hand: called, it was not inlined (62,500 blocks: 2.4 ms against 1.7).
          const t1 = minFirst ? tMin : tMax;
          const v1 = minFirst ? min : max;
          const t2 = minFirst ? tMax : tMin;
          const v2 = minFirst ? max : min;
          ot[m] = tFirst;
          ov[m++] = first;
          ot[m] = t1;
          ov[m] = v1;
          m += Number(t1 !== tFirst) | Number(v1 !== first);
          ot[m] = t2;
          ov[m] = v2;
          m += Number(t2 !== t1) | Number(v2 !== v1);
          ot[m] = tLast;
          ov[m] = last;
          m += Number(tLast !== t2) | Number(last !== v2);
          count = 0;
        }
        bucket = u;
      }
      if (!n) continue;
      const lo = a[o + F.min]!;
      const hi = a[o + F.max]!;
      if (count === 0) {
        first = a[o + F.first]!;
        tFirst = a[o + F.tFirst]!;
        min = lo;
        tMin = a[o + F.tMin]!;
        max = hi;
        tMax = a[o + F.tMax]!;
      } else {
        if (lo < min) {
          min = lo;
          tMin = a[o + F.tMin]!;
        }
        if (hi > max) {
          max = hi;
          tMax = a[o + F.tMax]!;
        }
      }
      last = a[o + F.last]!;
      tLast = a[o + F.tLast]!;
      count += n;
      sourcePoints += n;
    }
    this.bucket = bucket;
    this.count = count;
    this.first = first;
    this.tFirst = tFirst;
    this.last = last;
    this.tLast = tLast;
    this.min = min;
    this.tMin = tMin;
    this.max = max;
    this.tMax = tMax;
    this.sourcePoints = sourcePoints;
    out.count = m;
    this.valuesOut += m - m0;
    if (sourcePoints !== before) this.prevT = tLast;
  }

  /**
   * Raw rows of a line, run by run (each run's rows share a pixel column, `columns[k]`; runs in
   * time order), every row known to follow the one before within the break threshold: the groups
   * straight out, with the open group in locals. Stops at a run with a NaN (no value) and answers
   * its index, for feedNumbers to take the rest; `count` when all are in.
   */
  lineRuns(
    ts: Float64Array,
    values: Float64Array,
    starts: Int32Array,
    ends: Int32Array,
    columns: Int32Array,
    from: number,
    count: number,
  ): number {
    let k = from;
    for (; k < count; k++) {
      const i0 = starts[k]!;
      const i1 = ends[k]!;
      const x0 = values[i0]!;
      if (x0 !== x0) break;
      let lo = x0;
      let iLo = i0;
      let hi = x0;
      let iHi = i0;
      let j = i0 + 1;
      for (; j < i1; j++) {
        const x = values[j]!;
        if (x < lo) {
          lo = x;
          iLo = j;
        } else if (x > hi) {
          hi = x;
          iHi = j;
        } else if (x !== x) break;
      }
      if (j < i1) break;
      const u = columns[k]!;
      if (u !== this.bucket || !this.count) {
        // A new group: the open one goes out first.
        this.flushGroup();
        this.bucket = u;
        this.first = x0;
        this.tFirst = ts[i0]!;
        this.min = lo;
        this.tMin = ts[iLo]!;
        this.max = hi;
        this.tMax = ts[iHi]!;
      } else {
        if (lo < this.min) {
          this.min = lo;
          this.tMin = ts[iLo]!;
        }
        if (hi > this.max) {
          this.max = hi;
          this.tMax = ts[iHi]!;
        }
      }
      this.last = values[i1 - 1]!;
      this.tLast = this.prevT = ts[i1 - 1]!;
      this.count += i1 - i0;
      this.sourcePoints += i1 - i0;
    }
    return k;
  }

  /**
   * A line's 8-row blocks from the fine index (fine-index.ts): blocks [from, to) of a part, block k
   * being rows [8k, 8k + 8) of `ts` and `values` (`rows` in all), its code `codes[k]`, its pixel
   * column `buckets[k]` and the longest time between two of its rows `pauses[k]`. The group is
   * folded in locals, as in lineBlocks. Stops at a block that may break the line (a pause over
   * the threshold before it or inside it, or a break asked for) and answers its index, for the
   * caller to take it through block() or value by value; `to` when all are in.
   */
  fineBlocks(
    ts: Float64Array,
    values: Float64Array,
    rows: number,
    codes: Uint16Array,
    buckets: Int32Array,
    pauses: Float64Array,
    points: number,
    from: number,
    to: number,
  ): number {
    const threshold = this.threshold;
    // A break asked for stops at the first block with a value.
    const forced = this.forceBreak;
    let bucket = this.bucket;
    let count = this.count;
    let first = this.first;
    let tFirst = this.tFirst;
    let last = this.last;
    let tLast = this.tLast;
    let min = this.min;
    let tMin = this.tMin;
    let max = this.max;
    let tMax = this.tMax;
    let prevT = this.prevT;
    let sourcePoints = this.sourcePoints;
    const out = this.out;
    // As in lineBlocks: the columns between the first block's and the last's (those outside the grid clamped).
    if (to > from) {
      const clamp = (u: number) => (u < 0 ? 0 : u >= points ? points - 1 : u);
      out.reserve(4 * Math.min(to - from, clamp(buckets[to - 1]!) - clamp(buckets[from]!) + 1) + 4);
    }
    const ot = out.times;
    const ov = out.values;
    let m = out.count;
    const m0 = m;
    let k = from;
    for (; k < to; k++) {
      const code = codes[k]!;
      if (!code) continue;
      const u = buckets[k]!;
      if (u < 0 || u >= points) continue;
      const i0 = 8 * k;
      const iF = i0 + (code & 7);
      const iL = i0 + ((code >> 9) & 7);
      const tF = ts[iF]!;
      const tL = ts[iL]!;
      const n = ((code >> 12) & 7) + 1;
      // Inside a block with a value on every row the pauses are its rows'; with holes, at most its span.
      if (forced || tF - prevT > threshold || (n === Math.min(8, rows - i0) ? pauses[k]! : tL - tF) > threshold) break;
      const iLo = i0 + ((code >> 3) & 7);
      const iHi = i0 + ((code >> 6) & 7);
      if (u !== bucket) {
        if (count) {
          const minFirst = tMin <= tMax;
          // writeGroup (points-out.ts) by hand: called, it was not inlined (62,500 blocks: 2.4 ms against 1.7).
          const t1 = minFirst ? tMin : tMax;
          const v1 = minFirst ? min : max;
          const t2 = minFirst ? tMax : tMin;
          const v2 = minFirst ? max : min;
          ot[m] = tFirst;
          ov[m++] = first;
          ot[m] = t1;
          ov[m] = v1;
          m += Number(t1 !== tFirst) | Number(v1 !== first);
          ot[m] = t2;
          ov[m] = v2;
          m += Number(t2 !== t1) | Number(v2 !== v1);
          ot[m] = tLast;
          ov[m] = last;
          m += Number(tLast !== t2) | Number(last !== v2);
          count = 0;
        }
        bucket = u;
      }
      const lo = values[iLo]!;
      const hi = values[iHi]!;
      if (count === 0) {
        first = values[iF]!;
        tFirst = tF;
        min = lo;
        tMin = ts[iLo]!;
        max = hi;
        tMax = ts[iHi]!;
      } else {
        if (lo < min) {
          min = lo;
          tMin = ts[iLo]!;
        }
        if (hi > max) {
          max = hi;
          tMax = ts[iHi]!;
        }
      }
      last = values[iL]!;
      tLast = prevT = tL;
      count += n;
      sourcePoints += n;
    }
    this.bucket = bucket;
    this.count = count;
    this.first = first;
    this.tFirst = tFirst;
    this.last = last;
    this.tLast = tLast;
    this.min = min;
    this.tMin = tMin;
    this.max = max;
    this.tMax = tMax;
    this.prevT = prevT;
    this.sourcePoints = sourcePoints;
    out.count = m;
    this.valuesOut += m - m0;
    return k;
  }

  /** The same for a string column, its values indexes into `strings`. */
  textBlock(a: Float64Array, o: number, strings: readonly string[]): void {
    const n = a[o + F.count]!;
    if (!n) return;
    const tFirst = a[o + F.tFirst]!;
    this.checkBreak(tFirst);
    this.sourcePoints += n;
    const first = strings[a[o + F.first]!]!;
    if (this.count === 0) {
      this.firstText = first;
      this.tFirst = tFirst;
      this.changes = a[o + F.changes]!;
    } else this.changes += a[o + F.changes]! + (first !== this.lastText ? 1 : 0);
    this.lastText = strings[a[o + F.last]!]!;
    this.tLast = this.prevT = a[o + F.tLast]!;
    this.count += n;
  }

  finish(): SeriesPoints {
    this.flushGroup();
    this.endPiece();
    const downsampled = this.steps ? this.manyChanges : this.valuesOut < this.sourcePoints;
    const { t, v } = this.out.arrays();
    return { t, v, downsampled, sourcePoints: this.sourcePoints };
  }

  private checkBreak(t: number) {
    if (this.prevT === this.prevT && (this.forceBreak || t - this.prevT > this.threshold)) {
      this.flushGroup();
      this.endPiece();
      this.out.push((this.prevT + t) / 2, NaN);
    }
    this.forceBreak = false;
  }

  private flushGroup() {
    if (!this.count) return;
    if (this.changes > 1) this.manyChanges = true;
    this.count = 0;
    if (this.text) {
      this.offerText(this.tFirst, this.firstText, false);
      this.offerText(this.tLast, this.lastText, this.tLast === this.tFirst && this.lastText === this.firstText);
      return;
    }
    // First is the earliest and last the latest of the group; min and max lie between, in time
    // order (min first on a tie of times). A point equal to the one before it (same time, same
    // value: the same row) is not repeated.
    const minFirst = this.tMin <= this.tMax;
    const t1 = minFirst ? this.tMin : this.tMax;
    const v1 = minFirst ? this.min : this.max;
    const t2 = minFirst ? this.tMax : this.tMin;
    const v2 = minFirst ? this.max : this.min;
    if (!this.steps) {
      // A line: the four points straight into the output (the hot path of a zoom).
      const n = this.out.lineGroup(this.tFirst, this.first, t1, v1, t2, v2, this.tLast, this.last);
      this.valuesOut += n;
      return;
    }
    this.offer(this.tFirst, this.first, false);
    this.offer(t1, v1, t1 === this.tFirst && v1 === this.first);
    this.offer(t2, v2, t2 === t1 && v2 === v1);
    this.offer(this.tLast, this.last, this.tLast === t2 && this.last === v2);
  }

  /** A group's point, unless it repeats the one before (`same`), or a step lane already shows its value. */
  private offer(t: number, v: number, same: boolean) {
    if (same || (this.steps && this.shownAny && v === this.shown)) return;
    this.out.push(t, v);
    this.valuesOut++;
    this.shownAny = true;
    this.shown = v;
    this.shownT = t;
  }

  private offerText(t: number, v: string, same: boolean) {
    if (same || (this.shownAny && v === this.shownText)) return;
    this.out.push(t, 0, v);
    this.valuesOut++;
    this.shownAny = true;
    this.shownText = v;
    this.shownT = t;
  }

  /** A step lane's piece ends on its last value, even when it repeats the one shown before. */
  private endPiece() {
    if (this.steps && this.shownAny && this.shownT !== this.prevT) {
      // Shown again, at the piece's last time: the filter must let it through.
      this.shownAny = false;
      if (this.text) this.offerText(this.prevT, this.shownText, false);
      else this.offer(this.prevT, this.shown, false);
    }
    this.shownAny = false;
  }
}
