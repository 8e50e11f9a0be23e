import { isNanValue, type ColumnData, type RowBatch } from '../row-batch';

/*
 * A batch filled from stretches of other batches' rows (the merge of sorted runs), handed over
 * when full. Float columns' NaN marks are carried: a mask is made the first time a NaN that is a
 * value arrives, so a merge of files without any costs nothing for them.
 */

export class BatchFiller {
  private times!: Float64Array;
  private cols!: ColumnData[];
  private marks!: (Uint8Array | null)[];
  n = 0;

  constructor(
    private readonly template: RowBatch['columns'],
    readonly capacity: number,
  ) {
    this.start();
  }

  private start(): void {
    const cap = this.capacity;
    this.times = new Float64Array(cap);
    this.cols = this.template.map((c): ColumnData => {
      if (c.data.kind === 'float') return { kind: 'float', values: new Float64Array(cap) };
      if (c.data.kind === 'boolean') return { kind: 'boolean', values: new Uint8Array(cap) };
      return { kind: 'string', values: new Array<string | null>(cap).fill(null) };
    });
    this.marks = this.template.map(() => null);
  }

  get room(): number {
    return this.capacity - this.n;
  }

  /** Rows [from, to) of `src` after the rows so far (the caller keeps to the room left). */
  copy(src: RowBatch, from: number, to: number): void {
    const at = this.n;
    this.times.set(src.timestamps.subarray(from, to), at);
    src.columns.forEach((c, k) => {
      const d = c.data;
      const out = this.cols[k]!;
      if (d.kind === 'float' && out.kind === 'float') {
        out.values.set(d.values.subarray(from, to), at);
        if (d.nan !== undefined) {
          for (let i = from; i < to; i++) {
            if (d.values[i] !== d.values[i] && isNanValue(d.nan, i)) (this.marks[k] ??= new Uint8Array(this.capacity))[at + i - from] = 1;
          }
        }
      } else if (d.kind === 'boolean' && out.kind === 'boolean') out.values.set(d.values.subarray(from, to), at);
      else if (d.kind === 'string' && out.kind === 'string')
        for (let i = from; i < to; i++) out.values[at + i - from] = d.values[i] ?? null;
      else throw new Error(`Column ${k + 1} changed its kind between batches.`);
    });
    this.n += to - from;
  }

  /** The rows so far as a batch; the filler starts a new one. */
  finish(): RowBatch {
    const n = this.n;
    const trim = n < this.capacity;
    const batch: RowBatch = {
      rowCount: n,
      timestamps: trim ? this.times.slice(0, n) : this.times,
      columns: this.template.map((c, k) => {
        const d = this.cols[k]!;
        const mask = this.marks[k];
        const data: ColumnData =
          d.kind === 'float'
            ? { kind: 'float', values: trim ? d.values.slice(0, n) : d.values, ...(mask ? { nan: trim ? mask.slice(0, n) : mask } : {}) }
            : d.kind === 'boolean'
              ? { kind: 'boolean', values: trim ? d.values.slice(0, n) : d.values }
              : { kind: 'string', values: trim ? d.values.slice(0, n) : d.values };
        return { name: c.name, data };
      }),
    };
    this.n = 0;
    this.start();
    return batch;
  }
}
