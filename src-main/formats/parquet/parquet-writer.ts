import {
  bool,
  columnFromArray,
  columnFromValues,
  dictionary,
  float64,
  tableFromColumns,
  timestamp,
  TimeUnit,
  utf8,
  type Column,
  type Table as ArrowTable,
} from '@uwdata/flechette';
import { BOOL_NULL, isNanValue, type ColumnData, type RowBatch } from '../row-batch';
import { sliceBatch } from '../slice-batch';
import { emptyParquet, writeParquetStream } from './stream-writer';

/*
 * parquet from batches, streamed: each batch becomes an Arrow record batch (built with flechette)
 * that parquet-wasm's writer takes when it is ready for more, so memory holds a batch or two
 * however long the file. Timestamps are UTC instants in milliseconds (microseconds on request, for
 * sources with finer times); text columns are dictionary-encoded, floats not (dictionaries are
 * slow and useless on high-cardinality floats: PERFORMANCE-NOTES).
 */

export interface ParquetWriterOptions {
  /** Rows per row group (default 65,536, as the API writes them). */
  rowGroupRows?: number;
  createdBy?: string;
  /**
   * 'ms' refuses fractional milliseconds; 'us' keeps them; 'auto' (default): 'us' when the first
   * rows have a fraction of a millisecond (a source of finer times), else 'ms' (as the API writes),
   * and a later fraction in a file of milliseconds is refused, never rounded away.
   */
  timeUnit?: 'ms' | 'us' | 'auto';
}

export interface ParquetWriter {
  /** Hands a batch to the writer; resolves once it has been taken (the writer encodes it meanwhile). */
  add(batch: RowBatch): Promise<void>;
  /** Writes what remains and the footer; resolves when `write` has had the last bytes. */
  finish(): Promise<void>;
  /** Stops without finishing the file (nothing more goes to `write`); the caller removes it. */
  abort(): Promise<void>;
}

/** One value handed from a producer to a consumer; put() resolves when it has been taken. */
class Handoff<T> {
  private items: { value: T; taken: () => void }[] = [];
  private takers: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  private failure: { error: unknown } | null = null;
  put(value: T): Promise<void> {
    return new Promise((resolve) => {
      const taker = this.takers.shift();
      if (taker) {
        taker.resolve(value);
        resolve();
      } else this.items.push({ value, taken: resolve });
    });
  }
  take(): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure.error);
      const item = this.items.shift();
      if (item) {
        item.taken();
        resolve(item.value);
      } else this.takers.push({ resolve, reject });
    });
  }
  /** The consumer's next take() fails: the producer gave up. */
  fail(error: unknown): void {
    this.failure = { error };
    for (const t of this.takers.splice(0)) t.reject(error);
  }
}

function arrowColumn(data: ColumnData): Column<unknown> {
  switch (data.kind) {
    case 'float': {
      const values = data.values;
      const nan = data.nan;
      // A NaN is written as NaN where the batch marks it a value (row-batch.ts), else as null.
      if (nan === 'all' || !values.some(Number.isNaN)) return columnFromArray(values, float64());
      return columnFromValues((add: (v: unknown) => void) => {
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          add(v === v || isNanValue(nan, i) ? v : null);
        }
      }, float64());
    }
    case 'boolean': {
      const values = data.values;
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of values) add(v === BOOL_NULL ? null : v === 1);
      }, bool());
    }
    case 'string':
      // dictionary(utf8()) builds ~20x faster in flechette than utf8(); parquet stores STRING either way.
      return columnFromArray(data.values, dictionary(utf8()));
  }
}

const bits = new DataView(new ArrayBuffer(8));
/** The double next to x, up (+1) or down (-1): x's bits ± 1 (x finite and not 0). */
function nextDouble(x: number, step: number): number {
  bits.setFloat64(0, x);
  bits.setBigInt64(0, bits.getBigInt64(0) + BigInt(x > 0 ? step : -step));
  return bits.getFloat64(0);
}

/** Epoch ms whose × 1000 is exactly the nearest whole microsecond. */
function exactMicros(t: number): number {
  const us = Math.round(t * 1000);
  let d = us / 1000;
  for (let k = 1; d * 1000 !== us && k <= 4; k++) {
    const up = nextDouble(us / 1000, k);
    const down = nextDouble(us / 1000, -k);
    d = up * 1000 === us ? up : down;
  }
  if (d * 1000 !== us) throw new Error(`The timestamp ${t} cannot be written in microseconds.`);
  return d;
}

function timeColumn(ts: Float64Array, unit: 'ms' | 'us'): Column<unknown> {
  if (unit === 'us') {
    // flechette turns each value into BigInt(ms × 1000), which refuses 1740787201000123.0002: it
    // is given, for each microsecond, the double nearest to it whose product is that integer (a
    // double of epoch ms holds about a quarter of a microsecond: nothing finer is lost here).
    const ms = new Float64Array(ts.length);
    for (let i = 0; i < ts.length; i++) ms[i] = exactMicros(ts[i]!);
    return columnFromArray(ms, timestamp(TimeUnit.MICROSECOND, 'UTC'));
  }
  // flechette takes epoch milliseconds and writes them as they are (the string writer this
  // replaced scaled them, writing microsecond files 1000 times too late).
  for (const t of ts) {
    if (!Number.isInteger(t)) throw new Error(`A timestamp has a fraction of a millisecond (${t}): write this file with timeUnit 'us'.`);
  }
  return columnFromArray(ts, timestamp(TimeUnit.MILLISECOND, 'UTC'));
}

function emptyBatch(columns: { name: string; kind: ColumnData['kind'] }[]): RowBatch {
  const empty = (kind: ColumnData['kind']): ColumnData =>
    kind === 'float'
      ? { kind, values: new Float64Array(0) }
      : kind === 'boolean'
        ? { kind, values: new Uint8Array(0) }
        : { kind, values: [] };
  return { rowCount: 0, timestamps: new Float64Array(0), columns: columns.map((c) => ({ name: c.name, data: empty(c.kind) })) };
}

export function createParquetWriter(
  columns: { name: string; kind: ColumnData['kind'] }[],
  write: (bytes: Uint8Array) => Promise<void>,
  opts: ParquetWriterOptions = {},
): ParquetWriter {
  let unit: 'ms' | 'us' | null = opts.timeUnit === 'auto' || !opts.timeUnit ? null : opts.timeUnit;
  const options = {
    rowGroupRows: opts.rowGroupRows ?? 65_536,
    createdBy: opts.createdBy ?? 'Signal Explorer',
    dictionaryColumns: columns.filter((c) => c.kind === 'string').map((c) => c.name),
  };
  const tables = new Handoff<ArrowTable | null>();
  let failed = false;
  // The streaming writer starts with the first rows: it takes its schema from them.
  let running: { done: Promise<void>; ended: Promise<never> } | null = null;
  const start = () => {
    // After a failure nothing more reaches the file: the writer may still try to end it.
    const done = writeParquetStream(
      () => tables.take(),
      options,
      (bytes) => (failed ? undefined : write(bytes)),
    );
    // Recorded, not dropped: `failed` stops further writes, and `done` rejects to whoever awaits it.
    done.catch(() => (failed = true));
    const ended = done.then((): never => {
      throw new Error('The parquet writer has already finished.');
    });
    // Only raced against put() (it rejects by design); unraced it must not be an unhandled rejection.
    ended.catch(() => undefined);
    return { done, ended };
  };
  const stop = (error: unknown) => {
    failed = true;
    tables.fail(error);
  };
  const toArrow = (whole: RowBatch): ArrowTable => {
    // A batch's arrays may be longer than its rows (a reused buffer): only its rows are written.
    const batch = whole.timestamps.length === whole.rowCount ? whole : sliceBatch(whole, 0, whole.rowCount);
    if (batch.columns.length !== columns.length) {
      throw new Error(`The batch has ${batch.columns.length} columns; the file has ${columns.length}.`);
    }
    unit ??= batch.rowCount && batch.timestamps.some((t) => !Number.isInteger(t)) ? 'us' : batch.rowCount ? 'ms' : null;
    const cols: [string, Column<unknown>][] = [['timestamp', timeColumn(batch.timestamps, unit ?? 'ms')]];
    batch.columns.forEach((c, i) => {
      if (c.data.kind !== columns[i]!.kind) throw new Error(`Column ${i + 1} of the batch holds ${c.data.kind}, not ${columns[i]!.kind}.`);
      cols.push([columns[i]!.name, arrowColumn(c.data)]);
    });
    return tableFromColumns(cols);
  };
  return {
    async add(batch) {
      let table: ArrowTable;
      try {
        table = toArrow(batch);
      } catch (error) {
        stop(error);
        throw error;
      }
      if (batch.rowCount === 0) return;
      running ??= start();
      await Promise.race([tables.put(table), running.ended]);
    },
    async finish() {
      if (!running) return write(emptyParquet(toArrow(emptyBatch(columns)), options));
      await Promise.race([tables.put(null), running.ended]);
      await running.done;
    },
    async abort() {
      stop(new Error('The parquet file was abandoned.'));
      // Abandoned on purpose (after another failure, or a cancel): how the writer ends is moot.
      await running?.done.catch(() => undefined);
    },
  };
}
