import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAsCommandLine, type ExportRequest, type SaveChoice } from '../../src-preload/contract';
import { saveExport } from '../exports/save/save-export';
import { exportFixture } from '../exports/testing/fixture';

/*
 * Copy as command line, run for real: the window's export (the export service, then Save…, as the
 * window asks them) and the copied line pasted into a shell (bash, a child process running the CLI)
 * give the same file, byte for byte: renamed signals, derived columns and a condition, hourly means
 * in a zone.
 */

let fx: Awaited<ReturnType<typeof exportFixture>>;
beforeAll(async () => void (fx = await exportFixture({ apiKey: 'copy-key' })));
afterAll(() => fx.close());

const run = promisify(execFile);

describe('Copy as command line', () => {
  // The pasted line runs `npm run cli`, which compiles the CLI through tsx: 9 s of CPU alone,
  // 30 s once in a loaded npm test.
  it("gives the window's file when pasted into a shell", { timeout: 120_000 }, async () => {
    const signals = await fx.selected([10001, 10002], ["wind's speed", 'power']);
    const request: ExportRequest = {
      ...fx.request(signals, 'parquet', '2025-03-01T00:00:00Z', '2025-03-01T05:00:00Z'),
      values: { kind: 'every', interval: '1h', fns: ['mean', 'max'], timeZone: 'Europe/Lisbon' },
      derivations: {
        derived: [{ name: 'avg', expression: "rolling_mean(`wind's speed`, 10m) * 2" }],
        conditions: [{ name: 'windy', expression: "`wind's speed` > avg / 2 for >= 1m", statsOf: 'power' }],
      },
    };
    const status = await fx.service.wait(fx.service.start(request));
    expect(status.stage).toBe('ready');
    const windowFile = join(fx.dir, 'window.csv');
    const save = { format: 'csv', layout: 'file', timeZone: 'Europe/Lisbon', localTimeColumn: true, excelLocale: null } as const;
    await saveExport({ pool: fx.pool, version: 'test' }, fx.service.job(status.jobId), windowFile, save, { overwrite: false });

    const copied: SaveChoice = { ...save, output: join(fx.dir, 'copied.csv') };
    const line = copyAsCommandLine(request, copied, fx.emulator.baseUrl);
    const { stdout } = await run('bash', ['-c', line], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, NORTECH_API_KEY: fx.emulator.apiKey },
    });
    expect(stdout).toBe(`${copied.output}\n`);
    const made = await readFile(copied.output, 'utf8');
    expect(made.split('\n')[0]).toBe("timestamp,local_time,wind's speed_mean,wind's speed_max,power_mean,power_max,avg_mean,avg_max");
    expect(made).toBe(await readFile(windowFile, 'utf8'));
  });
});
