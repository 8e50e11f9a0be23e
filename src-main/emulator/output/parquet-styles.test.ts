import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBatches, type DecodeReport } from '../../formats/decode-batches';
import type { ColumnSpec, RowBatch } from '../../formats/row-batch';
import { batchesTable, duckdbTable, saveAs } from '../../formats/testing/duckdb-reference';
import { parquetShape, type ParquetShape } from '../../formats/testing/parquet-shape';
import { demoCatalog } from '../testing/fixture';
import { PARQUET_STYLE_NAMES, type ParquetStyle } from './parquet-styles';
import { produceFile } from './produce-file';

/*
 * `--parquet-style`: each style's file has the shape it names (its footer and pages read with
 * hyparquet), and reads as DuckDB reads it (LZ4, which DuckDB cannot read: as the default style).
 */

const dir = mkdtempSync(join(tmpdir(), 'styles-test-'));
let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});
afterAll(() => {
  conn.closeSync();
  db.closeSync();
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

const all = [...demoCatalog().signalsById.values()];
// Floats with gaps, a boolean, a string: every kind of column, with missing values.
const signals = [
  ...all.filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 2),
  all.find((s) => s.dataType === 'boolean')!,
  all.find((s) => s.dataType === 'string')!,
];
const names = signals.map((s) => String(s.id));
const specs: ColumnSpec[] = signals.map((s, i) => ({ names: [names[i]!], dataType: s.dataType }));
const startMs = Date.parse('2025-03-01T00:00:00Z');

const produce = (style: ParquetStyle) =>
  produceFile({
    signals,
    names,
    window: { startMs, endMs: startMs + 4_500_000 },
    format: 'parquet',
    path: join(dir, `${style}.parquet`),
    chunkRows: 1000,
    parquetStyle: style,
  });

async function decodeRaw(style: ParquetStyle, report?: DecodeReport) {
  const out: RowBatch[] = [];
  for await (const b of decodeBatches(join(dir, `${style}.parquet`), 'parquet', { specs, ...(report ? { report } : {}) })) out.push(b);
  return out;
}
const decode = async (style: ParquetStyle, report?: DecodeReport) => batchesTable(await decodeRaw(style, report), names);

const time = (s: ParquetShape) => {
  const e = s.element('timestamp');
  const lt = e.logical_type as { unit?: string; isAdjustedToUTC?: boolean } | undefined;
  return `${e.type} ${lt?.unit ?? e.converted_type ?? '-'}${lt?.isAdjustedToUTC ? ' UTC' : ''}`;
};
const SHAPE: Record<ParquetStyle, (s: ParquetShape) => void> = {
  default: (s) => expect([time(s), [...s.codecs]]).toEqual(['INT64 MILLIS UTC', ['SNAPPY']]),
  micros: (s) => expect(time(s)).toBe('INT64 MICROS UTC'),
  nanos: (s) => expect(time(s)).toBe('INT64 NANOS UTC'),
  'naive-micros': (s) => expect(time(s)).toBe('INT64 MICROS'),
  'epoch-ms': (s) => expect(time(s)).toBe('INT64 -'),
  uncompressed: (s) => expect([...s.codecs]).toEqual(['UNCOMPRESSED']),
  gzip: (s) => expect([...s.codecs]).toEqual(['GZIP']),
  zstd: (s) => expect([...s.codecs]).toEqual(['ZSTD']),
  brotli: (s) => expect([...s.codecs]).toEqual(['BROTLI']),
  lz4: (s) => expect([...s.codecs]).toEqual(['LZ4']),
  'lz4-raw': (s) => expect([...s.codecs]).toEqual(['LZ4_RAW']),
  v2: (s) => {
    expect(s.pageTypes.has('DATA_PAGE_V2') && !s.pageTypes.has('DATA_PAGE')).toBe(true);
    expect([...s.encodings]).toEqual(expect.arrayContaining(['timestamp:DELTA_BINARY_PACKED', `${names[0]}:BYTE_STREAM_SPLIT`]));
  },
  dictionary: (s) => expect([...s.encodings]).toEqual(expect.arrayContaining([`${names[0]}:RLE_DICTIONARY`])),
  plain: (s) => expect([...s.encodings].filter((e) => e.includes('DICTIONARY'))).toEqual([]),
  'small-row-groups': (s) => expect(s.rowGroups.every((n) => n <= 1000) && s.rowGroups.length >= 4).toBe(true),
  float32: (s) => expect(s.element(names[0]!).type).toBe('FLOAT'),
  decimal: (s) => expect(s.element(names[0]!).converted_type).toBe('DECIMAL'),
  'timestamp-last': (s) => expect(s.columns.at(-1)).toBe('timestamp'),
  unsorted: (s) => expect(s.rowGroups.length).toBeGreaterThan(1),
  duplicates: () => undefined,
};

describe('the emulator serves parquet in every style', () => {
  it.each(PARQUET_STYLE_NAMES)('--parquet-style %s: the shape it names, read as DuckDB reads it', async (style) => {
    const out = await produce(style);
    const path = join(dir, `${style}.parquet`);
    SHAPE[style](await parquetShape(path));
    const report: DecodeReport = { rows: 0, duplicates: 0, sorted: true, spilledBytes: 0 };
    const batches = await decodeRaw(style, report);
    const ours = batchesTable(batches, names);
    if (style === 'lz4') {
      await produce('default');
      expect(ours).toEqual(await decode('default'));
    } else {
      const { timeType: _, ...duck } = await duckdbTable(conn, path, 'parquet', names);
      expect(ours).toEqual(duck);
    }
    expect(report).toMatchObject({ rows: out.rows, sorted: style !== 'unsorted', duplicates: style === 'duplicates' ? 5 : 0 });
    // Converted by the app's encoders to every format: DuckDB reads back the same table.
    const columns = specs.map((s, i) => ({
      name: names[i]!,
      kind: s.dataType === 'float' ? ('float' as const) : s.dataType === 'boolean' ? ('boolean' as const) : ('string' as const),
    }));
    for (const format of ['parquet', 'csv', 'json'] as const) {
      const saved = join(dir, `${style}-saved.${format}`);
      await saveAs(batches, format, saved, columns);
      const { timeType: _, ...back } = await duckdbTable(conn, saved, format, names);
      expect(back, format).toEqual(ours);
    }
  });
});
