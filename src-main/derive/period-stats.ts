import { ExactSum } from './exact-sum';

/*
 * The minimum, maximum and mean of a signal over a period, built row by row and merged across
 * chunks exactly (the sum is exact-sum.ts's), so a period cut by chunk boundaries has the same
 * statistics, bit for bit, as one scan of it.
 */

/** As carried between a worker and the main process, and kept in a job's manifest: plain JSON (no infinities). */
export interface SavedStats {
  n: number;
  /** null without values. */
  min: number | null;
  max: number | null;
  sum: number[];
}

export class PeriodStats {
  n = 0;
  min = Infinity;
  max = -Infinity;
  private readonly sum: ExactSum;

  constructor(saved?: SavedStats) {
    this.sum = new ExactSum(saved?.sum);
    if (saved && saved.n) {
      this.n = saved.n;
      this.min = saved.min!;
      this.max = saved.max!;
    }
  }

  /** A row's value; missing (NaN) and infinite values are not counted. */
  add(value: number): void {
    if (!(value - value === 0)) return;
    // -0 is 0 here: JSON (a manifest) would make it one anyway.
    const v = value === 0 ? 0 : value;
    this.n++;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.sum.add(v);
  }

  merge(o: PeriodStats): void {
    if (!o.n) return;
    this.n += o.n;
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    this.sum.merge(o.sum);
  }

  clear(): void {
    this.n = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.sum.clear();
  }

  copy(): PeriodStats {
    return new PeriodStats(this.save());
  }

  save(): SavedStats {
    return this.n ? { n: this.n, min: this.min, max: this.max, sum: this.sum.partials() } : { n: 0, min: null, max: null, sum: [] };
  }

  /**
   * null without values. A zero is +0: a -0 (a mean of tiny negatives underflowing, a -0 row) does
   * not survive the manifest's JSON, so one scan and chunks joined would differ by its sign, and
   * the window would print "-0".
   */
  result(): { min: number | null; max: number | null; mean: number | null } {
    if (!this.n) return { min: null, max: null, mean: null };
    return { min: this.min + 0, max: this.max + 0, mean: this.sum.value() / this.n + 0 };
  }
}
