import type { DataType } from '../../src-preload/contract';
import { BOOL_NULL, type ColumnData, type ColumnSpec, type RowBatch } from './row-batch';
import { DecodeError } from './decode-error';

/*
 * The columns of the batch a decoder is filling: typed arrays of a fixed capacity, handed over
 * whole when full (the consumer owns them; the next batch gets new ones). Also where every decoder
 * checks its timestamps: real, and never earlier than the row before (we stream, so a file out of
 * order cannot be sorted; the API writes its files in order).
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
  /** The timestamp of the row before. */
  lastTime = Number.NEGATIVE_INFINITY;

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
  }

  /** The 1-based number of the row being filled, for messages. */
  get row(): number {
    return this.before + this.n + 1;
  }

  /** Checks the row's timestamp (at times[n]) against the one before; `row` is what the file calls a row. */
  checkTime(what: string, row = 'Row'): void {
    const t = this.times[this.n]!;
    if (!(t >= this.lastTime)) {
      if (Number.isNaN(t)) throw new DecodeError(`${row} ${this.row} of the ${what} has no valid timestamp.`);
      throw new DecodeError(
        `${row} ${this.row} of the ${what} is earlier (${new Date(t).toISOString()}) than the row before it (${new Date(this.lastTime).toISOString()}): the file is out of order.`,
      );
    }
    this.lastTime = t;
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
        if (kind === 'float') return { name, data: { kind, values: trim ? this.floats[s]!.slice(0, n) : this.floats[s]! } };
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
