import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobStatus } from '../../../src-preload/contract';
import { downloadPath, readManifest } from '../manifest/manifest';
import { prepareDownload, saveExport } from '../save/save-export';
import { exportFixture, testSessions } from '../testing/fixture';
import { createExportService } from './export-service';

let fx: Awaited<ReturnType<typeof exportFixture>>;
let produced: { requestId: number; rows: number }[] = [];
beforeAll(async () => void (fx = await exportFixture({ onProduced: (info) => produced.push(info) })));
afterAll(() => fx.close());
beforeEach(() => {
  fx.emulator.resetFaults();
  fx.events.length = 0;
  produced = [];
});

async function run(...args: Parameters<typeof fx.request>): Promise<JobStatus> {
  return fx.service.wait(fx.service.start(fx.request(...args)));
}

const serviceLike = (over: Partial<Parameters<typeof createExportService>[0]> = {}) =>
  createExportService({
    cacheDir: join(fx.dir, 'cache'),
    sessions: testSessions(fx.pool, { version: 'test', client: {} }),
    resolveTarget: async () => ({ apiUrl: fx.emulator.baseUrl, apiKey: fx.emulator.apiKey }),
    concurrency: async () => 2,
    ...over,
  });

describe('export jobs against the emulator', () => {
  for (const format of ['parquet', 'csv', 'json'] as const) {
    it(`runs a ${format} export to ready, columns tied to their signals, every event as the contract says`, async () => {
      const signals = await fx.selected([10001, 10010, 10242], [undefined, 'Pitch OK', 'duty']);
      const status = await run(signals, format, '2025-03-01T00:00:00Z', '2025-03-01T01:00:00Z');
      expect(status.error).toBeUndefined();
      expect(status.stage).toBe('ready');
      const result = status.result!;
      expect(result.rowCount).toBe(3600);
      expect(result.requestIds).toHaveLength(1);
      expect(result.timeRange).toEqual({ start: Date.parse('2025-03-01T00:00:00Z'), end: Date.parse('2025-03-01T00:59:59Z') });
      expect(result.columns.map((c) => [c.name, c.signal.id, c.signal.dataType])).toEqual([
        ['10001', 10001, 'float'],
        ['Pitch OK', 10010, 'boolean'],
        ['duty', 10242, 'string'],
      ]);
      const mine = fx.events.filter((e) => e.jobId === status.jobId);
      for (const e of mine) JobStatus.parse(e);
      expect(mine[0]!.stage).toBe('running');
      expect(mine.at(-1)).toMatchObject({ stage: 'ready', progress: { fraction: 1, chunksDone: 1, chunksTotal: 1, rows: 3600 } });
    });
  }

  it('saves a parquet export as csv and json byte for byte as the API writes them', async () => {
    const signals = await fx.selected([10001, 10010, 10253], [undefined, 'ok', 'state']);
    const fromParquet = await run(signals, 'parquet', '2025-03-03T00:00:00Z', '2025-03-03T00:30:00Z');
    for (const format of ['csv', 'json'] as const) {
      const native = await run(signals, format, '2025-03-03T00:00:00Z', '2025-03-03T00:30:00Z');
      const out = join(fx.dir, `converted.${format}`);
      const options = { format, layout: 'file' as const, timeZone: 'UTC', localTimeColumn: false, excelLocale: null };
      await saveExport({ pool: fx.pool, version: 'test' }, fx.service.job(fromParquet.jobId), out, options, { overwrite: false });
      const job = fx.service.job(native.jobId);
      const chunk = job.manifest()!.chunks[0]!;
      expect(await readFile(out, 'utf8')).toBe(await readFile(downloadPath(job.dir, chunk, format), 'utf8'));
    }
  });

  it('saves a raw chunked export as hourly means (one rollup across chunk borders) and as an Excel workbook', async () => {
    const signals = await fx.selected([10001, 10002]);
    const raw = await run(signals, 'parquet', '2025-04-10T00:00:00.500Z', '2025-04-13T00:00:00.500Z');
    expect(fx.service.job(raw.jobId).manifest()!.chunks.length).toBeGreaterThanOrEqual(2);
    const hourly = { kind: 'every' as const, interval: '1h', fns: ['mean' as const, 'count' as const], timeZone: 'UTC' };
    const base = { layout: 'file' as const, timeZone: 'UTC', localTimeColumn: false, excelLocale: null, values: hourly };
    const csv = join(fx.dir, 'hourly.csv');
    await saveExport({ pool: fx.pool, version: 'test' }, fx.service.job(raw.jobId), csv, { ...base, format: 'csv' }, { overwrite: false });
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('timestamp,10001_mean,10001_count,10002_mean,10002_count');
    const stamps = lines.slice(1).map((l) => l.split(',')[0]);
    // 00:00:00.500 to 00:00:00.500 three days later: 73 hour buckets, none split in two.
    expect(stamps).toHaveLength(73);
    expect(new Set(stamps).size).toBe(73);

    const xlsx = join(fx.dir, 'hourly.xlsx');
    await saveExport(
      { pool: fx.pool, version: 'test' },
      fx.service.job(raw.jobId),
      xlsx,
      { ...base, format: 'xlsx' },
      { overwrite: false },
    );
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.getWorksheet('Data')!.rowCount).toBe(74);
    // Its "Export" sheet: the record, with the rows written.
    const record = new Map<string, unknown>();
    book.getWorksheet('Export')!.eachRow((row) => void record.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(record.get('rowCount')).toBe(73);
    expect(record.get('values.interval')).toBe('1h');

    // Browser mode: the workbook offered for download has the same sheets.
    const offered = await prepareDownload(
      { pool: fx.pool, version: 'test' },
      fx.service.job(raw.jobId),
      fx.dir,
      { ...base, format: 'xlsx' },
      'h.xlsx',
    );
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(offered);
    expect(again.getWorksheet('Data')!.rowCount).toBe(74);
    expect(again.getWorksheet('Export')!.rowCount).toBe(book.getWorksheet('Export')!.rowCount);
  });

  it('refuses, before writing, the raw rows of an aggregated export as an Excel file they would not fit, proposing an interval', async () => {
    const signals = await fx.selected([10001]);
    const every = { kind: 'every' as const, interval: '1h', fns: ['mean' as const], timeZone: 'UTC' };
    const jobId = fx.service.start({ ...fx.request(signals, 'parquet', '2025-04-01T00:00:00Z', '2025-04-14T00:00:00Z'), values: every });
    const status = await fx.service.wait(jobId);
    expect([status.stage, status.result!.rowCount]).toEqual(['ready', 312]);
    const dest = join(fx.dir, 'raw-of-hourly.xlsx');
    const o = { layout: 'file' as const, timeZone: 'UTC', localTimeColumn: false, excelLocale: null, format: 'xlsx' as const };
    const refused = saveExport(
      { pool: fx.pool, version: 'test' },
      fx.service.job(jobId),
      dest,
      { ...o, values: { kind: 'raw' } },
      { overwrite: false },
    );
    await expect(refused).rejects.toMatchObject({ kind: 'validation', details: { fields: [{ path: 'values' }], interval: '10s' } });
    await expect(refused).rejects.toThrow(/this export has 1,1\d\d,\d{3}/);
    await expect(readFile(dest)).rejects.toThrow(/ENOENT/);
  });

  it('joins identical work in flight instead of starting it twice', async () => {
    const req = fx.request(await fx.selected([10002]), 'csv');
    const a = fx.service.start(req);
    const b = fx.service.start(structuredClone(req));
    expect(b).toBe(a);
    await fx.service.wait(a);
    expect(fx.service.start(req)).not.toBe(a);
  });

  it('names the missing signals by their IDs, and says when there is no data', async () => {
    const [real] = await fx.selected([10001]);
    const ghost = { ...real!, id: 999_999, name: 'Ghost', rename: '999999' };
    const missing = await run([real!, ghost], 'parquet');
    expect(missing.error?.kind).toBe('signals-not-found');
    expect(missing.error?.details?.signals).toEqual([999_999]);

    const empty = await run([real!], 'parquet', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z');
    expect(empty.error?.kind).toBe('no-data');
  });

  it('a failed data request is server-failed and says which slice; 503s are retried through', async () => {
    const signals = await fx.selected([10003]);
    fx.emulator.faults.failWritesNext = 1;
    const failed = await run(signals, 'json');
    expect([failed.stage, failed.error?.kind, failed.error?.details?.during]).toEqual(['failed', 'server-failed', 'request']);
    expect(failed.error?.details?.requestId).toBeGreaterThan(0);
    expect(failed.error?.details?.slice).toEqual({ start: Date.parse('2025-03-01T00:00:00Z'), end: Date.parse('2025-03-01T01:00:00Z') });

    fx.emulator.faults.fail503Next = 2;
    fx.emulator.faults.retryAfterSeconds = 0;
    expect((await run(signals, 'json')).stage).toBe('ready');
  });

  it('tells the window of a retry even when it comes right after another event (throttled, then sent)', async () => {
    const signals = await fx.selected([10003]);
    fx.emulator.faults.fail503Next = 1;
    fx.emulator.faults.retryAfterSeconds = 1;
    const slow = createExportService({
      ...fx.options,
      sessions: testSessions(fx.pool, { client: { retry: { baseDelayMs: 5, maxDelayMs: 2_000 } } }),
    });
    const jobId = slow.start(fx.request(signals, 'json'));
    await slow.wait(jobId);
    const retrying = fx.events.filter((e) => e.jobId === jobId && e.stage === 'running' && e.progress.retrying.length > 0);
    expect(retrying[0]?.progress.retrying[0]?.reason).toMatch(/503/);
    await slow.close();
  });

  it('a download cut short is resumed; one cut every time fails as a download error', async () => {
    const signals = await fx.selected([10001, 10002]);
    fx.emulator.faults.cutDownloadAfterBytes = 20_000;
    const resumed = await run(signals, 'parquet', '2025-03-01T00:00:00Z', '2025-03-01T00:20:00Z');
    expect(resumed.error).toBeUndefined();
    expect(resumed.result!.rowCount).toBe(1200);

    fx.emulator.faults.cutDownloadAfterBytes = 1000;
    const cut = await run(signals, 'csv', '2025-03-02T00:00:00Z', '2025-03-02T06:00:00Z');
    expect([cut.stage, cut.error?.kind, cut.error?.details?.during]).toEqual(['failed', 'network', 'download']);
  });

  it('a refused key is unauthorized', async () => {
    const signals = await fx.selected([10001]);
    const wrongKey = serviceLike({ resolveTarget: async () => ({ apiUrl: fx.emulator.baseUrl, apiKey: 'wrong' }) });
    const status = await wrongKey.wait(wrongKey.start(fx.request(signals, 'parquet')));
    expect([status.stage, status.error?.kind]).toEqual(['failed', 'unauthorized']);
  });

  it('cuts a long window into chunks (a probe first), every row once, request IDs for each', async () => {
    const signals = await fx.selected([10001, 10002]);
    const window = ['2025-04-01T00:00:00.007Z', '2025-04-04T00:00:00.007Z'] as const;
    // The rows of one request for the whole window, as the server counts them.
    await fx.client.requestDataSync({ signals: [10001, 10002], timeWindow: { start: window[0], end: window[1] }, format: 'csv' });
    const whole = produced.pop()!.rows;
    const status = await run(signals, 'parquet', ...window);
    expect(status.stage).toBe('ready');
    expect(status.result!.rowCount).toBe(whole);
    const m = await readManifest(fx.service.job(status.jobId).dir);
    expect(m!.chunks.length).toBeGreaterThanOrEqual(2);
    expect(m!.chunks[0]!.end - m!.chunks[0]!.start).toBe(3_600_000);
    expect(status.result!.requestIds).toHaveLength(m!.chunks.length);
    expect(produced.reduce((n, p) => n + p.rows, 0)).toBe(whole);
  });

  it('cancel keeps finished chunks; resume asks Nortech only for the rest, even from a new session', async () => {
    const signals = await fx.selected([10001, 10002, 10006]);
    await fx.client.requestDataSync({
      signals: [10001, 10002, 10006],
      timeWindow: { start: '2025-05-01T00:00:00Z', end: '2025-05-06T00:00:00Z' },
      format: 'csv',
    });
    const whole = produced.pop()!.rows;
    fx.emulator.faults.slowBodyBytesPerSec = 400_000;
    const jobId = fx.service.start(fx.request(signals, 'csv', '2025-05-01T00:00:00Z', '2025-05-06T00:00:00Z'));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (fx.service.status(jobId).progress.chunksDone >= 1) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    expect((await fx.service.cancel(jobId)).stage).toBe('cancelled');
    await fx.service.wait(jobId);
    const dir = fx.service.job(jobId).dir;
    const before = (await readManifest(dir))!;
    const done = before.chunks.filter((c) => c.state === 'done');
    expect(done.length).toBeGreaterThanOrEqual(1);
    fx.emulator.resetFaults();
    produced = [];

    // Another session: a new service over the same cache, the job known only from its folder.
    const later = serviceLike();
    await later.resume(jobId, { request: before.request, startedAt: before.createdAt, dir });
    const status = await later.wait(jobId);
    expect(status.stage).toBe('ready');
    expect(status.result!.rowCount).toBe(whole);
    const after = (await readManifest(dir))!;
    for (const c of done) expect(after.chunks.find((d) => d.name === c.name)?.requestIds).toEqual(c.requestIds);
    // Every chunk with data records its file's SHA-256, whichever session read it.
    for (const c of after.chunks.filter((c) => c.rows)) {
      const bytes = await readFile(join(dir, c.download!.file));
      expect(c.download!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const doneRows = done.reduce((n, c) => n + (c.rows ?? 0), 0);
    // Only the chunks not done before the cancel were asked for again, each once. (A request the
    // cancel cut off may still finish producing after the reset: known by its older request ID.)
    const resumed = new Set(after.chunks.filter((c) => !done.some((d) => d.name === c.name)).flatMap((c) => c.requestIds));
    const asked = produced.filter((p) => p.requestId >= Math.min(...resumed));
    expect(asked.map((p) => p.requestId).sort()).toEqual([...resumed].sort());
    expect(asked.reduce((n, p) => n + p.rows, 0)).toBe(whole - doneRows);
    await later.close();
  });
});

describe('an export whose chunks Nortech made us halve', () => {
  it('previews every row of every half: table, statistics and chart', async () => {
    // Over 20,000 rows a request times out: the day-and-a-half of one 1 s signal is halved down.
    const small = await exportFixture({ maxRowsPerRequest: 20_000 });
    try {
      const signals = await small.selected([10001]);
      const jobId = small.service.start(small.request(signals, 'parquet', '2025-04-01T00:00:00Z', '2025-04-02T12:00:00Z'));
      const status = await small.service.wait(jobId);
      expect(status.stage).toBe('ready');
      const m = (await readManifest(small.service.job(jobId).dir))!;
      expect(m.chunks.some((c) => c.name.includes('-'))).toBe(true);
      // The rows of one request for the whole window, from the emulator without the limit.
      await fx.client.requestDataSync({
        signals: [10001],
        timeWindow: { start: '2025-04-01T00:00:00Z', end: '2025-04-02T12:00:00Z' },
        format: 'parquet',
      });
      const rows = produced.pop()!.rows;
      expect(status.result!.rowCount).toBe(rows);
      const preview = small.service.job(jobId).preview();
      const stats = await preview.stats();
      expect(stats.stats[0]!.count).toBe(rows);
      const first = await preview.rows({ offset: 0, limit: 1 });
      const last = await preview.rows({ offset: rows - 1, limit: 1 });
      expect(first.total).toBe(rows);
      expect([first.rows[0]![0], last.rows[0]![0]]).toEqual([status.result!.timeRange!.start, status.result!.timeRange!.end]);
      const series = await preview.series(undefined, 1000);
      expect(series.series[0]!.sourcePoints).toBe(rows);
    } finally {
      await small.close();
    }
  });
});
