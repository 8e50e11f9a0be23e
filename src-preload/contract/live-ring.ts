/*
 * The points of one live signal, in a ring of fixed capacity: however long Live runs, a signal
 * never holds more than `capacity` points; the newest push out the oldest. The main process keeps
 * one per signal (what it polled, and the history that filled the chart), the window one per chart
 * line (what the events brought): the same code, so both hold the same bound. Times only grow: a
 * point not newer than the last one is the same sample polled again and is dropped. A line's
 * value NaN, a lane's null, is a break (nobody looked: Live was stopped, paused or retrying).
 */

export type RingValue = number | string | boolean | null;

/** Oldest first. A line's values are doubles (NaN: a break); a lane's are its states. */
export interface RingPoints<V> {
  t: Float64Array;
  v: V;
}

abstract class Ring<V extends RingValue, A> {
  protected readonly times: Float64Array;
  /** Index of the oldest point. */
  protected head = 0;
  protected size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`A ring holds at least one point, not ${capacity}`);
    this.times = new Float64Array(capacity);
  }

  protected abstract setValue(slot: number, value: V): void;
  protected abstract getValue(slot: number): V;
  protected abstract values(n: number): A;
  protected abstract put(out: A, i: number, value: V): void;

  get length(): number {
    return this.size;
  }

  /** The newest time held, or -Infinity when empty. */
  get lastTime(): number {
    return this.size === 0 ? Number.NEGATIVE_INFINITY : this.times[this.slot(this.size - 1)]!;
  }

  /** The oldest time held, or +Infinity when empty. */
  get firstTime(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.times[this.head]!;
  }

  /** Appends a point newer than the last one (else drops it and answers false); when full, the oldest goes. */
  push(t: number, value: V): boolean {
    if (!(t > this.lastTime)) return false;
    if (this.size === this.capacity) {
      this.times[this.head] = t;
      this.setValue(this.head, value);
      this.head = (this.head + 1) % this.capacity;
    } else {
      const slot = this.slot(this.size);
      this.times[slot] = t;
      this.setValue(slot, value);
      this.size++;
    }
    return true;
  }

  /**
   * Puts older points (ascending times) before the first one held: those at or after it are
   * dropped, and of the rest only the newest that fit in the room left. It never pushes out a
   * point already held: history fills the chart, it does not displace what was polled.
   */
  prepend(t: ArrayLike<number>, values: ArrayLike<V>): number {
    const first = this.firstTime;
    let end = t.length;
    while (end > 0 && !(t[end - 1]! < first)) end--;
    const n = Math.min(end, this.capacity - this.size);
    for (let i = end - 1; i >= end - n; i--) {
      this.head = (this.head - 1 + this.capacity) % this.capacity;
      this.times[this.head] = t[i]!;
      this.setValue(this.head, values[i]!);
      this.size++;
    }
    return n;
  }

  /** Forgets the points older than `t` (the charts' window has passed them). */
  dropBefore(t: number): void {
    while (this.size > 0 && this.times[this.head]! < t) {
      this.setValue(this.head, this.empty());
      this.head = (this.head + 1) % this.capacity;
      this.size--;
    }
  }

  /** The points with a time after `t` (all: -Infinity), oldest first, as a copy. */
  since(t: number): RingPoints<A> {
    // Binary search over the ring's logical order.
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[this.slot(mid)]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const n = this.size - lo;
    const times = new Float64Array(n);
    const values = this.values(n);
    for (let i = 0; i < n; i++) {
      const slot = this.slot(lo + i);
      times[i] = this.times[slot]!;
      this.put(values, i, this.getValue(slot));
    }
    return { t: times, v: values };
  }

  /** The newest point that is not a break, or null. */
  latest(): { t: number; value: V } | null {
    for (let i = this.size - 1; i >= 0; i--) {
      const slot = this.slot(i);
      const value = this.getValue(slot);
      if (!isBreak(value)) return { t: this.times[slot]!, value };
    }
    return null;
  }

  protected abstract empty(): V;

  private slot(i: number): number {
    return (this.head + i) % this.capacity;
  }
}

const isBreak = (v: RingValue) => v === null || (typeof v === 'number' && Number.isNaN(v));

/** A float signal's points: 16 bytes each (time and value as doubles). */
export class LineRing extends Ring<number, Float64Array> {
  private readonly v: Float64Array;
  constructor(capacity: number) {
    super(capacity);
    this.v = new Float64Array(capacity);
  }
  protected setValue(slot: number, value: number) {
    this.v[slot] = value;
  }
  protected getValue(slot: number) {
    return this.v[slot]!;
  }
  protected values(n: number) {
    return new Float64Array(n);
  }
  protected put(out: Float64Array, i: number, value: number) {
    out[i] = value;
  }
  protected empty() {
    return Number.NaN;
  }
}

/** A boolean, string or json signal's points (states; null: a break). */
export class LaneRing extends Ring<RingValue, RingValue[]> {
  private readonly v: RingValue[];
  constructor(capacity: number) {
    super(capacity);
    this.v = new Array<RingValue>(capacity).fill(null);
  }
  protected setValue(slot: number, value: RingValue) {
    this.v[slot] = value;
  }
  protected getValue(slot: number) {
    return this.v[slot] ?? null;
  }
  protected values(n: number) {
    return new Array<RingValue>(n);
  }
  protected put(out: RingValue[], i: number, value: RingValue) {
    out[i] = value;
  }
  protected empty() {
    return null;
  }
}
