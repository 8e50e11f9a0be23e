import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOL_NULL, type ColumnSpec, type RowBatch } from '../row-batch';
import { decodeBatches } from '../decode-batches';
import { DecodeError } from '../decode-error';
import { createParquetWriter } from './parquet-writer';
import { tempDir, timesOf, valuesOf } from '../testing/decode-text';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => void (tmp = await tempDir()));
afterAll(() => tmp.close());

const T0 = Date.parse('2024-01-01T00:00:00Z');
const spec = (dataType: ColumnSpec['dataType'], ...names: string[]): ColumnSpec => ({ names, dataType });
async function decode(path: string, specs: ColumnSpec[], batchRows?: number): Promise<RowBatch[]> {
  const out: RowBatch[] = [];
  for await (const b of decodeBatches(path, 'parquet', { specs, batchRows })) out.push(b);
  return out;
}

const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

async function duckdb(sql: string, name: string): Promise<string> {
  const path = join(tmp.dir, name);
  const db = await DuckDBInstance.create();
  const conn = await db.connect();
  await conn.run(`COPY (${sql}) TO '${path}' (FORMAT parquet)`);
  conn.closeSync();
  return path;
}

describe('parquet decoding', () => {
  it('reads files of another writer (DuckDB: no Arrow schema, plain strings, µs timestamps), every number type, row group by row group', async () => {
    const path = await duckdb(
      `SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS timestamp, i::BIGINT AS big, i::INTEGER AS int,
         (i / 4)::FLOAT AS f32, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 8 END::DOUBLE AS f64, i::UBIGINT AS ub,
         CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS s, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b
       FROM range(5000) t(i)`,
      'duck.parquet',
    );
    const specs = [
      spec('string', 's'),
      spec('float', 'f64'),
      spec('float', 'big'),
      spec('float', 'int'),
      spec('float', 'f32'),
      spec('float', 'ub'),
      spec('boolean', 'b'),
    ];
    const batches = await decode(path, specs, 1000);
    expect(batches.every((b) => b.rowCount <= 1000)).toBe(true);
    expect(timesOf(batches)).toEqual(Array.from({ length: 5000 }, (_, i) => T0 + i * 1000));
    const [s, f64, big, int, f32, ub, b] = valuesOf(batches);
    expect(batches[0]!.columns.map((c) => c.name)).toEqual(['s', 'f64', 'big', 'int', 'f32', 'ub', 'b']);
    for (const i of [0, 1, 2047, 2048, 4999]) {
      expect(s![i]).toBe(i % 3 === 0 ? null : `v${i}`);
      expect(f64![i]).toBe(i % 5 === 0 ? NaN : i / 8);
      expect([big![i], int![i], ub![i], f32![i]]).toEqual([i, i, i, i / 4]);
      expect(b![i]).toBe(i % 7 === 0 ? BOOL_NULL : i % 2 === 0 ? 1 : 0);
    }
  });

  it('reads a row group too wide to read at once a few columns at a time, every column in place', async () => {
    // 60 columns × 40,000 rows is 2.4 M values in one row group: read in three parts.
    const cols = Array.from({ length: 60 }, (_, k) => `CASE WHEN (i + ${k}) % 11 = 0 THEN NULL ELSE i * ${k + 1} END::DOUBLE AS c${k}`);
    const path = await duckdb(
      `SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS timestamp, ${cols.join(', ')} FROM range(40000) t(i)`,
      'wide.parquet',
    );
    const meta = parquetMetadata(arrayBuffer(await readFile(path)));
    expect(Number(meta.row_groups[0]!.num_rows) * 61).toBeGreaterThan(2_000_000);
    // Asked in another order than the file's: each value must still land in its own column.
    const picked = Array.from({ length: 60 }, (_, k) => (k * 7) % 60);
    const batches = await decode(
      path,
      picked.map((k) => spec('float', `c${k}`)),
      100_000,
    );
    expect(timesOf(batches)).toEqual(Array.from({ length: 40000 }, (_, i) => T0 + i * 1000));
    const values = valuesOf(batches);
    picked.forEach((k, c) => {
      for (const i of [0, 1, 10, 12345, 39999]) expect(values[c]![i]).toBe((i + k) % 11 === 0 ? NaN : i * (k + 1));
    });
  });

  it('reads timestamps with a zone, in any unit, or written as ISO text', async () => {
    const tz = await duckdb(
      `SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) MILLISECOND AS timestamp, i::DOUBLE AS v FROM range(3) t(i)`,
      'tz.parquet',
    );
    expect(timesOf(await decode(tz, [spec('float', 'v')]))).toEqual([T0, T0 + 1, T0 + 2]);
    const text = await duckdb(
      `SELECT strftime(TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND, '%Y-%m-%dT%H:%M:%SZ') AS timestamp, i::DOUBLE AS v FROM range(3) t(i)`,
      'text.parquet',
    );
    expect(timesOf(await decode(text, [spec('float', 'v')]))).toEqual([T0, T0 + 1000, T0 + 2000]);
  });

  it('matches columns by name and type, and says what does not fit', async () => {
    const path = await duckdb(`SELECT TIMESTAMP '2024-01-01' AS timestamp, 'x' AS s, 1.5::DOUBLE AS v`, 'fit.parquet');
    await expect(decode(path, [spec('float', 's'), spec('float', 'v')])).rejects.toThrow(
      `The parquet file's column "s" holds BYTE_ARRAY (UTF8), which Signal Explorer cannot read as float values (its signal's type).`,
    );
    await expect(decode(path, [spec('float', 'v')])).rejects.toThrow(/column "s" that is none of the requested signals/);
    await expect(decode(path, [spec('string', 'Renamed', 's'), spec('float', 'v'), spec('float', '10178')])).rejects.toThrow(
      /no column for "10178"/,
    );
    const batches = await decode(path, [spec('float', 'Flow', 'v'), spec('string', 'Renamed', 's')]);
    expect(batches[0]!.columns.map((c) => c.name)).toEqual(['v', 's']);
    const unsorted = await duckdb(
      `SELECT TIMESTAMP '2024-01-01' - INTERVAL (i) SECOND AS timestamp, 1.0::DOUBLE AS v FROM range(3) t(i)`,
      'unsorted.parquet',
    );
    expect(timesOf(await decode(unsorted, [spec('float', 'v')]))).toEqual([T0 - 2000, T0 - 1000, T0]);
  });

  it('refuses what is not parquet, or is cut', async () => {
    const path = join(tmp.dir, 'bad.parquet');
    for (const content of ['', 'hello', 'PAR1 this is not really parquet PAR1', 'PAR1\0\0\0\0\0\0\0\0\0\0\0\0PAR1']) {
      await writeFile(path, content);
      await expect(decode(path, []), content).rejects.toBeInstanceOf(DecodeError);
    }
    await expect(decode(join(tmp.dir, 'missing.parquet'), [])).rejects.toThrow('The file could not be read (ENOENT).');
  });
});

describe('the parquet writer', () => {
  const batch = (from: number, n: number): RowBatch => ({
    rowCount: n,
    timestamps: Float64Array.from({ length: n }, (_, i) => T0 + (from + i) * 1000),
    columns: [
      {
        name: 'flow',
        data: { kind: 'float', values: Float64Array.from({ length: n }, (_, i) => ((from + i) % 4 ? (from + i) / 3 : NaN)) },
      },
      {
        name: 'on',
        data: { kind: 'boolean', values: Uint8Array.from({ length: n }, (_, i) => ((from + i) % 5 ? (from + i) % 2 : BOOL_NULL)) },
      },
      {
        name: 'state',
        data: { kind: 'string', values: Array.from({ length: n }, (_, i) => ((from + i) % 3 ? `s${(from + i) % 10}` : null)) },
      },
    ],
  });
  const columns = [
    { name: 'flow', kind: 'float' as const },
    { name: 'on', kind: 'boolean' as const },
    { name: 'state', kind: 'string' as const },
  ];

  async function written(batches: RowBatch[], opts = {}): Promise<Buffer> {
    const parts: Uint8Array[] = [];
    const writer = createParquetWriter(columns, async (b) => void parts.push(b), opts);
    for (const b of batches) await writer.add(b);
    await writer.finish();
    return Buffer.concat(parts);
  }

  it('writes row groups that another reader (hyparquet) reads back cell for cell: UTC ms timestamps, nulls, dictionary text', async () => {
    const bytes = await written([batch(0, 700), batch(700, 0), batch(700, 300)], { rowGroupRows: 250 });
    const ab = arrayBuffer(bytes);
    const meta = parquetMetadata(ab);
    // Rows are regrouped to rowGroupRows whatever the batches' sizes.
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([250, 250, 250, 250]);
    expect(meta.schema[1]).toMatchObject({ name: 'timestamp', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } });
    const rows = await parquetReadObjects({ file: ab });
    for (const i of [0, 1, 3, 4, 699, 700, 999]) {
      expect(rows[i]).toEqual({
        timestamp: new Date(T0 + i * 1000),
        flow: i % 4 ? i / 3 : null,
        on: i % 5 ? i % 2 === 1 : null,
        state: i % 3 ? `s${i % 10}` : null,
      });
    }
  });

  it('writes a file of no rows with its columns, and microseconds when asked or when the first rows need them', async () => {
    const empty = await written([]);
    const path = join(tmp.dir, 'empty.parquet');
    await writeFile(path, empty);
    expect(await decode(path, [spec('float', 'flow'), spec('boolean', 'on'), spec('string', 'state')])).toEqual([]);
    const schema = parquetMetadata(arrayBuffer(empty)).schema;
    expect(schema.slice(1).map((s) => s.name)).toEqual(['timestamp', 'flow', 'on', 'state']);

    const fine = batch(0, 3);
    fine.timestamps[1]! += 0.25;
    await expect(written([fine], { timeUnit: 'ms' })).rejects.toThrow(/fraction of a millisecond/);
    // Milliseconds first, a fraction later: refused, never rounded away.
    await expect(written([batch(0, 3), fine])).rejects.toThrow(/fraction of a millisecond/);
    await writeFile(path, await written([fine]));
    expect(parquetMetadata(arrayBuffer(await readFile(path))).schema[1]!.logical_type).toMatchObject({ unit: 'MICROS' });
    await writeFile(path, await written([fine], { timeUnit: 'us' }));
    expect(timesOf(await decode(path, [spec('float', 'flow'), spec('boolean', 'on'), spec('string', 'state')]))).toEqual([
      T0,
      T0 + 1000.25,
      T0 + 2000,
    ]);
  });

  it('stops writing when aborted, and when its sink fails', async () => {
    const parts: Uint8Array[] = [];
    const writer = createParquetWriter(columns, async (b) => void parts.push(b));
    await writer.add(batch(0, 100));
    await writer.abort();
    const before = parts.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(parts.length).toBe(before);

    const failing = createParquetWriter(columns, async () => {
      throw new Error('disk full');
    });
    const result = (async () => {
      for (let i = 0; i < 50; i++) await failing.add(batch(i * 70_000, 70_000));
      await failing.finish();
    })();
    await expect(result).rejects.toThrow('disk full');
  });

  it('writes only the rows of a batch whose arrays are longer (a reused buffer)', async () => {
    const long = batch(0, 10);
    const bytes = await written([{ ...long, rowCount: 4 }]);
    const rows = await parquetReadObjects({ file: arrayBuffer(bytes) });
    expect(rows.map((r) => (r.timestamp as Date).getTime())).toEqual([T0, T0 + 1000, T0 + 2000, T0 + 3000]);
  });

  it('refuses a batch that does not fit its columns', async () => {
    const writer = createParquetWriter(columns, async () => undefined);
    await expect(writer.add({ ...batch(0, 2), columns: batch(0, 2).columns.slice(1) })).rejects.toThrow(/2 columns; the file has 3/);
    const writer2 = createParquetWriter(columns.slice(0, 1), async () => undefined);
    await expect(writer2.add({ ...batch(0, 2), columns: batch(0, 2).columns.slice(1, 2) })).rejects.toThrow(/holds boolean, not float/);
  });

  it('reads back what it wrote, the emulator’s way (a row group per batch)', async () => {
    const path = join(tmp.dir, 'rt.parquet');
    await writeFile(path, await written([batch(0, 500), batch(500, 500)], { rowGroupRows: 500 }));
    const back = await decode(path, [spec('string', 'state'), spec('float', 'flow'), spec('boolean', 'on')]);
    expect(back.map((b) => b.rowCount)).toEqual([500, 500]);
    expect(valuesOf(back)).toEqual([
      [...batch(0, 1000).columns[2]!.data.values],
      [...batch(0, 1000).columns[0]!.data.values],
      [...batch(0, 1000).columns[1]!.data.values],
    ]);
    expect(await readFile(path)).toBeTruthy();
  });
});

describe('reading some columns only (a read split across the workers)', () => {
  it('gives exactly those columns of a full read, in every row group', async () => {
    // Row groups of 2,048 rows (DuckDB's ROW_GROUP_SIZE), text with nulls, a column in between.
    const db = await DuckDBInstance.create();
    const conn = await db.connect();
    const path = join(tmp.dir, 'some.parquet');
    await conn.run(
      `COPY (SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS timestamp, i / 3 AS a,
         CASE WHEN i % 4 = 0 THEN NULL ELSE 'v' || i END AS s, i % 2 = 0 AS b, i * 1.5 AS c
       FROM range(9000) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
    );
    conn.closeSync();
    const specs = [spec('float', 'a'), spec('string', 's'), spec('boolean', 'b'), spec('float', 'c')];
    const read = async (only?: number[]) => {
      const out: RowBatch[] = [];
      for await (const b of decodeBatches(path, 'parquet', { specs, ...(only ? { only } : {}) })) out.push(b);
      return out;
    };
    const whole = await read();
    for (const only of [[0], [1, 3], [2, 3]]) {
      const some = await read(only);
      expect(some.length).toBeGreaterThan(4);
      expect(some.map((b) => b.rowCount)).toEqual(whole.map((b) => b.rowCount));
      expect(timesOf(some)).toEqual(timesOf(whole));
      expect(some[0]!.columns.map((c) => c.name)).toEqual(only.map((i) => whole[0]!.columns[i]!.name));
      expect(valuesOf(some)).toEqual(only.map((i) => valuesOf(whole)[i]));
    }
    // The file is still checked against every signal asked for, read or not.
    const missing = [...specs, spec('float', 'nowhere')];
    const refused = (async () => {
      for await (const _ of decodeBatches(path, 'parquet', { specs: missing, only: [0] })) void _;
    })();
    await expect(refused).rejects.toThrow('The parquet file has no column for "nowhere".');
  });
});
