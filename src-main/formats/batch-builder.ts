import type { DataType } from '../../src-preload/contract';
import { BOOL_NULL, type ColumnData, type ColumnSpec, type NanMarks, type RowBatch } from './row-batch';

/*
 * The columns of the batch a decoder is filling: typed arrays of a fixed capacity, handed over
 * whole when full (the consumer owns them; the next batch gets new ones). Timestamps are checked
 * and put in order after, as batches (order/time-order.ts).
 */

export type Kind = ColumnData['kind'];

export const kindOf = (type: DataType): Kind => (type === 'float' ? 'float' : type === 'boolean' ? 'boolean' : 'string');

export class BatchBuilder {
  readonly kinds: Kind[];
  times!: Float64Array;
  floats!: Float64Array[];
  bools!: Uint8Array[];
  strings!: (string | null)[][];
  /** Rows in the batch so far. */
  n = 0;
  /** Rows handed over in earlier batches. */
  before = 0;
  /** Per column, 1 where a float's NaN is a value (made when the first one comes). */
  private nans: (Uint8Array | null)[] = [];
  /** Per column (parquet), rows [from, to) copied from pieces without missing values. */
  private clean: number[][] = [];
  /** Per column (parquet), whether a piece with missing values was copied. */
  private nulled: boolean[] = [];

  constructor(
    specs: ColumnSpec[],
    readonly names: string[],
    readonly capacity: number,
    /** Fill with "no value" first: for sources whose rows may lack a column (json). */
    private readonly prefill: boolean,
  ) {
    this.kinds = specs.map((s) => kindOf(s.dataType));
    this.start();
  }

  private start(): void {
    const cap = this.capacity;
    const none = new Float64Array(0);
    this.times = new Float64Array(cap);
    this.floats = this.kinds.map((k) => (k === 'float' ? new Float64Array(cap) : none));
    this.bools = this.kinds.map((k) => (k === 'boolean' ? new Uint8Array(cap) : new Uint8Array(0)));
    this.strings = this.kinds.map((k) => (k === 'string' ? new Array<string | null>(cap).fill(null) : []));
    if (this.prefill) {
      for (const f of this.floats) f.fill(Number.NaN);
      for (const b of this.bools) b.fill(BOOL_NULL);
    }
    this.nans = this.kinds.map(() => null);
    this.clean = this.kinds.map(() => []);
    this.nulled = this.kinds.map(() => false);
  }

  /** Row `row` of float column s holds NaN as a value (not "no value"). */
  markNan(s: number, row: number): void {
    (this.nans[s] ??= new Uint8Array(this.capacity))[row] = 1;
  }

  /** parquet: rows [at, at + n) of float column s came from a piece with no missing value (so any NaN is one). */
  cleanRows(s: number, at: number, n: number): void {
    this.clean[s]!.push(at, at + n);
  }

  /** parquet: a piece with missing values went into float column s (its NaN values are marked one by one). */
  sawNulls(s: number): void {
    this.nulled[s] = true;
  }

  /** The NaN marks of float column s for a batch of n rows. */
  private nanMarks(s: number, n: number): NanMarks | undefined {
    const clean = this.clean[s]!;
    let covered = 0;
    for (let i = 0; i < clean.length; i += 2) covered += clean[i + 1]! - clean[i]!;
    if (!this.nulled[s] && covered === n && n > 0) return 'all';
    const values = this.floats[s]!;
    for (let i = 0; i < clean.length; i += 2) {
      for (let r = clean[i]!; r < clean[i + 1]!; r++) if (values[r] !== values[r]) this.markNan(s, r);
    }
    const marks = this.nans[s];
    return marks ? (n < this.capacity ? marks.slice(0, n) : marks) : undefined;
  }

  /** The 1-based number of the row being filled, for messages. */
  get row(): number {
    return this.before + this.n + 1;
  }

  /** The rows so far as a batch; the builder starts a new one. */
  finish(): RowBatch {
    const n = this.n;
    const trim = n < this.capacity;
    const batch: RowBatch = {
      rowCount: n,
      timestamps: trim ? this.times.slice(0, n) : this.times,
      columns: this.kinds.map((kind, s): { name: string; data: ColumnData } => {
        const name = this.names[s]!;
        if (kind === 'float') {
          const nan = this.nanMarks(s, n);
          const values = trim ? this.floats[s]!.slice(0, n) : this.floats[s]!;
          return { name, data: nan ? { kind, values, nan } : { kind, values } };
        }
        if (kind === 'boolean') return { name, data: { kind, values: trim ? this.bools[s]!.slice(0, n) : this.bools[s]! } };
        return { name, data: { kind, values: trim ? this.strings[s]!.slice(0, n) : this.strings[s]! } };
      }),
    };
    this.before += n;
    this.n = 0;
    this.start();
    return batch;
  }
}
