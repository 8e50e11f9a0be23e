import { createParquetWriter } from '../../formats/encode-batches';
import type { ColumnData } from '../../formats/row-batch';
import type { BatchSink } from './batch-sink';
import { openSinkFile } from './sink-file';

/** parquet from batches into one new file, a row group per block of rows. */
export async function createParquetSink(path: string, columns: { name: string; kind: ColumnData['kind'] }[]): Promise<BatchSink> {
  const file = await openSinkFile(path);
  const writer = createParquetWriter(columns, (data) => file.write(data));
  return {
    add: (batch) => writer.add(batch),
    async finish() {
      try {
        await writer.finish();
      } finally {
        await file.close();
      }
      return { bytes: file.bytes, files: [path] };
    },
    abort: () => file.remove(),
  };
}
