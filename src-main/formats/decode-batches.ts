import type { ColumnSpec, RowBatch } from './row-batch';
import { decodeCsv } from './csv/decode-csv';
import { DecodeError } from './decode-error';
import { decodeJson } from './json/decode-json';
import { decodeParquet } from './parquet/decode-parquet';
import { sortBatches } from './order/external-sort';
import { counted, emptyReport, inTimeOrder, OutOfOrderError, realTimes, type DecodeReport } from './order/time-order';

export { OutOfOrderError, type DecodeReport } from './order/time-order';

/*
 * The one door to the decoders: a file in, batches of rows out, in the request's column order and
 * in time order. Streaming: memory holds one batch (and one read chunk, or one parquet row group)
 * whatever the size of the file.
 *
 * Order: a file in time order streams (order/time-order.ts checks it batch by batch, sorting a
 * batch out of order within itself). A parquet file says in its footer whether its row groups
 * overlap in time (or, without statistics, its timestamp column is read first): one that does is
 * read through the external sort (order/external-sort.ts) from the start. A text file can only
 * tell as it is read: when its rows turn out of order across batches before any batch was handed
 * on, it is read again through the sort; after, decodeBatches throws OutOfOrderError and the
 * caller, which has already used some batches, reads it again with `order: 'sort'`.
 */

export interface DecodeOptions {
  /** The requested columns: the file must hold exactly these (by name), plus `timestamp`. */
  specs: ColumnSpec[];
  /** Text formats: rows per batch (default 65,536); parquet: one row group per batch, split above this. */
  batchRows?: number;
  signal?: AbortSignal;
  /** 'auto' (default): stream when the file is in order; 'sort': through the external sort whatever it holds. */
  order?: 'auto' | 'sort';
  /** Filled as the file is read: rows, duplicate timestamps, whether it came sorted. */
  report?: DecodeReport;
  /** The external sort's runs, in decoded bytes (tests make it small). */
  runBytes?: number;
  /**
   * Only these of the specs (indexes, ascending), in the batches' columns; the file is still
   * checked against all of them. Parquet reads only their column chunks; text formats are parsed
   * whole and the batches cut down.
   */
  only?: readonly number[];
}

export type Format = 'parquet' | 'csv' | 'json';

/** The specs, given the file's column names once they are read (decodeFile makes them from the header). */
export type SpecsFor = (fileColumns: string[]) => ColumnSpec[];

const DEFAULT_ROWS = 65_536;
// A row group up to this many rows is one batch (the emulator and the API write 65,536 or fewer).
const PARQUET_MAX_ROWS = 1 << 20;

/** What the decoders throw besides DecodeError: the file system's errors (ENOENT, EACCES, EISDIR...). */
function asDecodeError(error: unknown): unknown {
  if (error instanceof DecodeError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && code.startsWith('E')) return new DecodeError(`The file could not be read (${code}).`);
  return error;
}

/** For tests: tiny reads put record boundaries everywhere. */
type InternalOptions = Omit<DecodeOptions, 'specs'> & { chunkBytes?: number };

const WHAT = { parquet: ['parquet file', 'Row'], csv: ['csv file', 'Row'], json: ['json file', 'Record'] } as const;

export async function* decodeBatchesWith(
  path: string,
  format: Format,
  specsFor: SpecsFor,
  opts: InternalOptions,
): AsyncGenerator<RowBatch> {
  const rows = opts.batchRows ?? (format === 'parquet' ? PARQUET_MAX_ROWS : DEFAULT_ROWS);
  if (!(rows >= 1)) throw new RangeError(`batchRows must be at least 1 (got ${opts.batchRows}).`);
  const report = opts.report ?? emptyReport();
  const [what, row] = WHAT[format];
  /** The file's batches in its own order; `anyOrder`: for the sort (parquet then plans nothing). */
  const only = opts.only;
  const raw = (anyOrder: boolean) =>
    format === 'parquet'
      ? decodeParquet(path, specsFor, rows, opts.signal, anyOrder, only)
      : picked(
          format === 'csv'
            ? decodeCsv(path, specsFor, rows, opts.signal, opts.chunkBytes)
            : decodeJson(path, specsFor, rows, opts.signal, opts.chunkBytes),
          only,
        );
  const sorted = () => {
    Object.assign(report, emptyReport(), { sorted: false });
    return counted(
      sortBatches(realTimes(raw(true), what, row), {
        besidePath: path,
        batchRows: format === 'parquet' ? Math.min(rows, DEFAULT_ROWS) : rows,
        runBytes: opts.runBytes,
        signal: opts.signal,
        onSpilled: (bytes) => (report.spilledBytes = bytes),
      }),
      report,
    );
  };
  let decoder = opts.order === 'sort' ? sorted() : inTimeOrder(raw(false), what, row, report);
  let handedOn = 0;
  try {
    opts.signal?.throwIfAborted();
    for (;;) {
      let next: IteratorResult<RowBatch>;
      try {
        next = await decoder.next();
      } catch (error) {
        if (!(error instanceof OutOfOrderError) || handedOn > 0) throw error;
        // Out of order before anything was handed on: read it again, sorted.
        await decoder.return(undefined);
        decoder = sorted();
        next = await decoder.next();
      }
      if (next.done) return;
      handedOn++;
      yield next.value;
      opts.signal?.throwIfAborted();
    }
  } catch (error) {
    throw asDecodeError(error);
  } finally {
    await decoder.return(undefined);
  }
}

/** A text decoder's batches cut down to the columns `only` names (all without it). */
async function* picked(batches: AsyncGenerator<RowBatch>, only: readonly number[] | undefined): AsyncGenerator<RowBatch> {
  if (!only) return yield* batches;
  for await (const b of batches) yield { ...b, columns: only.map((c) => b.columns[c]!) };
}

/**
 * Decodes a downloaded file into batches of rows: columns in the order of `specs`, named as the
 * file names them, each cell checked against its signal's type, timestamps real, rows in time
 * order (sorted when the file is not; duplicates kept, in the order received). Anything else is
 * a DecodeError saying what and where.
 */
export function decodeBatches(path: string, format: Format, opts: DecodeOptions): AsyncIterable<RowBatch> {
  return decodeBatchesWith(path, format, () => opts.specs, opts);
}
