import { DecodeError } from '../decode-error';
import type { RowBatch } from '../row-batch';
import { sortBatch } from './sort-batch';

/*
 * The decoders hand their batches over in the file's order; this is where their timestamps are
 * checked (real: a row without a valid one is an error naming it) and put in time order as they
 * stream. A batch out of order within itself is sorted in memory (stably: equal timestamps keep
 * the file's order). A batch that starts earlier than the one before ended cannot be fixed while
 * streaming (the rows before have been handed on): that is an OutOfOrderError, and the file is
 * read again through the external sort (decode-batches.ts; transparently when nothing had been
 * handed on yet). Duplicate timestamps are kept, and counted.
 */

/** What a decode found of the file's order: final once its batches have all been read. */
export interface DecodeReport {
  /** Rows read. */
  rows: number;
  /** Rows whose timestamp equals the row's before them (in time order): kept, in the order received. */
  duplicates: number;
  /** Whether the file came in time order (false: it was sorted as it was read). */
  sorted: boolean;
  /** Bytes of sorted runs written to a temporary file beside it (0: sorted in memory, or in order). */
  spilledBytes: number;
}

export const emptyReport = (): DecodeReport => ({ rows: 0, duplicates: 0, sorted: true, spilledBytes: 0 });

/** Rows of a file that came out of order across batches: it must be read again through the sort. */
export class OutOfOrderError extends DecodeError {
  constructor(
    message: string,
    /** Batches already handed on when it was found (0: the decode may start again unseen). */
    readonly batchesHandedOn: number,
  ) {
    super(message);
  }
}

const iso = (t: number) => new Date(t).toISOString();

/** Duplicates in a batch in time order. */
function duplicatesIn(ts: Float64Array, n: number): number {
  let d = 0;
  for (let i = 1; i < n; i++) if (ts[i] === ts[i - 1]) d++;
  return d;
}

/**
 * The batches checked and in time order. `what` names the file ("csv file"), `row` what it calls
 * a row ("Row", "Record"), for messages.
 */
export async function* inTimeOrder(
  source: AsyncIterable<RowBatch>,
  what: string,
  row: string,
  report: DecodeReport,
): AsyncGenerator<RowBatch> {
  let last = Number.NEGATIVE_INFINITY;
  let before = 0;
  let handedOn = 0;
  for await (const raw of source) {
    const n = raw.rowCount;
    if (!n) continue;
    const ts = raw.timestamps;
    let prev = ts[0]!;
    if (prev !== prev) throw new DecodeError(`${row} ${before + 1} of the ${what} has no valid timestamp.`);
    let ascending = true;
    let dups = 0;
    for (let i = 1; i < n; i++) {
      const t = ts[i]!;
      if (t > prev) prev = t;
      else if (t === prev) dups++;
      else {
        if (t !== t) throw new DecodeError(`${row} ${before + i + 1} of the ${what} has no valid timestamp.`);
        ascending = false;
        prev = t;
      }
    }
    let batch = raw;
    if (!ascending) {
      batch = sortBatch(raw);
      dups = duplicatesIn(batch.timestamps, n);
      report.sorted = false;
    }
    const first = batch.timestamps[0]!;
    if (first < last) {
      let at = 0;
      while (!(ts[at]! < last)) at++;
      throw new OutOfOrderError(
        `${row} ${before + at + 1} of the ${what} is earlier (${iso(ts[at]!)}) than a row before it (${iso(last)}): the file is not in time order.`,
        handedOn,
      );
    }
    if (first === last) dups++;
    last = batch.timestamps[n - 1]!;
    before += n;
    report.rows += n;
    report.duplicates += dups;
    handedOn++;
    yield batch;
  }
}

/** Counts what the sorted stream holds (the external sort's output). */
export async function* counted(source: AsyncIterable<RowBatch>, report: DecodeReport): AsyncGenerator<RowBatch> {
  let last = Number.NEGATIVE_INFINITY;
  for await (const batch of source) {
    const n = batch.rowCount;
    if (!n) continue;
    const ts = batch.timestamps;
    let d = ts[0] === last ? 1 : 0;
    d += duplicatesIn(ts, n);
    last = ts[n - 1]!;
    report.rows += n;
    report.duplicates += d;
    yield batch;
  }
}

/** The batches as they are, each timestamp checked to be real (what the external sort is given). */
export async function* realTimes(source: AsyncIterable<RowBatch>, what: string, row: string): AsyncGenerator<RowBatch> {
  let before = 0;
  for await (const batch of source) {
    const ts = batch.timestamps;
    for (let i = 0; i < batch.rowCount; i++) {
      if (ts[i] !== ts[i]) throw new DecodeError(`${row} ${before + i + 1} of the ${what} has no valid timestamp.`);
    }
    before += batch.rowCount;
    yield batch;
  }
}
