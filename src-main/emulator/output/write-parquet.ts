import {
  bool,
  Column,
  columnFromArray,
  columnFromValues,
  dictionary,
  float64,
  tableFromColumns,
  tableToIPC,
  timestamp,
  TimeUnit,
  utf8,
} from '@uwdata/flechette';
import { Compression, Table, transformParquetStream, WriterPropertiesBuilder, type RecordBatch } from 'parquet-wasm/node';
import type { DataType } from '../catalog/catalog-schema';
import type { ColumnChunk, RowChunk } from '../data/row-chunks';
import type { FileSink } from './file-sink';
import type { Checkpoint } from './write-text';

/*
 * parquet output, streamed: each row chunk becomes an Arrow record batch (built with flechette,
 * handed to parquet-wasm as IPC) and one parquet row group, so memory stays at one chunk however
 * many rows. Dictionary encoding is on only for text columns: on high-cardinality floats it is
 * slow and useless (see PERFORMANCE-NOTES).
 */

export async function writeParquet(
  chunks: Iterable<RowChunk>,
  columns: { name: string; dataType: DataType }[],
  sink: FileSink,
  checkpoint: Checkpoint,
  chunkRows: number,
): Promise<void> {
  let props = new WriterPropertiesBuilder()
    .setCompression(Compression.SNAPPY)
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(chunkRows)
    .setCreatedBy('Signal Explorer demo emulator');
  for (const c of columns) if (c.dataType === 'string' || c.dataType === 'json') props = props.setColumnDictionaryEnabled(c.name, true);

  const iterator = chunks[Symbol.iterator]();
  // An error thrown in pull() reaches us re-wrapped by the wasm writer, or not at all: the
  // writer may treat it as the end of the stream and finish a truncated file. Keep the original
  // and check it after the writer is done.
  let stoppedBy: unknown = null;
  const batches = new ReadableStream<RecordBatch>(
    {
      // Pulled one batch at a time by the parquet writer: generation waits for the disk.
      pull(controller) {
        try {
          checkpoint();
          const step = iterator.next();
          if (step.done) return controller.close();
          for (const batch of toWasmBatches(step.value, columns)) controller.enqueue(batch);
        } catch (err) {
          stoppedBy = err;
          throw err;
        }
      },
      cancel() {
        iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  try {
    const bytes = await transformParquetStream(batches, props.build());
    await bytes.pipeTo(new WritableStream<Uint8Array>({ write: (data) => sink.write(data) }));
  } catch (err) {
    throw stoppedBy ?? err;
  }
  if (stoppedBy) throw stoppedBy;
}

const TIMESTAMP_MS_UTC = timestamp(TimeUnit.MILLISECOND, 'UTC');

function toWasmBatches(chunk: RowChunk, columns: { name: string }[]): RecordBatch[] {
  const arrowColumns: [string, Column<unknown>][] = [['timestamp', columnFromArray(chunk.timestamps, TIMESTAMP_MS_UTC)]];
  chunk.columns.forEach((col, i) => arrowColumns.push([columns[i]!.name, toArrow(col)]));
  const ipc = tableToIPC(tableFromColumns(arrowColumns), { format: 'stream' });
  if (!ipc) throw new Error('Arrow IPC encoding produced nothing');
  const table = Table.fromIPCStream(ipc);
  const batches = table.recordBatches();
  table.free();
  return batches;
}

function toArrow(col: ColumnChunk): Column<unknown> {
  switch (col.kind) {
    case 'float':
      // Without nulls the typed array becomes the Arrow buffer as is.
      if (col.nullCount === 0) return columnFromArray(col.values);
      return columnFromValues((add: (v: unknown) => void) => {
        for (let i = 0; i < col.values.length; i++) add(col.valid[i] ? col.values[i] : null);
      }, float64());
    case 'boolean':
      return columnFromValues((add: (v: unknown) => void) => {
        for (let i = 0; i < col.values.length; i++) add(col.valid[i] ? col.values[i] === 1 : null);
      }, bool());
    case 'text':
      // dictionary(utf8()) builds ~20x faster in flechette than utf8(); parquet stores STRING either way.
      return columnFromArray(col.values, dictionary(utf8()));
  }
}
