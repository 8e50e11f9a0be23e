import {
  bool,
  columnFromArray,
  columnFromValues,
  decimal,
  dictionary,
  float32,
  float64,
  int64,
  tableFromColumns,
  tableToIPC,
  timestamp,
  TimeUnit,
  utf8,
  type Column,
} from '@uwdata/flechette';
import {
  Compression,
  Encoding,
  Table,
  transformParquetStream,
  WriterPropertiesBuilder,
  WriterVersion,
  type RecordBatch,
} from 'parquet-wasm/node';
import { BOOL_NULL, type RowBatch } from '../../formats/row-batch';

/*
 * The shapes of parquet a real server's writer may send (issue 23), for `--parquet-style NAME`:
 * so the window and the command line can be tried against each. `default` is the app's own writer
 * (write-parquet.ts), as fast as before; every other style is written here with parquet-wasm's
 * writer from Arrow tables built with flechette, one row group per chunk of rows (two chunks in
 * memory at most, for `unsorted`). Not served: INT96 timestamps (neither parquet-wasm nor
 * flechette writes them).
 */

export const PARQUET_STYLES = {
  default: 'TIMESTAMP(MILLIS, UTC), snappy, dictionary on text only, the Arrow schema embedded (our writer)',
  micros: 'TIMESTAMP(MICROS, UTC)',
  nanos: 'TIMESTAMP(NANOS, UTC)',
  'naive-micros': 'TIMESTAMP(MICROS) not adjusted to UTC',
  'epoch-ms': 'INT64 epoch milliseconds named timestamp, no logical type',
  uncompressed: 'no compression',
  gzip: 'gzip pages',
  zstd: 'zstd pages',
  brotli: 'brotli pages',
  lz4: 'LZ4 (hadoop-framed, the deprecated codec)',
  'lz4-raw': 'LZ4_RAW pages',
  v2: 'data pages v2, delta-encoded timestamps, byte-stream-split floats, zstd',
  dictionary: 'dictionary encoding on every column',
  plain: 'plain encoding on every column (no dictionary)',
  'small-row-groups': 'row groups of 1,000 rows',
  float32: 'value columns as FLOAT (32-bit)',
  decimal: 'value columns as DECIMAL(18, 6)',
  'timestamp-last': 'the timestamp column last',
  unsorted: 'rows shuffled within each row group, and row groups in swapped pairs',
  duplicates: 'the first row of every row group written twice',
} as const;

export type ParquetStyle = keyof typeof PARQUET_STYLES;
export const PARQUET_STYLE_NAMES = Object.keys(PARQUET_STYLES) as ParquetStyle[];

type Kind = 'float' | 'boolean' | 'string';

function writerProps(style: ParquetStyle, columns: { name: string; kind: Kind }[], rowGroupRows: number) {
  const codec: Partial<Record<ParquetStyle, Compression>> = {
    uncompressed: Compression.UNCOMPRESSED,
    gzip: Compression.GZIP,
    zstd: Compression.ZSTD,
    brotli: Compression.BROTLI,
    lz4: Compression.LZ4,
    'lz4-raw': Compression.LZ4_RAW,
    v2: Compression.ZSTD,
  };
  let props = new WriterPropertiesBuilder()
    .setCompression(codec[style] ?? Compression.SNAPPY)
    .setMaxRowGroupSize(rowGroupRows)
    .setCreatedBy(`Signal Explorer demo emulator (parquet style ${style})`)
    .setDictionaryEnabled(style === 'dictionary');
  if (style !== 'plain') for (const c of columns) if (c.kind === 'string') props = props.setColumnDictionaryEnabled(c.name, true);
  if (style === 'v2') {
    props = props.setWriterVersion(WriterVersion.V2).setColumnEncoding('timestamp', Encoding.DELTA_BINARY_PACKED);
    for (const c of columns) if (c.kind === 'float') props = props.setColumnEncoding(c.name, Encoding.BYTE_STREAM_SPLIT);
  }
  return props.build();
}

function timeColumn(style: ParquetStyle, ts: Float64Array): Column<unknown> {
  if (style === 'epoch-ms')
    return columnFromArray(
      BigInt64Array.from(ts, (t) => BigInt(t)),
      int64(),
    );
  if (style === 'micros') return columnFromArray(ts, timestamp(TimeUnit.MICROSECOND, 'UTC'));
  if (style === 'nanos') return columnFromArray(ts, timestamp(TimeUnit.NANOSECOND, 'UTC'));
  if (style === 'naive-micros') return columnFromArray(ts, timestamp(TimeUnit.MICROSECOND));
  return columnFromArray(ts, timestamp(TimeUnit.MILLISECOND, 'UTC'));
}

function valueColumn(style: ParquetStyle, data: RowBatch['columns'][number]['data']): Column<unknown> {
  const each = (type: Parameters<typeof columnFromValues>[1], at: (i: number) => unknown) =>
    columnFromValues((add: (v: unknown) => void) => {
      for (let i = 0; i < data.values.length; i++) add(at(i));
    }, type);
  switch (data.kind) {
    case 'float': {
      const v = data.values;
      const type = style === 'float32' ? float32() : style === 'decimal' ? decimal(18, 6, 64) : float64();
      return each(type, (i) => (v[i] === v[i] ? v[i] : null));
    }
    case 'boolean':
      return each(bool(), (i) => (data.values[i] === BOOL_NULL ? null : data.values[i] === 1));
    case 'string':
      return columnFromArray(data.values, style === 'plain' ? utf8() : dictionary(utf8()));
  }
}

/** The batch as this style lays its rows (a permutation for `unsorted`, a repeated row for `duplicates`). */
function rowsOf(style: ParquetStyle, batch: RowBatch): RowBatch {
  const n = batch.rowCount;
  let order: number[] | null = null;
  if (style === 'unsorted') {
    // A fixed shuffle (the same request gives the same file).
    order = Array.from({ length: n }, (_, i) => i);
    let seed = n;
    for (let i = n - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  } else if (style === 'duplicates' && n > 0) order = [0, ...Array.from({ length: n }, (_, i) => i)];
  if (!order) return batch;
  const o = order;
  return {
    rowCount: o.length,
    timestamps: Float64Array.from(o, (i) => batch.timestamps[i]!),
    columns: batch.columns.map((c) => ({
      name: c.name,
      data:
        c.data.kind === 'float'
          ? { kind: 'float', values: Float64Array.from(o, (i) => (c.data.values as Float64Array)[i]!) }
          : c.data.kind === 'boolean'
            ? { kind: 'boolean', values: Uint8Array.from(o, (i) => (c.data.values as Uint8Array)[i]!) }
            : { kind: 'string', values: o.map((i) => (c.data.values as (string | null)[])[i] ?? null) },
    })),
  };
}

function wasmBatches(style: ParquetStyle, batch: RowBatch): RecordBatch[] {
  const time: [string, Column<unknown>] = ['timestamp', timeColumn(style, batch.timestamps)];
  const values = batch.columns.map((c): [string, Column<unknown>] => [c.name, valueColumn(style, c.data)]);
  const table = tableFromColumns(style === 'timestamp-last' ? [...values, time] : [time, ...values]);
  const wasm = Table.fromIPCStream(tableToIPC(table, { format: 'stream' })!);
  const out = wasm.recordBatches();
  wasm.free();
  return out;
}

/**
 * Writes the batches in a style other than `default`, each a row group; resolves with the rows
 * written (`duplicates` writes more than it was given).
 */
export async function writeStyled(
  style: ParquetStyle,
  batches: Iterable<RowBatch>,
  columns: { name: string; kind: Kind }[],
  write: (bytes: Uint8Array) => Promise<void>,
  rowGroupRows: number,
): Promise<number> {
  const groupRows = style === 'small-row-groups' ? 1000 : rowGroupRows;
  let rows = 0;
  const source = batches[Symbol.iterator]();
  let held: RowBatch | null = null;
  /** The next batch as the style lays it: `unsorted` swaps each pair. */
  const next = (): RowBatch | null => {
    if (held) {
      const b = held;
      held = null;
      return b;
    }
    const a = source.next();
    if (a.done) return null;
    if (style === 'unsorted') {
      const b = source.next();
      if (!b.done) {
        held = a.value;
        return b.value;
      }
    }
    return a.value;
  };
  let empty: RowBatch | null = null;
  const stream = new ReadableStream<RecordBatch>(
    {
      pull(controller) {
        for (;;) {
          const batch = next();
          if (!batch) return controller.close();
          empty ??= batch;
          if (!batch.rowCount) continue;
          const laid = rowsOf(style, batch);
          rows += laid.rowCount;
          for (const b of wasmBatches(style, laid)) controller.enqueue(b);
          return;
        }
      },
    },
    { highWaterMark: 0 },
  );
  const bytes = await transformParquetStream(stream, writerProps(style, columns, groupRows));
  await bytes.pipeTo(new WritableStream<Uint8Array>({ write: (chunk) => write(chunk) }));
  return rows;
}
