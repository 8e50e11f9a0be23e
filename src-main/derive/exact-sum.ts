/*
 * A sum of doubles without rounding error (Shewchuk's non-overlapping partials, as Python's
 * math.fsum): the partials hold the exact sum of every value added (and taken away), and `value()`
 * rounds it once, correctly. So a sum depends only on which values are in it, never on the order
 * they came in or on what was added and removed before: a rolling window's sum recomputed by a
 * chunk from its lead-in equals, bit for bit, the one a single pass over the whole table carried;
 * a period's mean merged from two chunks equals the mean of one scan. Plain float addition drifts
 * with the history of a sliding window (a 1-unit error in 1e16 after a million slides is common).
 * Cost: a few additions per value (the partials of plant data stay 1-3 long); `bench/micro/derive.ts`.
 * Values must be finite (NaN and ±Infinity are the caller's to count apart).
 */
export class ExactSum {
  private p: Float64Array;
  private n = 0;

  constructor(partials: ArrayLike<number> = []) {
    this.p = new Float64Array(Math.max(4, partials.length));
    for (let i = 0; i < partials.length; i++) this.add(partials[i]!);
  }

  add(value: number): void {
    let x = value;
    const p = this.p;
    let k = 0;
    for (let j = 0; j < this.n; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[k++] = lo;
      x = hi;
    }
    if (k === p.length) this.grow();
    this.p[k] = x;
    this.n = k + 1;
  }

  private grow(): void {
    const next = new Float64Array(this.p.length * 2);
    next.set(this.p);
    this.p = next;
  }

  merge(other: ExactSum): void {
    for (let j = 0; j < other.n; j++) this.add(other.p[j]!);
  }

  clear(): void {
    this.n = 0;
  }

  /** The exact sum, rounded once to the nearest double (ties to even); 0 for nothing, never -0. */
  value(): number {
    const p = this.p;
    let k = this.n;
    if (k === 0) return 0;
    let hi = p[--k]!;
    let lo = 0;
    while (k > 0) {
      const x = hi;
      const y = p[--k]!;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Round half-even correctly when the rest of the partials push the tie one way.
    if (k > 0 && ((lo < 0 && p[k - 1]! < 0) || (lo > 0 && p[k - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi === 0 ? 0 : hi;
  }

  /** The partials, to carry the sum across a worker (`new ExactSum(partials)` rebuilds it). */
  partials(): number[] {
    return Array.from(this.p.subarray(0, this.n));
  }
}
