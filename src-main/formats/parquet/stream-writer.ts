import { tableToIPC, type Table as ArrowTable } from '@uwdata/flechette';
import { Compression, Table, transformParquetStream, writeParquet, WriterPropertiesBuilder, type RecordBatch } from 'parquet-wasm/node';

export interface ParquetStreamOptions {
  rowGroupRows: number;
  createdBy: string;
  /** Text columns: dictionary encoding helps them, and is slow and useless on floats (PERFORMANCE-NOTES). */
  dictionaryColumns: string[];
}

/**
 * Writes parquet a row group at a time, so memory holds one block however many rows: `next` gives
 * each block as an Arrow table (built with flechette; null when done), parquet-wasm encodes it, and
 * `write` takes the bytes in order. The engine under createParquetWriter.
 */
export async function writeParquetStream(
  next: () => ArrowTable | null | Promise<ArrowTable | null>,
  options: ParquetStreamOptions,
  write: (bytes: Uint8Array) => Promise<void> | void,
  onCancel?: () => void,
): Promise<void> {
  const props = writerProperties(options);

  // An error thrown in pull() reaches us re-wrapped by the wasm writer, or not at all: the writer
  // may take it for the end of the stream and finish a truncated file. Keep the original and check
  // it once the writer is done.
  let stoppedBy: unknown = null;
  const batches = new ReadableStream<RecordBatch>(
    {
      // Pulled one block at a time by the writer: producing waits for the disk.
      async pull(controller) {
        try {
          const table = await next();
          if (!table) return controller.close();
          for (const batch of toWasmBatches(table)) controller.enqueue(batch);
        } catch (err) {
          stoppedBy = err;
          throw err;
        }
      },
      cancel: () => onCancel?.(),
    },
    { highWaterMark: 0 },
  );
  try {
    const bytes = await transformParquetStream(batches, props);
    await bytes.pipeTo(new WritableStream<Uint8Array>({ write: (data) => write(data) }));
  } catch (err) {
    throw stoppedBy ?? err;
  }
  if (stoppedBy) throw stoppedBy;
}

function writerProperties(options: ParquetStreamOptions) {
  let props = new WriterPropertiesBuilder()
    .setCompression(Compression.SNAPPY)
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(options.rowGroupRows)
    .setCreatedBy(options.createdBy);
  for (const name of options.dictionaryColumns) props = props.setColumnDictionaryEnabled(name, true);
  return props.build();
}

/**
 * A file of no rows: the streaming writer learns the schema from its first record batch, and a
 * table of no rows has none, so such a file is written in one piece from the schema.
 */
export function emptyParquet(table: ArrowTable, options: ParquetStreamOptions): Uint8Array {
  const ipc = tableToIPC(table, { format: 'stream' });
  if (!ipc) throw new Error('Arrow IPC encoding produced nothing');
  return writeParquet(Table.fromIPCStream(ipc), writerProperties(options));
}

/** flechette's Arrow table into parquet-wasm's record batches, through Arrow IPC. */
function toWasmBatches(table: ArrowTable): RecordBatch[] {
  const ipc = tableToIPC(table, { format: 'stream' });
  if (!ipc) throw new Error('Arrow IPC encoding produced nothing');
  const wasmTable = Table.fromIPCStream(ipc);
  const batches = wasmTable.recordBatches();
  wasmTable.free();
  return batches;
}
