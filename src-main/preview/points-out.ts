import type { Cell } from '../formats/row-batch';

/**
 * A series' points as they are made: times and numbers in typed arrays grown by doubling (NaN: a
 * break), texts beside them, turned into the answer's plain arrays once at the end. Pushing onto
 * plain arrays as points came cost XL's full view a garbage collection every other answer.
 */
export class PointsOut {
  private t = new Float64Array(256);
  private v = new Float64Array(256);
  private readonly texts: (string | null)[] = [];
  private n = 0;

  /** A point of a numeric series; NaN for a break. */
  push(t: number, v: number): void {
    if (this.n === this.t.length) this.grow();
    this.t[this.n] = t;
    this.v[this.n++] = v;
  }

  /** A line's group: four points in time order, each skipped when it repeats the one before; how many were kept. */
  lineGroup(t0: number, v0: number, t1: number, v1: number, t2: number, v2: number, t3: number, v3: number): number {
    if (this.n + 4 > this.t.length) this.grow();
    const t = this.t;
    const v = this.v;
    const start = this.n;
    let n = start;
    t[n] = t0;
    v[n++] = v0;
    if (t1 !== t0 || v1 !== v0) {
      t[n] = t1;
      v[n++] = v1;
    }
    if (t2 !== t1 || v2 !== v1) {
      t[n] = t2;
      v[n++] = v2;
    }
    if (t3 !== t2 || v3 !== v2) {
      t[n] = t3;
      v[n++] = v3;
    }
    this.n = n;
    return n - start;
  }

  private grow() {
    const t2 = new Float64Array(this.t.length * 2);
    const v2 = new Float64Array(this.t.length * 2);
    t2.set(this.t);
    v2.set(this.v);
    this.t = t2;
    this.v = v2;
  }

  /** A point of a text series; null for a break. */
  pushText(t: number, v: string | null): void {
    this.push(t, 0);
    this.texts.push(v);
  }

  /** The points as the answer carries them: booleans as booleans, breaks as null. */
  arrays(kind: 'number' | 'boolean' | 'text'): { t: number[]; v: Cell[] } {
    const n = this.n;
    const t: number[] = new Array(n);
    for (let i = 0; i < n; i++) t[i] = this.t[i]!;
    if (kind === 'text') return { t, v: this.texts };
    const v: Cell[] = new Array(n);
    const values = this.v;
    if (kind === 'boolean') for (let i = 0; i < n; i++) v[i] = values[i] !== values[i] ? null : values[i] === 1;
    else for (let i = 0; i < n; i++) v[i] = values[i] !== values[i] ? null : values[i]!;
    return { t, v };
  }
}
