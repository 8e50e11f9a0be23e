import { open, rm } from 'node:fs/promises';
import { createParquetWriter } from '../../formats/encode-batches';
import type { ColumnData } from '../../formats/row-batch';
import type { BatchSink } from './batch-sink';

/** parquet from batches into one new file, a row group per block of rows. */
export async function createParquetSink(path: string, columns: { name: string; kind: ColumnData['kind'] }[]): Promise<BatchSink> {
  const handle = await open(path, 'w');
  let bytes = 0;
  const writer = createParquetWriter(columns, async (data) => {
    await handle.write(data);
    bytes += data.length;
  });
  return {
    add: (batch) => writer.add(batch),
    async finish() {
      try {
        await writer.finish();
      } finally {
        await handle.close();
      }
      return { bytes, files: [path] };
    },
    async abort() {
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
    },
  };
}
