import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowBatch } from '../row-batch';
import { decodeBatches, type DecodeReport } from '../decode-batches';
import { batchesTable, duckdbTable } from '../testing/duckdb-reference';
import {
  duckdbWrite,
  hyparquetWrite,
  parquetjsWrite,
  parquetWasmWrite,
  SAMPLE_SPECS,
  sampleTable,
  type DuckShape,
  type Sample,
  type Unit,
} from '../testing/independent-writers';
import { parquetShape, type ParquetShape } from '../testing/parquet-shape';
import { tempDir } from '../testing/decode-text';

/*
 * Issue 23 §1: parquet of every shape a writer produces, written at test time by writers other
 * than ours, each file's shape checked in its footer and page headers (hyparquet), then decoded
 * and compared with what DuckDB reads from the same file. Writer × shape is in each test's name.
 *
 * What no writer here produces, and why:
 * - INT96 in Impala's layout: parquetjs writes INT96 columns, but as 96-bit integers; the test
 *   sets each value's Julian day in parquetjs's own page (independent-writers.ts, impalaDays).
 * - LZ4 (hadoop-framed, the deprecated codec): only parquet-wasm writes it, and DuckDB cannot
 *   read it ("Unsupported compression codec LZ4"): compared with the values written. DuckDB's
 *   own `COMPRESSION lz4` writes LZ4_RAW.
 * - DuckDB reads TIMESTAMP(NANOS, UTC) as TIMESTAMPTZ, in microseconds: there our timestamps
 *   (to the nanosecond) must lie within the microsecond DuckDB truncated them to.
 * - Data pages v2 from DuckDB: its PARQUET_VERSION v2 gives delta and byte-stream-split encodings
 *   in v1 page headers; v2 pages come from hyparquet-writer, parquetjs and parquet-wasm.
 */

let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  tmp = await tempDir();
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});
afterAll(async () => {
  conn.closeSync();
  db.closeSync();
  await tmp.close();
});

const NAMES = SAMPLE_SPECS.map((s) => s.names[0]!);

interface Case {
  name: string;
  write(path: string): Promise<Sample | void>;
  /** What the file must be, checked in its footer before it is read. */
  is(shape: ParquetShape): void;
  /** DuckDB cannot read it: compared with the values written, in this unit. */
  written?: Unit;
  report?: Partial<DecodeReport>;
  /** Small runs: the external sort spills. */
  spill?: boolean;
}

const time = (s: ParquetShape) => {
  const e = s.element('timestamp');
  const lt = e.logical_type as { type: string; unit?: string; isAdjustedToUTC?: boolean } | undefined;
  return [
    e.type,
    lt?.type === 'TIMESTAMP' ? `${lt.unit}${lt.isAdjustedToUTC ? ' UTC' : ''}` : (e.converted_type ?? 'no logical type'),
  ].join(' ');
};
const duck = (name: string, shape: DuckShape, is: Case['is'], more: Partial<Case> = {}): Case => ({
  name: `duckdb · ${name}`,
  write: (path) => duckdbWrite(conn, path, shape),
  is,
  ...more,
});
const codec = (c: string) => (s: ParquetShape) => expect(s.codecs).toEqual(new Set([c]));
const has =
  (...encodings: string[]) =>
  (s: ParquetShape) =>
    expect([...s.encodings]).toEqual(expect.arrayContaining(encodings));
const pages =
  (...types: string[]) =>
  (s: ParquetShape) =>
    expect([...s.pageTypes].filter((t) => t !== 'DICTIONARY_PAGE')).toEqual(types);
const all =
  (...checks: Case['is'][]) =>
  (s: ParquetShape) =>
    checks.forEach((c) => c(s));
const groups = (s: ParquetShape) => expect(s.rowGroups.length).toBeGreaterThan(1);

const CASES: Case[] = [
  duck(
    'TIMESTAMP(MILLIS), not adjusted to UTC, snappy',
    { time: 'ms' },
    all(codec('SNAPPY'), (s) => expect(time(s)).toBe('INT64 MILLIS')),
  ),
  duck('TIMESTAMP(MICROS), not adjusted to UTC', { time: 'us' }, (s) => expect(time(s)).toBe('INT64 MICROS')),
  duck('TIMESTAMP(NANOS), not adjusted to UTC', { time: 'ns' }, (s) => expect(time(s)).toBe('INT64 NANOS')),
  duck('TIMESTAMP(MICROS), adjusted to UTC (TIMESTAMPTZ)', { time: 'tz' }, (s) => expect(time(s)).toBe('INT64 MICROS UTC')),
  duck('INT64 epoch ms named timestamp, no logical type', { time: 'int64' }, (s) => expect(time(s)).toBe('INT64 INT_64')),
  duck('uncompressed', { time: 'us', options: 'COMPRESSION uncompressed' }, codec('UNCOMPRESSED')),
  duck('gzip', { time: 'us', options: 'COMPRESSION gzip' }, codec('GZIP')),
  duck('zstd', { time: 'ns', options: 'COMPRESSION zstd' }, codec('ZSTD')),
  duck('brotli', { time: 'us', options: 'COMPRESSION brotli' }, codec('BROTLI')),
  duck('lz4 (written as LZ4_RAW)', { time: 'us', options: 'COMPRESSION lz4' }, codec('LZ4_RAW')),
  duck('lz4_raw', { time: 'ms', options: 'COMPRESSION lz4_raw' }, codec('LZ4_RAW')),
  duck(
    'PARQUET_VERSION v2: delta and byte-stream-split encodings',
    { time: 'us', options: 'PARQUET_VERSION v2, COMPRESSION zstd' },
    all(has('timestamp:DELTA_BINARY_PACKED', 'd:BYTE_STREAM_SPLIT', 'i32:DELTA_BINARY_PACKED'), pages('DATA_PAGE')),
  ),
  duck('dictionary encoding', { time: 'us' }, has('s:PLAIN_DICTIONARY')),
  duck('plain encoding, no dictionary', { time: 'us', options: 'DICTIONARY_SIZE_LIMIT 1' }, (s) =>
    expect([...s.encodings].every((e) => e.endsWith(':PLAIN'))).toBe(true),
  ),
  duck('many small row groups', { time: 'us', rows: 10_000, options: 'ROW_GROUP_SIZE 2048' }, (s) =>
    expect(s.rowGroups.length).toBeGreaterThanOrEqual(4),
  ),
  duck('timestamp column not first', { time: 'ms', timestampLast: true }, (s) => expect(s.columns.at(-1)).toBe('timestamp')),
  duck('rows shuffled, one row group', { time: 'us', order: 'shuffled' }, (s) => expect(s.rowGroups).toEqual([3000]), {
    report: { sorted: false, spilledBytes: 0 },
  }),
  duck(
    'rows shuffled, row groups overlapping (external sort, spilled)',
    { time: 'ns', order: 'shuffled', rows: 10_000, options: 'ROW_GROUP_SIZE 2048' },
    groups,
    { report: { sorted: false }, spill: true },
  ),
  duck('duplicate timestamps', { time: 'ms', order: 'pairs' }, () => undefined, { report: { duplicates: 1500, sorted: true } }),
  {
    name: 'hyparquet-writer · TIMESTAMP(MILLIS, UTC), v2 pages, snappy, plain',
    write: (p) => hyparquetWrite(p, { unit: 'ms', utc: true, codec: 'SNAPPY', encoding: 'PLAIN' }),
    is: all(pages('DATA_PAGE_V2'), codec('SNAPPY'), (s) => expect(time(s)).toBe('INT64 MILLIS UTC')),
  },
  {
    name: 'hyparquet-writer · TIMESTAMP(MICROS), v2 pages, gzip, delta and byte-stream-split',
    write: (p) => hyparquetWrite(p, { unit: 'us', utc: false, codec: 'GZIP', encoding: 'DELTA_BINARY_PACKED+BYTE_STREAM_SPLIT' }),
    is: all(pages('DATA_PAGE_V2'), codec('GZIP'), has('timestamp:DELTA_BINARY_PACKED', 'd:BYTE_STREAM_SPLIT', 'f:BYTE_STREAM_SPLIT')),
  },
  {
    name: 'hyparquet-writer · TIMESTAMP(NANOS, UTC), v2 pages, brotli, delta and byte-stream-split',
    write: (p) => hyparquetWrite(p, { unit: 'ns', utc: true, codec: 'BROTLI', encoding: 'DELTA_BINARY_PACKED+BYTE_STREAM_SPLIT' }),
    is: all(pages('DATA_PAGE_V2'), codec('BROTLI'), (s) => expect(time(s)).toBe('INT64 NANOS UTC')),
  },
  {
    name: 'hyparquet-writer · TIMESTAMP(NANOS), v2 pages, uncompressed, dictionary',
    write: (p) => hyparquetWrite(p, { unit: 'ns', utc: false, codec: 'UNCOMPRESSED', encoding: 'RLE_DICTIONARY' }),
    is: all(pages('DATA_PAGE_V2'), codec('UNCOMPRESSED'), has('i32:RLE_DICTIONARY')),
  },
  {
    name: 'hyparquet-writer · INT64 epoch ms named timestamp, no logical type',
    write: (p) => hyparquetWrite(p, { unit: 'int64', utc: true, codec: 'SNAPPY' }),
    is: (s) => expect(time(s)).toBe('INT64 no logical type'),
  },
  {
    name: 'hyparquet-writer · rows shuffled, many row groups',
    write: (p) => hyparquetWrite(p, { unit: 'us', utc: true, codec: 'SNAPPY', order: 'shuffled', rowGroupRows: 500 }),
    is: groups,
    report: { sorted: false },
  },
  {
    name: 'parquetjs · TIMESTAMP_MILLIS (converted type only), v1 pages, gzip',
    write: (p) => parquetjsWrite(p, { time: 'TIMESTAMP_MILLIS', compression: 'GZIP', pageV2: false }),
    is: all(pages('DATA_PAGE'), codec('GZIP'), (s) => expect(time(s)).toBe('INT64 TIMESTAMP_MILLIS')),
  },
  {
    name: 'parquetjs · TIMESTAMP_MICROS (converted type only), v2 pages, brotli',
    write: (p) => parquetjsWrite(p, { time: 'TIMESTAMP_MICROS', compression: 'BROTLI', pageV2: true }),
    is: all(pages('DATA_PAGE_V2'), codec('BROTLI'), (s) => expect(time(s)).toBe('INT64 TIMESTAMP_MICROS')),
  },
  {
    name: 'parquetjs · INT96 timestamps (Impala layout), snappy values',
    write: (p) => parquetjsWrite(p, { time: 'INT96', compression: 'SNAPPY', pageV2: false }),
    is: (s) => expect(s.element('timestamp').type).toBe('INT96'),
  },
  {
    name: 'parquetjs · rows shuffled, row groups overlapping, v2 pages, snappy',
    write: (p) => parquetjsWrite(p, { time: 'TIMESTAMP_MILLIS', compression: 'SNAPPY', pageV2: true, order: 'shuffled' }),
    is: groups,
    report: { sorted: false },
  },
  {
    name: 'parquet-wasm · LZ4 (hadoop-framed), TIMESTAMP(NANOS, UTC), v1 pages',
    write: (p) => parquetWasmWrite(p, { compression: 'LZ4', unit: 'ns', pageV2: false }),
    is: all(codec('LZ4'), pages('DATA_PAGE')),
    written: 'ns',
  },
  {
    name: 'parquet-wasm · zstd, v2 pages, TIMESTAMP(NANOS, UTC)',
    write: (p) => parquetWasmWrite(p, { compression: 'ZSTD', unit: 'ns', pageV2: true }),
    is: all(codec('ZSTD'), pages('DATA_PAGE_V2')),
  },
  {
    name: 'parquet-wasm · lz4_raw, v2 pages, TIMESTAMP(MICROS, UTC)',
    write: (p) => parquetWasmWrite(p, { compression: 'LZ4_RAW', unit: 'us', pageV2: true }),
    is: all(codec('LZ4_RAW'), pages('DATA_PAGE_V2')),
  },
];

async function decode(path: string, report: DecodeReport, spill: boolean): Promise<RowBatch[]> {
  const out: RowBatch[] = [];
  for await (const b of decodeBatches(path, 'parquet', { specs: SAMPLE_SPECS, report, ...(spill ? { runBytes: 64 << 10 } : {}) }))
    out.push(b);
  return out;
}

let files = 0;
describe('parquet of every shape, read as DuckDB reads it', () => {
  it.each(CASES)('$name', async (c) => {
    const path = join(tmp.dir, `shape-${files++}.parquet`);
    const data = await c.write(path);
    c.is(await parquetShape(path));
    const report: DecodeReport = { rows: 0, duplicates: 0, sorted: true, spilledBytes: 0 };
    const ours = batchesTable(await decode(path, report, !!c.spill), NAMES);
    const reference = c.written ? sampleTable(data as Sample, c.written) : await duckdbTable(conn, path, 'parquet', NAMES);
    expect(ours.times.length).toBeGreaterThan(0);
    const { timeType, ...expected } = reference as typeof reference & { timeType?: string };
    if (time(await parquetShape(path)).includes('NANOS') && timeType === 'TIMESTAMP WITH TIME ZONE') {
      expect(ours.times.every((t, i) => t - expected.times[i]! >= 0 && t - expected.times[i]! < 0.001)).toBe(true);
      ours.times = expected.times;
    }
    expect(ours).toEqual(expected);
    expect(report).toMatchObject({ rows: ours.times.length, duplicates: 0, sorted: true, ...c.report });
    if (c.spill) expect(report.spilledBytes).toBeGreaterThan(0);
    // The sort's temporary files are gone.
    expect((await readdir(tmp.dir)).filter((f) => f.includes('.sorting-'))).toEqual([]);
  });
});
