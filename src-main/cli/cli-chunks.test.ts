import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { ExportRecord } from '../exports/save/export-record';
import { parseCliArgs, type ExportArgs, type PlanArgs } from './args';
import { describeFailure, runExport } from './export-command';
import { runPlan } from './plan-command';

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

// Three days and a bit, borders on odd milliseconds: probe + chunks of ~50,000 rows.
const WINDOW = ['--start', '2025-03-01T00:00:00.123Z', '--end', '2025-03-04T00:00:00.457Z'];
const SIGNALS = ['--signal-id', '10001', '--signal-id', '10002'];
const ROWS = 3 * 86_400; // 1 s samples at whole seconds in [start, end)

async function run(command: 'export' | 'plan', ...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  let code: number;
  try {
    const args = parseCliArgs([command, ...argv], { apiUrl: emulator.baseUrl, apiKey: emulator.apiKey });
    const io = { stdout, stderr, version: 'test', now: Date.now(), tuning: { download: { retryDelayMs: 5 } } };
    code = command === 'export' ? await runExport(args as ExportArgs, io) : await runPlan(args as PlanArgs, io);
  } catch (error) {
    const failure = describeFailure(error);
    err += failure.lines.join('\n');
    code = failure.code;
  }
  return { code, stdout: out, stderr: err };
}

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

async function duck(sql: string) {
  const db = await DuckDBInstance.create(':memory:');
  return (await (await db.connect()).runAndReadAll(sql)).getRowObjectsJson();
}

describe('chunked exports from the command line', () => {
  for (const format of ['csv', 'json'] as const) {
    it(`joins ${format} chunks into exactly the file of one request`, async () => {
      const out = join(dir, `joined.${format}`);
      const r = await run('export', ...SIGNALS, ...WINDOW, '--format', format, '--target-rows', '250000', '-o', out);
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
    const r = await run('export', ...SIGNALS, ...WINDOW, '--target-rows', '250000', '--concurrency', '2', '-o', out);
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
    const window = ['--start', '2025-03-01T00:00:00Z', '--end', '2025-03-04T00:00:00Z'];
    const r = await run('export', ...SIGNALS, ...window, '--target-rows', '250000', '--layout', 'dataset', '-o', whole);
    expect([r.code, r.stdout]).toEqual([0, `${whole}\n`]);
    const read = (d: string) => `read_parquet('${d}/**/*.parquet', hive_partitioning = true)`;
    expect(await duck(`select count(*) as n, count(distinct date) as days from ${read(whole)}`)).toEqual([{ n: String(ROWS), days: '3' }]);
    expect(ExportRecord.parse(JSON.parse(await readFile(join(whole, 'export.json'), 'utf8'))).parts!.length).toBeGreaterThanOrEqual(3);

    const plan = join(dir, 'plan.json');
    const planned = await run('plan', ...SIGNALS, ...window, '--target-rows', '250000', '-o', plan);
    expect(planned.code).toBe(0);
    const sharded = join(dir, 'sharded');
    const shards = await Promise.all(
      ['0/2', '1/2'].map((s) => run('export', '--plan', plan, '--shard', s, '--layout', 'dataset', '-o', sharded)),
    );
    expect(shards.map((s) => s.code)).toEqual([0, 0]);
    expect(await duck(`select count(*) as n from ${read(sharded)}`)).toEqual([{ n: String(ROWS) }]);
    const diff = await duck(
      `select count(*) as n from ((select * from ${read(sharded)} except all select * from ${read(whole)})
        union all (select * from ${read(whole)} except all select * from ${read(sharded)}))`,
    );
    expect(diff).toEqual([{ n: '0' }]);
    expect((await stat(join(sharded, 'export.shard-0-of-2.json'))).isFile()).toBe(true);
  });
});
