import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDefaultCatalog, loadCatalog } from '../../emulator';
import { produceFile } from '../../emulator/output/produce-file';
import { DecodeError } from '../decode-error';
import { duckdbTable } from '../testing/duckdb-reference';
import { duckdbWrite, SAMPLE_SPECS, type DuckShape } from '../testing/independent-writers';
import { appendParquet } from './parquet-append';

let dir: string;
const catalog = loadCatalog(findDefaultCatalog());
const cms = [...catalog.signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 3);
const t0 = Date.parse('2025-02-01T00:00:00Z');

async function produce(name: string, startS: number, endS: number, signals = cms) {
  const path = join(dir, name);
  await produceFile({
    signals,
    names: signals.map((s) => String(s.id)),
    window: { startMs: t0 + startS * 1000, endMs: t0 + endS * 1000 },
    format: 'parquet',
    path,
    chunkRows: 5000,
  });
  return path;
}

async function query(sql: string) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  return (await c.runAndReadAll(sql)).getRowObjectsJson();
}

beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-append-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function join_(paths: string[], out: string) {
  const chunks: Uint8Array[] = [];
  for await (const c of appendParquet(paths)) chunks.push(c);
  await writeFile(out, Buffer.concat(chunks));
}

describe('joining parquet files by their row groups', () => {
  it('gives the same table as one file of the whole window, with statistics a reader can trust', async () => {
    const parts = [
      await produce('a.parquet', 0, 12_345),
      await produce('b.parquet', 12_345, 12_346),
      await produce('c.parquet', 12_346, 30_000),
    ];
    const whole = await produce('whole.parquet', 0, 30_000);
    const joined = join(dir, 'joined.parquet');
    await join_(parts, joined);
    const [counts] = await query(`select count(*) as n, count(distinct timestamp) as t from read_parquet('${joined}')`);
    expect(counts).toEqual({ n: '30000', t: '30000' });
    const diff = await query(
      `select count(*) as n from ((select * from read_parquet('${joined}') except all select * from read_parquet('${whole}'))
        union all (select * from read_parquet('${whole}') except all select * from read_parquet('${joined}')))`,
    );
    expect(diff).toEqual([{ n: '0' }]);
    // Row-group statistics are moved with their groups: a filter that uses them finds the same rows.
    const at = new Date(t0 + 12_345_000).toISOString();
    const [filtered] = await query(`select count(*) as n from read_parquet('${joined}') where timestamp >= TIMESTAMPTZ '${at}'`);
    expect(filtered).toEqual({ n: String(30_000 - 12_345) });
    const groups = await query(`select count(distinct row_group_id) as g from parquet_metadata('${joined}')`);
    expect(groups).toEqual([{ g: String(3 + 1 + 4) }]);
  });

  it('joins pieces of other shapes into one schema: snappy with ms, then zstd with ns and v2 encodings, then gzip with µs and the timestamp last', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
    const pieces: [string, DuckShape][] = [
      ['p-ms.parquet', { time: 'ms', rows: 2500 }],
      ['p-ns.parquet', { time: 'ns', start: 2500, rows: 2500, options: 'COMPRESSION zstd, PARQUET_VERSION v2' }],
      ['p-us.parquet', { time: 'tz', start: 5000, rows: 2500, options: 'COMPRESSION gzip', timestampLast: true }],
    ];
    const paths: string[] = [];
    for (const [name, shape] of pieces) {
      paths.push(join(dir, name));
      await duckdbWrite(conn, paths.at(-1)!, shape);
    }
    const joined = join(dir, 'mixed.parquet');
    await join_(paths, joined);
    const names = SAMPLE_SPECS.map((s) => s.names[0]!);
    const parts = await Promise.all(paths.map((p) => duckdbTable(conn, p, 'parquet', names)));
    const got = await duckdbTable(conn, joined, 'parquet', names);
    // Microseconds: the finest unit our writer keeps (the ns piece's 457 ns are within one).
    expect(got.timeType).toBe('TIMESTAMP WITH TIME ZONE');
    const times = parts.flatMap((p) => p.times);
    expect(got.times.length).toBe(7500);
    expect(got.times.every((t, i) => Math.abs(t - times[i]!) <= 0.0005)).toBe(true);
    for (const n of names) expect(got.columns[n], n).toEqual(parts.flatMap((p) => p.columns[n]!));
    // No temporary file is left beside the pieces.
    expect((await readdir(dir)).filter((f) => f.includes('.joining-'))).toEqual([]);
    conn.closeSync();
    db.closeSync();
  });

  it('refuses files whose columns differ, naming them', async () => {
    const a = await produce('x.parquet', 0, 10);
    const b = await produce('y.parquet', 10, 20, cms.slice(0, 2));
    await expect(join_([a, b], join(dir, 'bad.parquet'))).rejects.toBeInstanceOf(DecodeError);
  });
});
