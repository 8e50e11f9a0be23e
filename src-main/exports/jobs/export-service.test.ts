import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobStage, JobStatus } from '../../../src-preload/contract';
import { exportFixture } from '../testing/fixture';
import { saveJobTo } from '../save/save-job';
import { createExportService } from './export-service';

let fx: Awaited<ReturnType<typeof exportFixture>>;
beforeAll(async () => void (fx = await exportFixture()));
afterAll(() => fx.close());
beforeEach(() => {
  fx.emulator.resetFaults();
  fx.events.length = 0;
});

const stagesOf = (jobId: string) =>
  fx.events
    .filter((e) => e.jobId === jobId)
    .map((e) => e.stage)
    .filter((s, i, a) => s !== a[i - 1]);
const cacheFiles = async () => readdir(join(fx.dir, 'cache')).catch(() => [] as string[]);

async function run(...args: Parameters<typeof fx.request>): Promise<JobStatus> {
  const jobId = fx.service.start(fx.request(...args));
  return (await fx.service.wait(jobId)).status;
}

describe('export jobs against the emulator', () => {
  for (const format of ['parquet', 'csv', 'json'] as const) {
    it(`runs ${format} through every stage, columns tied to their signals`, async () => {
      const signals = await fx.selected([10001, 10010, 10242], [undefined, 'Pitch OK', 'duty']);
      const status = await run(signals, format, '2025-03-01T00:00:00Z', '2025-03-01T01:00:00Z');
      expect(status.error).toBeUndefined();
      expect(status.stage).toBe('ready');
      expect(stagesOf(status.jobId)).toEqual(['requesting', 'downloading', 'decoding', 'ready']);
      const result = status.result!;
      expect(result.rowCount).toBe(3600);
      expect(result.timeRange).toEqual({ start: Date.parse('2025-03-01T00:00:00Z'), end: Date.parse('2025-03-01T00:59:59Z') });
      expect(result.columns.map((c) => [c.name, c.signal.id, c.signal.dataType])).toEqual([
        ['10001', 10001, 'float'],
        ['Pitch OK', 10010, 'boolean'],
        ['duty', 10242, 'string'],
      ]);
      const downloading = fx.events.filter((e) => e.jobId === status.jobId && e.stage === 'downloading').at(-1)!;
      expect(downloading.bytesDone).toBe(result.fileBytes);
      const { table } = await fx.service.table(status.jobId);
      expect(table.columns.map((c) => c.data.kind)).toEqual(['float', 'boolean', 'string']);
    });
  }

  it('converts parquet to csv and json byte for byte as the API writes them', async () => {
    const signals = await fx.selected([10001, 10010, 10253], [undefined, 'ok', 'state']);
    const fromParquet = await run(signals, 'parquet', '2025-03-03T00:00:00Z', '2025-03-03T00:30:00Z');
    for (const format of ['csv', 'json'] as const) {
      const native = await run(signals, format, '2025-03-03T00:00:00Z', '2025-03-03T00:30:00Z');
      const out = join(fx.dir, `converted.${format}`);
      await saveJobTo(
        fx.service,
        fromParquet.jobId,
        out,
        { format, timeZone: 'UTC', localTimeColumn: false, excelLocale: null },
        { overwrite: false },
      );
      expect(await readFile(out, 'utf8')).toBe(await readFile(fx.service.job(native.jobId).cacheFile!, 'utf8'));
    }
  });

  it('joins identical work in flight instead of starting it twice', async () => {
    const req = fx.request(await fx.selected([10002]), 'csv');
    const a = fx.service.start(req);
    const b = fx.service.start(structuredClone(req));
    expect(b).toBe(a);
    await fx.service.wait(a);
    expect(fx.service.start(req)).not.toBe(a);
  });

  it('names the missing signals, and says when there is no data', async () => {
    const [real] = await fx.selected([10001]);
    const ghost = { ...real!, id: 999_999, name: 'Ghost', rename: 'ghost' };
    const missing = await run([real!, ghost], 'parquet');
    expect(missing.error?.kind).toBe('signals-not-found');
    expect(JSON.stringify(missing.error?.details?.signals)).toContain('Ghost');

    const empty = await run([real!], 'parquet', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z');
    expect(empty.error?.kind).toBe('no-data');
  });

  it('a failed data request is server-failed; 503s are retried through', async () => {
    const signals = await fx.selected([10003]);
    fx.emulator.faults.failWritesNext = 1;
    const failed = await run(signals, 'json');
    expect([failed.stage, failed.error?.kind]).toEqual(['failed', 'server-failed']);
    expect(failed.error?.details?.requestId).toBeGreaterThan(0);

    fx.emulator.faults.fail503Next = 2;
    fx.emulator.faults.retryAfterSeconds = 0;
    expect((await run(signals, 'json')).stage).toBe('ready');
  });

  it('a download cut short is resumed; one cut every time fails as a download error and keeps nothing', async () => {
    const signals = await fx.selected([10001, 10002]);
    fx.emulator.faults.cutDownloadAfterBytes = 20_000;
    const resumed = await run(signals, 'parquet', '2025-03-01T00:00:00Z', '2025-03-01T00:20:00Z');
    expect(resumed.error).toBeUndefined();
    expect(resumed.result!.rowCount).toBe(1200);

    fx.emulator.faults.cutDownloadAfterBytes = 1000;
    const before = await cacheFiles();
    const cut = await run(signals, 'csv', '2025-03-02T00:00:00Z', '2025-03-02T06:00:00Z');
    expect([cut.stage, cut.error?.kind]).toEqual(['failed', 'network']);
    expect(fx.service.job(cut.jobId).activeStage).toBe('downloading');
    expect(await cacheFiles()).toEqual(before);
  });

  it('a refused key is unauthorized', async () => {
    const signals = await fx.selected([10001]);
    const wrongKey = createExportService({
      ...fx.service.options,
      resolveTarget: async () => ({ apiUrl: fx.emulator.baseUrl, apiKey: 'wrong' }),
    });
    const jobId = wrongKey.start(fx.request(signals, 'parquet'));
    const status = (await wrongKey.wait(jobId)).status;
    expect([status.stage, status.error?.kind]).toEqual(['failed', 'unauthorized']);
  });

  it('keeps only the newest table in memory past the budget, and reads an older one again from the cache', async () => {
    const lean = createExportService({ ...fx.service.options, tableMemoryBudget: 0 });
    const signals = await fx.selected([10001, 10002]);
    const first = lean.start(fx.request(signals, 'parquet', '2025-05-01T00:00:00Z', '2025-05-01T01:00:00Z'));
    await lean.wait(first);
    const before = await lean.table(first);
    const second = lean.start(fx.request(signals, 'csv', '2025-05-02T00:00:00Z', '2025-05-02T01:00:00Z'));
    await lean.wait(second);
    expect(lean.job(first).table).toBeNull();
    expect(lean.job(second).table).not.toBeNull();
    const again = await lean.table(first);
    expect(again.table).not.toBe(before.table);
    expect(again.table.timestamps).toEqual(before.table.timestamps);
    expect(lean.job(first).table).not.toBeNull();
    await lean.close();
  });

  describe('cancel', () => {
    const cancelAt = async (stage: JobStage, setup: () => void) => {
      const signals = await fx.selected([10001, 10002, 10006]);
      setup();
      const jobId = fx.service.start(fx.request(signals, 'json', '2025-04-01T00:00:00Z', '2025-04-01T03:00:00Z'));
      const reached = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          const s = fx.service.status(jobId);
          if (s.stage === stage && (stage !== 'downloading' || (s.bytesDone ?? 0) > 0)) {
            clearInterval(poll);
            resolve();
          }
        }, 2);
      });
      await reached;
      const status = fx.service.cancel(jobId);
      expect(status.stage).toBe('cancelled');
      await fx.service.wait(jobId);
      expect(fx.service.status(jobId).stage).toBe('cancelled');
      expect((await cacheFiles()).filter((f) => f.startsWith(jobId))).toEqual([]);
      // A no-op once ended.
      expect(fx.service.cancel(jobId).stage).toBe('cancelled');
    };

    it('while requesting', () => cancelAt('requesting', () => (fx.emulator.faults.latencyMs = 2000)));
    it('while downloading', () => cancelAt('downloading', () => (fx.emulator.faults.slowBodyBytesPerSec = 200_000)));
    it('while decoding', () => cancelAt('decoding', () => undefined));
  });
});
