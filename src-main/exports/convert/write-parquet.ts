import { open } from 'node:fs/promises';
import {
  bool,
  columnFromArray,
  columnFromValues,
  dictionary,
  float64,
  tableFromColumns,
  tableToIPC,
  timestamp,
  TimeUnit,
  utf8,
  type Column,
} from '@uwdata/flechette';
import { Compression, Table, transformParquetStream, WriterPropertiesBuilder, type RecordBatch } from 'parquet-wasm/node';
import { BOOL_NULL, type ColumnData, type DecodedTable } from '../table/decoded-table';

/*
 * parquet from a decoded table, one row group per block of rows (a one-shot write of a large
 * table peaks near 3 GB, PERFORMANCE-NOTES): each block becomes an Arrow record batch built with
 * flechette and is streamed through parquet-wasm's writer. Timestamps are UTC instants in ms
 * (microseconds when a source had finer ones); text columns are dictionary-encoded, floats not.
 */

const ROWS_PER_GROUP = 262_144;

function toArrow(data: ColumnData, from: number, to: number): Column<unknown> {
  switch (data.kind) {
    case 'float': {
      const values = data.values.subarray(from, to);
      if (!values.some(Number.isNaN)) return columnFromArray(values, float64());
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of values) add(Number.isNaN(v) ? null : v);
      }, float64());
    }
    case 'boolean': {
      const values = data.values.subarray(from, to);
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of values) add(v === BOOL_NULL ? null : v === 1);
      }, bool());
    }
    case 'string':
      return columnFromArray(data.values.slice(from, to), dictionary(utf8()));
  }
}

function block(table: DecodedTable, from: number, to: number, fineTime: boolean): RecordBatch[] {
  const ts = table.timestamps.subarray(from, to);
  const time = fineTime
    ? columnFromArray(Float64Array.from(ts, (t) => Math.round(t * 1000)), timestamp(TimeUnit.MICROSECOND, 'UTC'))
    : columnFromArray(ts, timestamp(TimeUnit.MILLISECOND, 'UTC'));
  const cols: [string, Column<unknown>][] = [['timestamp', time]];
  for (const c of table.columns) cols.push([c.name, toArrow(c.data, from, to)]);
  const ipc = tableToIPC(tableFromColumns(cols), { format: 'stream' });
  if (!ipc) throw new Error('Arrow encoding produced nothing');
  const wasmTable = Table.fromIPCStream(ipc);
  const batches = wasmTable.recordBatches();
  wasmTable.free();
  return batches;
}

export async function writeParquetFile(table: DecodedTable, path: string): Promise<number> {
  let props = new WriterPropertiesBuilder()
    .setCompression(Compression.SNAPPY)
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(ROWS_PER_GROUP)
    .setCreatedBy('Signal Explorer');
  for (const c of table.columns) if (c.data.kind === 'string') props = props.setColumnDictionaryEnabled(c.name, true);
  const fineTime = table.timestamps.some((t) => !Number.isInteger(t));
  let from = 0;
  let finished = false;
  const batches = new ReadableStream<RecordBatch>(
    {
      // Pulled by the writer one block at a time; an empty table still sends one (empty) batch for its schema.
      pull(controller) {
        if (finished) return controller.close();
        const to = Math.min(table.rowCount, from + ROWS_PER_GROUP);
        for (const b of block(table, from, to, fineTime)) controller.enqueue(b);
        from = to;
        finished = to >= table.rowCount;
      },
    },
    { highWaterMark: 0 },
  );
  const bytes = await transformParquetStream(batches, props.build());
  const handle = await open(path, 'wx');
  let written = 0;
  try {
    for await (const chunk of bytes as unknown as AsyncIterable<Uint8Array>) {
      await handle.write(chunk);
      written += chunk.length;
    }
  } finally {
    await handle.close();
  }
  return written;
}
