import type { ColumnSpec, RowBatch } from '../row-batch';
import { BatchBuilder } from '../batch-builder';
import { DecodeError } from '../decode-error';
import { FileChunks, withLine } from '../file-chunks';
import { planColumns } from '../match-columns';
import { CellError, COMMA, FULL, MORE, readHeader, SEMICOLON, separatorOf, WHAT, type Scan } from './read-fields';
import { RowScanner } from './read-rows';

/*
 * csv -> batches, scanning bytes (never one string for the file: a large csv exceeds V8's longest
 * string). RFC 4180: a quoted field may hold separators, doubled quotes and line breaks; an empty
 * unquoted field is no value, `""` an empty text; lines end with LF, CRLF or CR; a UTF-8 BOM is
 * skipped; every record has as many fields as the header. A file whose header has semicolons and
 * is separated by `;` is read as Excel writes it in comma-decimal locales (decimal mark `,`).
 *
 * Speed: a float cell is read in the same pass that finds its end (scanNumber), a timestamp of the
 * API's form digit by digit; only other cells become strings. Each cell must be what its column's
 * signal holds: text in a float column is an error naming the row, column and value.
 */

export async function* decodeCsv(
  path: string,
  specsFor: (fileColumns: string[]) => ColumnSpec[],
  batchRows: number,
  signal?: AbortSignal,
  chunkBytes?: number,
): AsyncGenerator<RowBatch> {
  const file = await FileChunks.open(path, chunkBytes);
  try {
    await file.refill(0);
    const scan: Scan = { buf: file.buf, end: file.end, eof: file.eof, sep: COMMA, decimal: 46, decimalText: '.', text: null, column: 0 };
    const sync = () => Object.assign(scan, { buf: file.buf, end: file.end, eof: file.eof });
    let p = file.bomLength();
    let header: { names: string[]; next: number } | null = null;
    for (;;) {
      if (p === scan.end && scan.eof) throw new DecodeError(`The ${WHAT} is empty.`);
      scan.sep = separatorOf(scan.buf, p, scan.end);
      try {
        header = readHeader(scan, p);
      } catch (error) {
        throw error instanceof CellError ? new DecodeError(`The header of the ${WHAT} ${error.message}.`) : error;
      }
      if (header) break;
      await file.refill(p);
      p = 0;
      sync();
    }
    if (scan.sep === SEMICOLON) {
      scan.decimal = COMMA;
      scan.decimalText = ',';
    }
    const specs = specsFor(header.names);
    const plan = planColumns(header.names, specs, WHAT);
    const builder = new BatchBuilder(specs, plan.names, batchRows, false);
    const rows = new RowScanner(scan, builder, header.names, plan.specOf);
    p = header.next;
    for (;;) {
      signal?.throwIfAborted();
      let step: number;
      try {
        step = rows.scan(p);
      } catch (error) {
        throw await withLine(error, path, file.fileOffset(rows.at));
      }
      p = rows.at;
      if (step === FULL) yield builder.finish();
      else if (step === MORE) {
        await file.refill(p);
        p = 0;
        sync();
      } else {
        if (builder.n > 0) yield builder.finish();
        return;
      }
    }
  } finally {
    await file.close();
  }
}
