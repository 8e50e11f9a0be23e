import { open, type FileHandle } from 'node:fs/promises';
import type { Format } from '../../../src-preload/contract';
import type { RowBatch } from '../../formats/row-batch';
import { createParquetWriter, csvEncoder, jsonEncoder, type TextOptions } from '../../formats/encode-batches';
import { orderedWrites } from '../../formats/ordered-writes';
import { slicesOf } from '../../formats/slice-batch';

/*
 * A decoded table written as a new file, through the batch encoders a block of rows at a time (so
 * the encoders' buffers stay small). Kept for the export path that still holds whole tables.
 */

const TEXT_ROWS = 65_536;
const PARQUET_ROWS = 262_144;

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
}

/** Writes a decoded table as a new file (which must not exist yet); answers its size in bytes. */
export async function writeTable(table: RowBatch, format: Format, path: string, opts: TextOptions): Promise<number> {
  const handle = await open(path, 'wx');
  let bytes = 0;
  const write = async (data: Uint8Array) => {
    await writeAll(handle, data);
    bytes += data.length;
  };
  try {
    if (format === 'parquet') {
      const writer = createParquetWriter(
        table.columns.map((c) => ({ name: c.name, kind: c.data.kind })),
        write,
        // Microseconds only when a source had finer times than milliseconds.
        { rowGroupRows: PARQUET_ROWS, timeUnit: table.timestamps.every(Number.isInteger) ? 'ms' : 'us' },
      );
      try {
        for (const slice of slicesOf(table, PARQUET_ROWS)) await writer.add(slice);
        await writer.finish();
      } catch (error) {
        await writer.abort();
        throw error;
      }
    } else {
      const names = table.columns.map((c) => c.name);
      const encoder = format === 'csv' ? csvEncoder(names, opts) : jsonEncoder(names, opts);
      const out = orderedWrites(write);
      await out.put(encoder.head());
      let rows = 0;
      for (const slice of slicesOf(table, TEXT_ROWS)) {
        await out.put(encoder.rows(slice, rows === 0));
        rows += slice.rowCount;
      }
      await out.put(encoder.tail(rows));
      await out.flush();
    }
  } finally {
    await handle.close();
  }
  return bytes;
}

export type { TextOptions };
