import { createParquetWriter } from '../../formats/encode-batches';
import { kindOf } from '../../formats/batch-builder';
import type { DataType } from '../catalog/catalog-schema';
import type { RowChunk } from '../values/row-chunks';
import { chunkToBatch } from './chunk-batch';
import type { FileSink } from './file-sink';
import type { Checkpoint } from './write-text';

/*
 * parquet output, streamed by the app's parquet writer: each row chunk becomes one row group, so
 * memory stays at a chunk or two however many rows.
 */

export async function writeParquet(
  chunks: Iterable<RowChunk>,
  columns: { name: string; dataType: DataType }[],
  sink: FileSink,
  checkpoint: Checkpoint,
  chunkRows: number,
): Promise<void> {
  const names = columns.map((c) => c.name);
  const writer = createParquetWriter(
    columns.map((c) => ({ name: c.name, kind: kindOf(c.dataType) })),
    (bytes) => sink.write(bytes),
    { rowGroupRows: chunkRows, createdBy: 'Signal Explorer demo emulator' },
  );
  try {
    for (const chunk of chunks) {
      checkpoint();
      await writer.add(chunkToBatch(chunk, names));
    }
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
