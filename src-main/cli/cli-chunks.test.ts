import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliInProcess } from './testing/cli-in-process';
import { startEmulator, type Emulator } from '../emulator';
import { ExportRecord } from '../exports/save/export-record';

/*
 * Chunked exports through the command line against the emulator: several requests whose files
 * join into exactly the file one request gives, borders on odd milliseconds, a Hive dataset DuckDB
 * reads as one table, shards that fill one folder.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'chunk-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-chunks-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.resetFaults());

// A day and an hour and a bit (a window up to a day is one chunk), borders on odd milliseconds:
// an hour's probe, then chunks of 40,000 rows (the three days this was cost 3x the data, not a border more).
const WINDOW = ['--start', '2025-03-01T00:00:00.123Z', '--end', '2025-03-02T01:00:00.457Z'];
const TARGET = ['--target-rows', '40000'];
const SIGNALS = ['--signal-id', '10001', '--signal-id', '10002'];
const ROWS = 25 * 3600; // 1 s samples at whole seconds in [start, end)

const run = (command: 'export' | 'plan', ...argv: string[]) =>
  cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, [command, ...argv]);

/** The file one sync request for the whole window gives, as the emulator writes it. */
async function oneRequest(format: string): Promise<Buffer> {
  const res = await fetch(`${emulator.baseUrl}/api/v1/historical-data/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ signals: [10001, 10002], timeWindow: { start: WINDOW[1], end: WINDOW[3] }, format }),
  });
  const { outputFile } = (await res.json()) as { outputFile: string };
  return Buffer.from(await (await fetch(outputFile)).arrayBuffer());
}

let db: DuckDBInstance | undefined;
afterAll(() => db?.closeSync());
async function duck(sql: string) {
  db ??= await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    conn.closeSync();
  }
}

describe('chunked exports from the command line', () => {
  for (const format of ['csv', 'json'] as const) {
    it(`joins ${format} chunks into exactly the file of one request`, async () => {
      const out = join(dir, `joined.${format}`);
      const r = await run('export', ...SIGNALS, ...WINDOW, '--format', format, ...TARGET, '-o', out);
      expect(r.stderr).toMatch(/in [3-9] chunk\(s\)/);
      expect([r.code, r.stdout]).toEqual([0, `${out}\n`]);
      expect((await readFile(out)).equals(await oneRequest(format))).toBe(true);
      const record = ExportRecord.parse(JSON.parse(await readFile(`${out}.export.json`, 'utf8')));
      expect(record.rowCount).toBe(ROWS);
      expect(record.chunks.length).toBeGreaterThanOrEqual(3);
      expect(record.chunks.every((c) => c.requestIds.length === 1)).toBe(true);
      expect(await readdir(dir)).not.toContain(`.joined.${format}.parts`);
    });
  }

  it('joins parquet chunks into one file with every row once, whatever the borders', async () => {
    const out = join(dir, 'joined.parquet');
    const r = await run('export', ...SIGNALS, ...WINDOW, ...TARGET, '--concurrency', '2', '-o', out);
    expect(r.code).toBe(0);
    const single = join(dir, 'single.parquet');
    await import('node:fs/promises').then((fs) => oneRequest('parquet').then((b) => fs.writeFile(single, b)));
    const [counts] = await duck(`select count(*) as n, count(distinct timestamp) as t from read_parquet('${out}')`);
    expect(counts).toEqual({ n: String(ROWS), t: String(ROWS) });
    const diff = await duck(
      `select count(*) as n from ((select * from read_parquet('${out}') except all select * from read_parquet('${single}'))
        union all (select * from read_parquet('${single}') except all select * from read_parquet('${out}')))`,
    );
    expect(diff).toEqual([{ n: '0' }]);
  });

  it('writes a Hive dataset DuckDB reads as one table, and two shards of a plan fill one the same', async () => {
    const whole = join(dir, 'dataset');
    // Three dates: an hour of the first, a whole day, an hour of the last.
    const window = ['--start', '2025-03-01T23:00:00Z', '--end', '2025-03-03T01:00:00Z'];
    const rows = 26 * 3600;
    const r = await run('export', ...SIGNALS, ...window, ...TARGET, '--layout', 'dataset', '-o', whole);
    expect([r.code, r.stdout]).toEqual([0, `${whole}\n`]);
    const read = (d: string) => `read_parquet('${d}/**/*.parquet', hive_partitioning = true)`;
    expect(await duck(`select count(*) as n, count(distinct date) as days from ${read(whole)}`)).toEqual([{ n: String(rows), days: '3' }]);
    expect(ExportRecord.parse(JSON.parse(await readFile(join(whole, 'export.json'), 'utf8'))).parts!.length).toBeGreaterThanOrEqual(3);

    const plan = join(dir, 'plan.json');
    const planned = await run('plan', ...SIGNALS, ...window, ...TARGET, '-o', plan);
    expect(planned.code).toBe(0);
    const sharded = join(dir, 'sharded');
    const shards = await Promise.all(
      ['0/2', '1/2'].map((s) => run('export', '--plan', plan, '--shard', s, '--layout', 'dataset', '-o', sharded)),
    );
    expect(shards.map((s) => s.code)).toEqual([0, 0]);
    expect(await duck(`select count(*) as n from ${read(sharded)}`)).toEqual([{ n: String(rows) }]);
    const diff = await duck(
      `select count(*) as n from ((select * from ${read(sharded)} except all select * from ${read(whole)})
        union all (select * from ${read(whole)} except all select * from ${read(sharded)}))`,
    );
    expect(diff).toEqual([{ n: '0' }]);
    expect((await stat(join(sharded, 'export.shard-0-of-2.json'))).isFile()).toBe(true);
  });
});

describe('aggregated and Excel exports from the command line', () => {
  const AGG = ['--every', '1h', '--agg', 'mean,max,count', '--tz', 'Europe/Lisbon'];
  // Across the end of summer time in Lisbon, borders on odd minutes (widened to whole hours).
  const DST = ['--start', '2025-10-25T10:17:00Z', '--end', '2025-10-27T03:41:00Z'];

  it('aggregates chunk by chunk with borders on buckets: the same file as one chunk', async () => {
    const chunked = join(dir, 'agg-chunked.csv');
    const one = join(dir, 'agg-one.csv');
    const a = await run('export', ...SIGNALS, ...DST, ...AGG, '--target-rows', '30000', '-o', chunked);
    const b = await run('export', ...SIGNALS, ...DST, ...AGG, '--target-rows', '100000000', '-o', one);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toMatch(/in [3-9] chunk\(s\)/);
    const lines = (await readFile(chunked, 'utf8')).trim().split('\n');
    const oneLines = (await readFile(one, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('timestamp,10001_mean,10001_max,10001_count,10002_mean,10002_max,10002_count');
    // The same buckets with the same values; means and sums may differ in their last bits, as
    // partial sums meet at other batch borders (the aggregator's own tests bound it against DuckDB).
    expect(lines.length).toBe(oneLines.length);
    lines.forEach((line, i) => {
      const [a, b] = [line.split(','), oneLines[i]!.split(',')];
      expect(a[0]).toBe(b[0]);
      a.slice(1).forEach((x, j) => (x === b[j + 1] ? undefined : expect(Number(x)).toBeCloseTo(Number(b[j + 1]), 9)));
    });
    // Whole local hours from 11:00 (10:17Z is 11:17 in Lisbon) to 03:00 (03:41Z, winter time): 01:00 twice.
    const stamps = lines.slice(1).map((l) => l.split(',')[0]);
    expect(stamps[0]).toBe('2025-10-25T11:00:00.000+01:00');
    expect(stamps.filter((t) => t!.startsWith('2025-10-26T01:00:00.000'))).toEqual([
      '2025-10-26T01:00:00.000+01:00',
      '2025-10-26T01:00:00.000+00:00',
    ]);
    expect(stamps.at(-1)).toBe('2025-10-27T03:00:00.000+00:00');
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps).toHaveLength(42);
    const record = ExportRecord.parse(JSON.parse(await readFile(`${chunked}.export.json`, 'utf8')));
    expect(record.values).toEqual({ kind: 'every', interval: '1h', fns: ['mean', 'max', 'count'], timeZone: 'Europe/Lisbon' });
  });

  it('writes an Excel workbook that reads back with its types, and refuses one too big before anything is asked', async () => {
    const out = join(dir, 'hourly.xlsx');
    const r = await run('export', ...SIGNALS, ...DST, ...AGG, '--target-rows', '30000', '-o', out);
    expect([r.code, r.stdout]).toEqual([0, `${out}\n`]);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const data = book.getWorksheet('Data')!;
    expect(data.rowCount).toBe(43);
    expect(data.getRow(1).values).toEqual([
      undefined,
      'timestamp',
      '10001_mean',
      '10001_max',
      '10001_count',
      '10002_mean',
      '10002_max',
      '10002_count',
    ]);
    expect(data.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(typeof data.getRow(2).getCell(2).value).toBe('number');
    expect(book.getWorksheet('Export')!.rowCount).toBeGreaterThan(10);

    const before = emulator.dataRequests.length;
    const big = await run(
      'export',
      ...SIGNALS,
      '--start',
      '2025-01-01T00:00Z',
      '--end',
      '2025-02-01T00:00Z',
      '--every',
      '1s',
      '-o',
      join(dir, 'big.xlsx'),
    );
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/Excel holds at most 1,048,575 rows of data; this export has 2,678,400/);
    expect(big.stderr).toMatch(/Add --every 10s/);
    expect(emulator.dataRequests.length).toBe(before);

    const raw = await run('export', ...SIGNALS, '--start', '2025-01-01T00:00Z', '--end', '2025-01-20T00:00Z', '-o', join(dir, 'raw.xlsx'));
    expect(raw.code).toBe(2);
    expect(raw.stderr).toMatch(/Excel holds at most 1,048,575 rows/);
    expect(await readdir(dir)).not.toContain('raw.xlsx');
  });
});
