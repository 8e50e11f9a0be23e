import type { Cell } from '../formats/row-batch';
import { F } from '../store/summary-layout';
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
 */

export interface SeriesPoints {
  t: number[];
  v: Cell[];
  /** Lines: fewer values drawn than the range holds. Steps: a pixel column held more than one change. */
  downsampled: boolean;
  /** Values in the range. */
  sourcePoints: number;
}

const FIRST = 0;
const MIN = 1;
const MAX = 2;
const LAST = 3;

export class SeriesBuilder {
  private readonly t: number[] = [];
  private readonly v: Cell[] = [];
  private readonly numeric: boolean;
  private readonly steps: boolean;
  private prevT = NaN;
  private forceBreak = false;
  private sourcePoints = 0;
  private valuesOut = 0;
  private manyChanges = false;
  // The open group.
  private bucket = NaN;
  private count = 0;
  private changes = 0;
  private first: number | string = 0;
  private tFirst = 0;
  private last: number | string = 0;
  private tLast = 0;
  private min = 0;
  private tMin = 0;
  private max = 0;
  private tMax = 0;
  // The open piece of a step lane: the last point emitted (undefined: none yet in this piece).
  private shown: number | string | undefined = undefined;
  private shownT = NaN;
  // Scratch for ordering a group's candidates.
  private readonly ct = [0, 0, 0, 0];
  private readonly cv: (number | string)[] = [0, 0, 0, 0];
  private readonly cr = [0, 0, 0, 0];

  constructor(
    private readonly kind: StoreColumn['kind'],
    private readonly threshold: number,
  ) {
    this.numeric = kind !== 'string';
    this.steps = kind !== 'float';
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

  value(t: number, x: number | string): void {
    this.checkBreak(t);
    this.sourcePoints++;
    if (this.count === 0) this.open(x, t, x, t, 0);
    else {
      if (x !== this.last) this.changes++;
      if (this.numeric) {
        if ((x as number) < this.min) {
          this.min = x as number;
          this.tMin = t;
        } else if ((x as number) > this.max) {
          this.max = x as number;
          this.tMax = t;
        }
      }
      this.last = x;
      this.tLast = t;
    }
    this.count++;
    this.prevT = t;
  }

  /** A summary block (a[o]: one column's fields) inside the current pixel column, with no break inside. */
  block(a: Float64Array, o: number, strings: readonly string[] | null): void {
    const n = a[o + F.count]!;
    if (!n) return;
    const tFirst = a[o + F.tFirst]!;
    this.checkBreak(tFirst);
    const first = strings ? strings[a[o + F.first]!]! : a[o + F.first]!;
    const last = strings ? strings[a[o + F.last]!]! : a[o + F.last]!;
    this.sourcePoints += n;
    if (this.count === 0) {
      this.open(first, tFirst, last, a[o + F.tLast]!, a[o + F.changes]!);
      if (this.numeric) {
        this.min = a[o + F.min]!;
        this.tMin = a[o + F.tMin]!;
        this.max = a[o + F.max]!;
        this.tMax = a[o + F.tMax]!;
      }
    } else {
      this.changes += a[o + F.changes]! + (first !== this.last ? 1 : 0);
      if (this.numeric) {
        if (a[o + F.min]! < this.min) {
          this.min = a[o + F.min]!;
          this.tMin = a[o + F.tMin]!;
        }
        if (a[o + F.max]! > this.max) {
          this.max = a[o + F.max]!;
          this.tMax = a[o + F.tMax]!;
        }
      }
      this.last = last;
      this.tLast = a[o + F.tLast]!;
    }
    this.count += n;
    this.prevT = a[o + F.tLast]!;
  }

  finish(): SeriesPoints {
    this.flushGroup();
    this.endPiece();
    const downsampled = this.steps ? this.manyChanges : this.valuesOut < this.sourcePoints;
    return { t: this.t, v: this.v, downsampled, sourcePoints: this.sourcePoints };
  }

  private open(first: number | string, tFirst: number, last: number | string, tLast: number, changes: number) {
    this.first = first;
    this.tFirst = tFirst;
    this.last = last;
    this.tLast = tLast;
    this.changes = changes;
    if (this.numeric) {
      this.min = first as number;
      this.tMin = tFirst;
      this.max = first as number;
      this.tMax = tFirst;
    }
  }

  private checkBreak(t: number) {
    if (this.prevT === this.prevT && (this.forceBreak || t - this.prevT > this.threshold)) {
      this.flushGroup();
      this.endPiece();
      this.t.push((this.prevT + t) / 2);
      this.v.push(null);
    }
    this.forceBreak = false;
  }

  private flushGroup() {
    if (!this.count) return;
    if (this.changes > 1) this.manyChanges = true;
    const { ct, cv, cr } = this;
    let n = 0;
    const add = (t: number, v: number | string, role: number) => {
      // Insertion by (time, role): first, min, max, last when times tie.
      let i = n++;
      while (i > 0 && (ct[i - 1]! > t || (ct[i - 1] === t && cr[i - 1]! > role))) {
        ct[i] = ct[i - 1]!;
        cv[i] = cv[i - 1]!;
        cr[i] = cr[i - 1]!;
        i--;
      }
      ct[i] = t;
      cv[i] = v;
      cr[i] = role;
    };
    add(this.tFirst, this.first, FIRST);
    if (this.numeric) {
      add(this.tMin, this.min, MIN);
      add(this.tMax, this.max, MAX);
    }
    add(this.tLast, this.last, LAST);
    for (let i = 0; i < n; i++) {
      if (i > 0 && ct[i] === ct[i - 1] && cv[i] === cv[i - 1]) continue;
      if (this.steps && this.shown !== undefined && cv[i] === this.shown) continue;
      this.emit(ct[i]!, cv[i]!);
    }
    this.count = 0;
  }

  /** A step lane's piece ends on its last value, even when it repeats the one shown before. */
  private endPiece() {
    if (this.steps && this.shown !== undefined && this.shownT !== this.prevT) this.emit(this.prevT, this.shown);
    this.shown = undefined;
  }

  private emit(t: number, v: number | string) {
    this.t.push(t);
    this.v.push(this.kind === 'boolean' ? v === 1 : v);
    this.valuesOut++;
    this.shown = v;
    this.shownT = t;
  }
}
