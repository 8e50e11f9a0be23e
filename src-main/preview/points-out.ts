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
    if (this.n === this.t.length) {
      const t2 = new Float64Array(this.n * 2);
      const v2 = new Float64Array(this.n * 2);
      t2.set(this.t);
      v2.set(this.v);
      this.t = t2;
      this.v = v2;
    }
    this.t[this.n] = t;
    this.v[this.n++] = v;
  }

  /** A point of a text series; null for a break. */
  pushText(t: number, v: string | null): void {
    this.push(t, 0);
    this.texts.push(v);
  }

  /** The points as the answer carries them: booleans as booleans, breaks as null. */
  arrays(kind: 'number' | 'boolean' | 'text'): { t: number[]; v: Cell[] } {
    const t: number[] = new Array(this.n);
    const v: Cell[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      t[i] = this.t[i]!;
      const x = this.v[i]!;
      v[i] = kind === 'text' ? this.texts[i]! : x !== x ? null : kind === 'boolean' ? x === 1 : x;
    }
    return { t, v };
  }
}
