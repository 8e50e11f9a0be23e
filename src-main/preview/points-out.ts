import type { Cell } from '../formats/row-batch';

/**
 * A series' points as they are made, straight into the answer's arrays, allocated once for the
 * points a chart of that width can get (4 a pixel column; more grows them) and cut to length at
 * the end. A line's times and values are doubles (a break: NaN), the contract's wire type; a step
 * lane's values stay cells. Pushing onto arrays grown from empty cost XL's full view a garbage
 * collection every other answer.
 */
export class PointsOut {
  private t: Float64Array;
  private nums: Float64Array;
  private cells: Cell[];
  private n = 0;

  constructor(
    private readonly kind: 'number' | 'boolean' | 'text',
    capacity: number,
    /** Where the doubles come from: fresh arrays, or slices of an answer's arena (buffer-pool.ts). */
    private readonly alloc: (n: number) => Float64Array = (n) => new Float64Array(n),
  ) {
    const size = Math.max(16, capacity);
    this.t = alloc(size);
    this.nums = kind === 'number' ? alloc(size) : new Float64Array(0);
    this.cells = kind === 'number' ? [] : new Array<Cell>(size);
  }

  /** A point of a numeric series (NaN: a break), or of a text one. */
  push(t: number, v: number, text: string | null = null): void {
    if (this.n + 4 > this.t.length) this.grow();
    this.t[this.n] = t;
    if (this.kind === 'number') this.nums[this.n++] = v;
    else this.cells[this.n++] = v !== v ? null : this.kind === 'text' ? text : v === 1;
  }

  /** A line's group: four points in time order, each skipped when it repeats the one before; how many were kept. */
  lineGroup(t0: number, v0: number, t1: number, v1: number, t2: number, v2: number, t3: number, v3: number): number {
    if (this.n + 4 > this.t.length) this.grow();
    const start = this.n;
    this.n = writeGroup(this.t, this.nums, start, t0, v0, t1, v1, t2, v2, t3, v3);
    return this.n - start;
  }

  /**
   * Room for `n` more points of a line, for a loop that writes groups itself (writeGroup into
   * times and values from count, then sets count): no check, call or field write a group.
   */
  reserve(n: number): void {
    while (this.n + n > this.t.length) this.grow();
  }

  get times(): Float64Array {
    return this.t;
  }

  get values(): Float64Array {
    return this.nums;
  }

  get count(): number {
    return this.n;
  }

  set count(n: number) {
    this.n = n;
  }

  /** The points: views of the first n doubles (no copy), or the cells cut to length. */
  arrays(): { t: Float64Array; v: Float64Array | Cell[] } {
    const t = this.t.subarray(0, this.n);
    if (this.kind === 'number') return { t, v: this.nums.subarray(0, this.n) };
    this.cells.length = this.n;
    return { t, v: this.cells };
  }

  private grow() {
    const t = this.alloc(this.t.length * 2);
    t.set(this.t);
    this.t = t;
    if (this.kind === 'number') {
      const v = this.alloc(this.nums.length * 2);
      v.set(this.nums);
      this.nums = v;
    }
  }
}

/**
 * Writes a line's group at m: four points in time order, each kept (m moves on) unless it repeats
 * the one before; answers the new m. No branch on the data: for a noisy signal the comparisons go
 * either way at random, and mispredicting them was a tenth of a 1 % zoom of XL.
 */
export function writeGroup(
  t: Float64Array,
  v: Float64Array,
  m: number,
  t0: number,
  v0: number,
  t1: number,
  v1: number,
  t2: number,
  v2: number,
  t3: number,
  v3: number,
): number {
  t[m] = t0;
  v[m++] = v0;
  t[m] = t1;
  v[m] = v1;
  m += Number(t1 !== t0) | Number(v1 !== v0);
  t[m] = t2;
  v[m] = v2;
  m += Number(t2 !== t1) | Number(v2 !== v1);
  t[m] = t3;
  v[m] = v3;
  m += Number(t3 !== t2) | Number(v3 !== v2);
  return m;
}
