import { PassThrough } from 'node:stream';
import type { RowBatch } from '../../formats/row-batch';
import type { OutputColumn } from './columns';

export interface XlsxBytesOptions {
  timeZone: string;
  /** Rows the file will hold, when known: more than Excel's limit is refused before any byte. */
  expectedRows?: number;
  /** The export's window: a refusal then proposes an interval that fits. */
  window?: { start: number; end: number };
  /** The export record for the "Export" sheet, asked for once every row is written. */
  record(): unknown;
}

/**
 * An Excel workbook from batches in time order, as a stream of bytes for the atomic writer: an
 * xlsx cannot be joined from pieces, so every batch goes through one streaming writer.
 */
export async function* xlsxBytes(
  batches: AsyncIterable<RowBatch>,
  columns: OutputColumn[],
  o: XlsxBytesOptions,
): AsyncIterable<Uint8Array> {
  // Loaded when a workbook is written: exceljs took 47 ms of the app's 470 ms start (its CPU
  // profile), for a format most exports never use.
  const { createXlsxWriter, recordRows } = await import('../../formats/xlsx/xlsx-writer');
  const out = new PassThrough();
  const writer = createXlsxWriter(out, columns, { timeZone: o.timeZone, expectedRows: o.expectedRows, window: o.window });
  const feeding = (async () => {
    for await (const batch of batches) await writer.add(batch);
    await writer.finish(recordRows(o.record()));
  })().catch((error: unknown) => out.destroy(error as Error));
  for await (const chunk of out as AsyncIterable<Buffer>) yield chunk;
  await feeding;
}
