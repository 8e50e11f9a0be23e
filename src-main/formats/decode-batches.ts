import type { ColumnSpec, RowBatch } from './row-batch';
import { decodeCsv } from './csv/decode-csv';
import { DecodeError } from './decode-error';
import { decodeJson } from './json/decode-json';
import { decodeParquet } from './parquet/decode-parquet';

/*
 * The one door to the decoders: a file in, batches of rows out, in the request's column order.
 * Streaming: memory holds one batch (and one read chunk, or one parquet row group) whatever the
 * size of the file.
 */

export interface DecodeOptions {
  /** The requested columns: the file must hold exactly these (by name), plus `timestamp`. */
  specs: ColumnSpec[];
  /** Text formats: rows per batch (default 65,536); parquet: one row group per batch, split above this. */
  batchRows?: number;
  signal?: AbortSignal;
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

export async function* decodeBatchesWith(
  path: string,
  format: Format,
  specsFor: SpecsFor,
  opts: InternalOptions,
): AsyncGenerator<RowBatch> {
  const rows = opts.batchRows ?? (format === 'parquet' ? PARQUET_MAX_ROWS : DEFAULT_ROWS);
  if (!(rows >= 1)) throw new RangeError(`batchRows must be at least 1 (got ${opts.batchRows}).`);
  const decoder =
    format === 'parquet'
      ? decodeParquet(path, specsFor, rows, opts.signal)
      : format === 'csv'
        ? decodeCsv(path, specsFor, rows, opts.signal, opts.chunkBytes)
        : decodeJson(path, specsFor, rows, opts.signal, opts.chunkBytes);
  try {
    opts.signal?.throwIfAborted();
    for (;;) {
      const next = await decoder.next();
      if (next.done) return;
      yield next.value;
      opts.signal?.throwIfAborted();
    }
  } catch (error) {
    throw asDecodeError(error);
  } finally {
    await decoder.return(undefined);
  }
}

/**
 * Decodes a downloaded file into batches of rows: columns in the order of `specs`, named as the
 * file names them, each cell checked against its signal's type, timestamps real and ascending.
 * Anything else is a DecodeError saying what and where.
 */
export function decodeBatches(path: string, format: Format, opts: DecodeOptions): AsyncIterable<RowBatch> {
  return decodeBatchesWith(path, format, () => opts.specs, opts);
}
