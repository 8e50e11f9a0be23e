import type { ColumnSpec, RowBatch } from '../row-batch';
import { FileChunks, withLine } from '../file-chunks';
import { FULL, JsonRecords, MORE } from './read-records';
import { decodeJsonColumns, startsColumns } from './read-columns';
import { isSpace, OPEN_OBJ } from './read-tokens';

/*
 * json -> batches, scanning bytes: the file is an array of records, `[{"timestamp": …, "<column>":
 * <value>, …}, …]`, or the records one per line (NDJSON), or columns (`{"timestamp": [...], …}`,
 * read-columns.ts), validated as JSON all the way (a cut or damaged file is an error, never data).
 * The first record names the columns, like a csv header; a later record may lack a key (no value
 * there) but may not bring a new one. Keys are matched on their bytes (the record before's order
 * is the first guess), floats read in the same pass that finds their end, the API's timestamps
 * digit by digit; strings are made only for text cells, through JSON.parse when they hold escapes
 * (\uXXXX and surrogate pairs included). Bare NaN and Infinity, which Python writes, are read in
 * float columns; json signals may come as a string of JSON text (as the API writes them) or as
 * the JSON itself.
 */

export async function* decodeJson(
  path: string,
  specsFor: (fileColumns: string[]) => ColumnSpec[],
  batchRows: number,
  signal?: AbortSignal,
  chunkBytes?: number,
): AsyncGenerator<RowBatch> {
  const file = await FileChunks.open(path, chunkBytes);
  let closed = false;
  try {
    await file.refill(0);
    const scanner = new JsonRecords(specsFor, batchRows);
    let p = file.bomLength();
    while (p < file.end && isSpace(file.buf[p]!)) p++;
    if (file.buf[p] === OPEN_OBJ && startsColumns(file.buf, p, file.end)) {
      await file.close();
      closed = true;
      yield* decodeJsonColumns(path, specsFor, batchRows, signal);
      return;
    }
    for (;;) {
      signal?.throwIfAborted();
      let step: number;
      try {
        step = scanner.scan(file.buf, p, file.end, file.eof);
      } catch (error) {
        throw await withLine(error, path, file.fileOffset(scanner.at));
      }
      p = scanner.at;
      if (step === FULL) yield scanner.builder!.finish();
      else if (step === MORE) {
        await file.refill(p);
        p = 0;
      } else {
        if (scanner.builder && scanner.builder.n > 0) yield scanner.builder.finish();
        return;
      }
    }
  } finally {
    if (!closed) await file.close();
  }
}
