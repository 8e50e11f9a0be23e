import { createParquetWriter } from '../../formats/encode-batches';
import { kindOf } from '../../formats/batch-builder';
import type { DataType } from '../catalog/catalog-schema';
import type { RowChunk } from '../values/row-chunks';
import { chunkToBatch } from './chunk-batch';
import type { FileSink } from './file-sink';
import type { Checkpoint } from './write-text';
import { writeStyled, type ParquetStyle } from './parquet-styles';

/*
 * parquet output, streamed by the app's parquet writer: each row chunk becomes one row group, so
 * memory stays at a chunk or two however many rows. Another style (parquet-styles.ts) is written
 * by parquet-wasm's writer; it tells how many rows it wrote (null: as many as the chunks had).
 */

export async function writeParquet(
  chunks: Iterable<RowChunk>,
  columns: { name: string; dataType: DataType }[],
  sink: FileSink,
  checkpoint: Checkpoint,
  chunkRows: number,
  style: ParquetStyle = 'default',
): Promise<number | null> {
  const names = columns.map((c) => c.name);
  if (style !== 'default') {
    const batches = function* () {
      for (const chunk of chunks) {
        checkpoint();
        yield chunkToBatch(chunk, names);
      }
    };
    const kinds = columns.map((c) => ({ name: c.name, kind: kindOf(c.dataType) }));
    return writeStyled(style, batches(), kinds, (bytes) => sink.write(bytes), chunkRows);
  }
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
    return null;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
