import { writeFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import parquetjs from '@dsnp/parquetjs';
import {
  bool,
  columnFromArray,
  columnFromValues,
  float32,
  float64,
  int32,
  int64,
  tableFromColumns,
  tableToIPC,
  timestamp,
  TimeUnit,
  utf8,
} from '@uwdata/flechette';
import type { SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { parquetMetadata } from 'hyparquet';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { Compression, Table, WriterPropertiesBuilder, WriterVersion, writeParquet, Encoding } from 'parquet-wasm/node';
import type { ColumnSpec } from '../row-batch';

/*
 * Test files written by others than us: DuckDB, hyparquet-writer, @dsnp/parquetjs and
 * parquet-wasm's writer, at test time, from one sample table: numbers of every width with nulls,
 * NaN and ±Infinity, an all-null column, booleans, text, and timestamps in the unit a shape asks
 * for (with sub-millisecond parts where the unit has them). Rows in order, shuffled, or in pairs
 * of one timestamp.
 */

export const T0_MS = Date.parse('2025-03-01T00:00:00Z');
export type Unit = 'ms' | 'us' | 'ns';
export type RowOrder = 'sorted' | 'shuffled' | 'pairs';

/** The sample's value columns as a request asks for them (the file's timestamp column aside). */
export const SAMPLE_SPECS: ColumnSpec[] = [
  { names: ['d'], dataType: 'float' },
  { names: ['f'], dataType: 'float' },
  { names: ['i32'], dataType: 'float' },
  { names: ['i64'], dataType: 'float' },
  { names: ['dec'], dataType: 'float' },
  { names: ['b'], dataType: 'boolean' },
  { names: ['s'], dataType: 'string' },
  { names: ['n'], dataType: 'float' },
];

/** Row i of the file holds sample row rowAt(i): shuffled by a fixed permutation. */
function rowIndexes(n: number, order: RowOrder): number[] {
  const rows = Array.from({ length: n }, (_, i) => i);
  if (order !== 'shuffled') return rows;
  let seed = 12345;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

const SUB: Record<Unit, (i: number) => bigint> = {
  ms: (i) => BigInt(i % 3),
  us: (i) => BigInt((i % 7) * 123),
  ns: (i) => BigInt((i % 7) * 123_457),
};
const PER_MS: Record<Unit, bigint> = { ms: 1n, us: 1000n, ns: 1_000_000n };

/** Sample row i's timestamp in `unit` (pairs: rows 2k and 2k+1 share one). */
export function timeAt(i: number, unit: Unit, order: RowOrder): bigint {
  const k = order === 'pairs' ? Math.floor(i / 2) : i;
  return (BigInt(T0_MS) + BigInt(k) * 1000n) * PER_MS[unit] + SUB[unit](k);
}

export interface Sample {
  rows: number[];
  ts: bigint[];
  d: (number | null)[];
  f: (number | null)[];
  i32: (number | null)[];
  i64: (bigint | null)[];
  dec: (number | null)[];
  b: (boolean | null)[];
  s: (string | null)[];
  n: null[];
}

export function sample(n: number, unit: Unit, order: RowOrder): Sample {
  const rows = rowIndexes(n, order);
  const d = (i: number) =>
    i % 10 === 0 ? null : i % 17 === 0 ? Number.NaN : i % 29 === 0 ? Infinity : i % 31 === 0 ? -Infinity : i / 7 - 50;
  return {
    rows,
    ts: rows.map((i) => timeAt(i, unit, order)),
    d: rows.map(d),
    f: rows.map((i) => (i % 9 === 0 ? null : Math.fround(i / 4))),
    i32: rows.map((i) => (i % 11 === 0 ? null : i * 3 - 1000)),
    i64: rows.map((i) => (i % 13 === 0 ? null : BigInt(i) * 1_000_000_007n)),
    dec: rows.map((i) => (i % 5 === 0 ? null : Math.round((i / 3) * 1000) / 1000)),
    b: rows.map((i) => (i % 6 === 0 ? null : i % 2 === 0)),
    s: rows.map((i) => (i % 4 === 0 ? null : i % 50 === 7 ? `é "q", ${i}\nline` : `v${i % 50}`)),
    n: rows.map(() => null),
  };
}

// ---------------------------------------------------------------- DuckDB

const DUCK_TS: Record<Unit | 'tz' | 'int64', (i: string) => string> = {
  ms: (i) => `make_timestamp((${T0_MS} + ${i} * 1000 + ${i} % 3) * 1000)::TIMESTAMP_MS`,
  us: (i) => `make_timestamp((${T0_MS} + ${i} * 1000) * 1000 + (${i} % 7) * 123)`,
  ns: (i) => `make_timestamp_ns(((${T0_MS} + ${i} * 1000) * 1000000 + (${i} % 7) * 123457)::BIGINT)`,
  tz: (i) => `make_timestamp((${T0_MS} + ${i} * 1000) * 1000 + (${i} % 7) * 123)::TIMESTAMPTZ`,
  int64: (i) => `(${T0_MS} + ${i} * 1000)::BIGINT`,
};

export interface DuckShape {
  time: keyof typeof DUCK_TS;
  order?: RowOrder;
  /** COPY options after FORMAT parquet: COMPRESSION, ROW_GROUP_SIZE, PARQUET_VERSION, DICTIONARY_SIZE_LIMIT. */
  options?: string;
  timestampLast?: boolean;
  rows?: number;
  /** The first row's index in the sample (pieces of one table). */
  start?: number;
}

export async function duckdbWrite(conn: DuckDBConnection, path: string, shape: DuckShape): Promise<void> {
  const k = shape.order === 'pairs' ? '(i // 2)' : 'i';
  const ts = `${DUCK_TS[shape.time](k)} AS timestamp`;
  const values = `CASE WHEN i % 10 = 0 THEN NULL WHEN i % 17 = 0 THEN 'NaN'::DOUBLE WHEN i % 29 = 0 THEN 'inf'::DOUBLE
      WHEN i % 31 = 0 THEN '-inf'::DOUBLE ELSE i / 7 - 50 END::DOUBLE AS d,
    CASE WHEN i % 9 = 0 THEN NULL ELSE i / 4 END::FLOAT AS f, CASE WHEN i % 11 = 0 THEN NULL ELSE i * 3 - 1000 END::INTEGER AS i32,
    CASE WHEN i % 13 = 0 THEN NULL ELSE i * 1000000007 END::BIGINT AS i64, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3 END::DECIMAL(18, 3) AS dec,
    CASE WHEN i % 6 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
    CASE WHEN i % 4 = 0 THEN NULL WHEN i % 50 = 7 THEN 'é "q", ' || i || chr(10) || 'line' ELSE 'v' || (i % 50) END AS s, NULL::DOUBLE AS n`;
  const order = shape.order === 'shuffled' ? 'hash(i)' : 'i';
  const select = shape.timestampLast ? `${values}, ${ts}` : `${ts}, ${values}`;
  await conn.run(
    `COPY (SELECT ${select} FROM range(${shape.start ?? 0}, ${(shape.start ?? 0) + (shape.rows ?? 3000)}) t(i) ORDER BY ${order}) TO '${path}' (FORMAT parquet${shape.options ? `, ${shape.options}` : ''})`,
  );
}

// ---------------------------------------------------------------- hyparquet-writer

export interface HyparquetShape {
  unit: Unit | 'int64';
  utc: boolean;
  codec: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI';
  /** Encodings of the numeric columns (strings stay dictionary or plain as the writer picks). */
  encoding?: 'PLAIN' | 'DELTA_BINARY_PACKED+BYTE_STREAM_SPLIT' | 'RLE_DICTIONARY';
  rowGroupRows?: number;
  order?: RowOrder;
  rows?: number;
}

const compressors = {
  GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)),
  BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)),
};

export async function hyparquetWrite(path: string, shape: HyparquetShape): Promise<Sample> {
  const data = sample(shape.rows ?? 3000, shape.unit === 'int64' ? 'ms' : shape.unit, shape.order ?? 'sorted');
  const unit = { ms: 'MILLIS', us: 'MICROS', ns: 'NANOS' } as const;
  const opt = 'OPTIONAL' as const;
  const schema: SchemaElement[] = [
    { name: 'root', num_children: 9 },
    { name: 'd', type: 'DOUBLE', repetition_type: opt },
    { name: 'f', type: 'FLOAT', repetition_type: opt },
    { name: 'i32', type: 'INT32', repetition_type: opt },
    { name: 'i64', type: 'INT64', repetition_type: opt },
    {
      name: 'dec',
      type: 'INT64',
      repetition_type: opt,
      converted_type: 'DECIMAL',
      scale: 3,
      precision: 18,
      logical_type: { type: 'DECIMAL', scale: 3, precision: 18 },
    },
    { name: 'b', type: 'BOOLEAN', repetition_type: opt },
    { name: 's', type: 'BYTE_ARRAY', repetition_type: opt, converted_type: 'UTF8', logical_type: { type: 'STRING' } },
    { name: 'n', type: 'DOUBLE', repetition_type: opt },
    // The timestamp last: a reader must find it by name.
    shape.unit === 'int64'
      ? { name: 'timestamp', type: 'INT64', repetition_type: 'REQUIRED' }
      : {
          name: 'timestamp',
          type: 'INT64',
          repetition_type: 'REQUIRED',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: shape.utc, unit: unit[shape.unit] },
        },
  ];
  const [ints, floats] =
    shape.encoding === 'DELTA_BINARY_PACKED+BYTE_STREAM_SPLIT'
      ? (['DELTA_BINARY_PACKED', 'BYTE_STREAM_SPLIT'] as const)
      : shape.encoding === 'RLE_DICTIONARY'
        ? (['RLE_DICTIONARY', 'RLE_DICTIONARY'] as const)
        : (['PLAIN', 'PLAIN'] as const);
  const writer = new ByteWriter();
  await parquetWrite({
    writer,
    // hyparquet-writer ships its own copy of hyparquet's types: the same shape, another declaration.
    schema: schema as unknown as Parameters<typeof parquetWrite>[0]['schema'],
    codec: shape.codec,
    compressors,
    rowGroupSize: shape.rowGroupRows ?? 100_000,
    columnData: [
      { name: 'd', data: data.d, encoding: floats },
      { name: 'f', data: data.f, encoding: floats },
      { name: 'i32', data: data.i32, encoding: ints },
      { name: 'i64', data: data.i64, encoding: ints },
      { name: 'dec', data: data.dec },
      { name: 'b', data: data.b },
      { name: 's', data: data.s },
      { name: 'n', data: data.n },
      { name: 'timestamp', data: data.ts, encoding: ints },
    ],
  });
  await writeFile(path, new Uint8Array(writer.getBuffer()));
  return data;
}

// ---------------------------------------------------------------- @dsnp/parquetjs

export interface ParquetjsShape {
  time: 'TIMESTAMP_MILLIS' | 'TIMESTAMP_MICROS' | 'INT96';
  compression: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI';
  pageV2: boolean;
  order?: RowOrder;
  rows?: number;
}

const { ParquetSchema, ParquetWriter } = parquetjs as unknown as {
  ParquetSchema: new (fields: Record<string, unknown>) => unknown;
  ParquetWriter: {
    openFile(
      schema: unknown,
      path: string,
      opts: Record<string, unknown>,
    ): Promise<{ appendRow(row: object): Promise<void>; close(): Promise<void> }>;
  };
};

const JULIAN_EPOCH_DAY = 2_440_588; // 1970-01-01
const DAY_NS = 86_400_000_000_000n;

/**
 * parquetjs writes an INT96 column's values as 96-bit integers (an int64, then 0), not in
 * Impala's layout (nanoseconds of the day, then the Julian day). Its file is otherwise as it
 * wrote it: each value's first 8 bytes are the nanoseconds of its day, and the 4 bytes after
 * are set to its Julian day in the (uncompressed, plain, required) page, found through the
 * footer and page header hyparquet reads.
 */
async function impalaDays(path: string, days: number[]): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const buf = await readFile(path);
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const meta = parquetMetadata(bytes);
  const leaf = meta.schema.slice(1).findIndex((e) => e.type === 'INT96');
  let row = 0;
  for (const rg of meta.row_groups) {
    const m = rg.columns[leaf]!.meta_data!;
    if (m.codec !== 'UNCOMPRESSED') throw new Error('INT96 pages must be uncompressed to be patched');
    let at = Number(m.data_page_offset);
    const end = at + Number(m.total_compressed_size);
    while (at < end) {
      const reader = { view: new DataView(bytes), offset: at };
      const h = parquetHeader(reader);
      if (h.type !== 'DATA_PAGE') throw new Error(`INT96 page is ${h.type}`);
      const n = h.data_page_header!.num_values;
      const body = reader.offset;
      if (body + n * 12 !== body + h.compressed_page_size) throw new Error('INT96 page holds more than its values');
      for (let i = 0; i < n; i++) buf.writeInt32LE(days[row++]!, body + i * 12 + 8);
      at = body + h.compressed_page_size;
    }
  }
  await writeFile(path, buf);
}

export async function parquetjsWrite(path: string, shape: ParquetjsShape): Promise<Sample> {
  const unit = shape.time === 'TIMESTAMP_MICROS' ? 'us' : 'ms';
  const data = sample(shape.rows ?? 2000, unit, shape.order ?? 'sorted');
  const c = shape.compression;
  const schema = new ParquetSchema({
    timestamp: { type: shape.time, compression: shape.time === 'INT96' ? 'UNCOMPRESSED' : c },
    d: { type: 'DOUBLE', optional: true, compression: c },
    f: { type: 'FLOAT', optional: true, compression: c },
    i32: { type: 'INT32', optional: true, compression: c },
    i64: { type: 'INT64', optional: true, compression: c },
    dec: { type: 'DECIMAL', precision: 18, scale: 3, optional: true, compression: c },
    b: { type: 'BOOLEAN', optional: true, compression: c },
    s: { type: 'UTF8', optional: true, compression: c },
    n: { type: 'DOUBLE', optional: true, compression: c },
  });
  const writer = await ParquetWriter.openFile(schema, path, {
    useDataPageV2: shape.time === 'INT96' ? false : shape.pageV2,
    rowGroupSize: 700,
  });
  const days: number[] = [];
  for (let r = 0; r < data.rows.length; r++) {
    const ns = data.ts[r]! * (unit === 'us' ? 1000n : 1_000_000n);
    const day = ns >= 0n ? ns / DAY_NS : (ns - DAY_NS + 1n) / DAY_NS;
    days.push(Number(day) + JULIAN_EPOCH_DAY);
    const row: Record<string, unknown> = {
      timestamp:
        shape.time === 'INT96' ? Number(ns - day * DAY_NS) : shape.time === 'TIMESTAMP_MICROS' ? data.ts[r] : new Date(Number(data.ts[r])),
    };
    for (const k of ['d', 'f', 'i32', 'dec', 'b', 's'] as const) if (data[k][r] !== null) row[k] = data[k][r];
    if (data.i64[r] !== null) row.i64 = data.i64[r];
    await writer.appendRow(row);
  }
  await writer.close();
  if (shape.time === 'INT96') await impalaDays(path, days);
  return data;
}

// ---------------------------------------------------------------- parquet-wasm's writer

export interface ParquetWasmShape {
  compression: 'LZ4' | 'LZ4_RAW' | 'ZSTD' | 'BROTLI' | 'GZIP';
  unit: Unit;
  pageV2: boolean;
  rows?: number;
}

export async function parquetWasmWrite(path: string, shape: ParquetWasmShape): Promise<Sample> {
  const data = sample(shape.rows ?? 3000, shape.unit, 'sorted');
  const per = { ms: 1, us: 1000, ns: 1_000_000 }[shape.unit];
  const tu = { ms: TimeUnit.MILLISECOND, us: TimeUnit.MICROSECOND, ns: TimeUnit.NANOSECOND }[shape.unit];
  const opt = <T>(values: (T | null)[], type: Parameters<typeof columnFromValues>[1]) =>
    columnFromValues((add: (v: unknown) => void) => values.forEach((v) => add(v)), type);
  const table = tableFromColumns({
    // flechette takes epoch milliseconds for every unit (fractions kept).
    timestamp: columnFromArray(
      Float64Array.from(data.ts, (t) => Number(t) / per),
      timestamp(tu, 'UTC'),
    ),
    d: opt(data.d, float64()),
    f: opt(data.f, float32()),
    i32: opt(data.i32, int32()),
    i64: opt(data.i64, int64()),
    dec: opt(data.dec, float64()),
    b: opt(data.b, bool()),
    s: opt(data.s, utf8()),
    n: opt(data.n, float64()),
  });
  const props = new WriterPropertiesBuilder()
    .setCompression(Compression[shape.compression])
    .setWriterVersion(shape.pageV2 ? WriterVersion.V2 : WriterVersion.V1)
    .setDictionaryEnabled(false)
    .setEncoding(Encoding.PLAIN)
    .build();
  await writeFile(path, writeParquet(Table.fromIPCStream(tableToIPC(table, { format: 'stream' })!), props));
  return data;
}

/** The sample as written, in time order (ties in the file's order): the reference where DuckDB cannot read a file. */
export function sampleTable(data: Sample, unit: Unit) {
  const per = { ms: 1, us: 1000, ns: 1_000_000 }[unit];
  const order = data.rows.map((_, r) => r).sort((a, b) => Number(data.ts[a]! - data.ts[b]!) || a - b);
  const pick = <T>(values: T[]) => order.map((r) => values[r]!);
  return {
    times: pick(data.ts).map((t) => Number(t) / per),
    columns: {
      d: pick(data.d),
      f: pick(data.f),
      i32: pick(data.i32),
      i64: pick(data.i64).map((v) => (v === null ? null : Number(v))),
      dec: pick(data.dec),
      b: pick(data.b),
      s: pick(data.s),
      n: pick(data.n),
    },
  };
}
