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
import { BOOL_NULL, type ColumnData, type RowBatch } from '../row-batch';
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
  /** 'ms' (default) refuses fractional milliseconds; 'us' keeps them. */
  timeUnit?: 'ms' | 'us';
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
      if (!values.some(Number.isNaN)) return columnFromArray(values, float64());
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of values) add(Number.isNaN(v) ? null : v);
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

function timeColumn(ts: Float64Array, unit: 'ms' | 'us'): Column<unknown> {
  // flechette takes epoch milliseconds for any unit and scales them itself (the string writer this
  // replaces scaled them too, writing microsecond files 1000 times too late).
  if (unit === 'us') return columnFromArray(ts, timestamp(TimeUnit.MICROSECOND, 'UTC'));
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
  const unit = opts.timeUnit ?? 'ms';
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
    const cols: [string, Column<unknown>][] = [['timestamp', timeColumn(batch.timestamps, unit)]];
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
