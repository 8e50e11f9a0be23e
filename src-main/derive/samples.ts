/*
 * A first-in first-out run of samples (time, value), growing by doubling: what a rolling window, a
 * shift or a diff keeps between batches. Numbers (true/false as 1/0) in a Float64Array, strings in
 * an array. Its contents are the whole state of the node that owns it: `save()` copies them out as
 * plain data (structured-cloneable, for a worker), `new Samples(…, saved)` puts them back.
 */

export interface SavedSamples {
  t: Float64Array;
  v: Float64Array | (string | null)[];
}

export class Samples {
  private t: Float64Array;
  private v: Float64Array | (string | null)[];
  private head = 0;
  length = 0;

  constructor(
    private readonly numeric: boolean,
    saved?: SavedSamples,
  ) {
    const cap = Math.max(16, saved?.t.length ?? 0);
    this.t = new Float64Array(cap);
    this.v = numeric ? new Float64Array(cap) : new Array<string | null>(cap).fill(null);
    if (saved) {
      if (saved.v instanceof Float64Array !== numeric || saved.v.length !== saved.t.length)
        throw new Error('A saved state that does not fit this expression');
      for (let i = 0; i < saved.t.length; i++) this.push(saved.t[i]!, saved.v[i]!);
    }
  }

  private slot(i: number): number {
    const j = this.head + i;
    return j < this.t.length ? j : j - this.t.length;
  }

  timeAt(i: number): number {
    return this.t[this.slot(i)]!;
  }

  valueAt(i: number): number | string | null {
    return this.v[this.slot(i)]!;
  }

  numberAt(i: number): number {
    return (this.v as Float64Array)[this.slot(i)]!;
  }

  push(t: number, v: number | string | null): void {
    if (this.length === this.t.length) this.grow();
    const j = this.slot(this.length);
    this.t[j] = t;
    this.v[j] = v as never;
    this.length++;
  }

  /** Drops the oldest. */
  shift(): void {
    if (!this.numeric) (this.v as (string | null)[])[this.head] = null;
    this.head = this.head + 1 === this.t.length ? 0 : this.head + 1;
    this.length--;
  }

  /** Drops the newest. */
  pop(): void {
    this.length--;
    if (!this.numeric) (this.v as (string | null)[])[this.slot(this.length)] = null;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    const v = this.numeric ? new Float64Array(cap) : new Array<string | null>(cap).fill(null);
    for (let i = 0; i < this.length; i++) {
      t[i] = this.timeAt(i);
      v[i] = this.valueAt(i) as never;
    }
    this.t = t;
    this.v = v;
    this.head = 0;
  }

  save(): SavedSamples {
    const t = new Float64Array(this.length);
    const v = this.numeric ? new Float64Array(this.length) : new Array<string | null>(this.length);
    for (let i = 0; i < this.length; i++) {
      t[i] = this.timeAt(i);
      v[i] = this.valueAt(i) as never;
    }
    return { t, v };
  }
}
