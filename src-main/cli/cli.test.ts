import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliInProcess } from './testing/cli-in-process';
import { cliProcessArgs } from './testing/cli-process';
import { startEmulator, type Emulator } from '../emulator';
import { ExportRecord } from '../exports/save/export-record';

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'cli-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-cli-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.resetFaults());

const WINDOW = ['--start', '2025-05-01T00:00:00Z', '--end', '2025-05-01T00:10:00Z'];

const cli = (...argv: string[]) => cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, ['export', ...argv]);

const files = async () => (await readdir(dir)).sort();

describe('cli export against the emulator', () => {
  it('saves, prints only the path, writes the record; converts by the extension', async () => {
    const out = join(dir, 'ok.json');
    const r = await cli(
      '--signal-id',
      '10001',
      '--signal',
      'Riverside Water Treatment Works/Raw Water Intake/River Abstraction/Raw Water Pumps/Duty Set',
      ...WINDOW,
      '--format',
      'csv',
      '-o',
      out,
    );
    expect(r.stderr).not.toMatch(/went wrong/);
    expect([r.code, r.stdout]).toEqual([0, `${out}\n`]);
    const text = await readFile(out, 'utf8');
    expect(JSON.parse(text)).toHaveLength(600);
    // Object.keys would put the numeric names first: look at the text itself.
    expect(text).toMatch(/^\[\n\{"timestamp":"2025-05-01T00:00:00.000Z","10001":[\d.]+,"10242":"[^"]+"\}/);
    const record = ExportRecord.parse(JSON.parse(await readFile(`${out}.export.json`, 'utf8')));
    expect([record.format, record.request.format, record.rowCount, record.chunks.length]).toEqual(['json', 'csv', 600, 1]);
  });

  it('reads a signals file with renames', async () => {
    const list = join(dir, 'signals.json');
    await writeFile(
      list,
      JSON.stringify([
        {
          workspace: 'Haldane Ridge Wind Farm',
          asset: 'String A',
          division: 'WTG-A01',
          unit: 'Nacelle',
          signal: 'Wind Speed',
          rename: 'wind',
        },
      ]),
    );
    const out = join(dir, 'renamed.csv');
    const r = await cli('--signals-file', list, ...WINDOW, '--format', 'csv', '-o', out);
    expect(r.code).toBe(0);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toBe('timestamp,wind');
  });

  it('refuses to replace a file without --overwrite, and replaces it with', async () => {
    const out = join(dir, 'exists.parquet');
    await writeFile(out, 'precious');
    const refused = await cli('--signal-id', '10001', ...WINDOW, '-o', out);
    expect(refused.code).toBe(2);
    expect(await readFile(out, 'utf8')).toBe('precious');
    const replaced = await cli('--signal-id', '10001', ...WINDOW, '-o', out, '--overwrite');
    expect(replaced.code).toBe(0);
    expect((await readFile(out)).subarray(0, 4).toString()).toBe('PAR1');
  });

  it('exit codes: 2 usage, 3 unauthorized, 4 not found (named), 5 server failed, 6 download failed; never a partial file', async () => {
    const before = await files();
    const out = join(dir, 'never.csv');
    expect((await cli('--signal-id', '10001', '--start', 'soon', '-o', out)).code).toBe(2);
    expect((await cli('--signal-id', '10001', '--start', 'now', '--end', 'now-1h', '-o', out)).code).toBe(2);

    const unauthorized = await cli('--signal-id', '10001', ...WINDOW, '-o', out, '--api-key', 'wrong');
    expect(unauthorized.code).toBe(3);

    const missing = await cli('--signal-id', '10001', '--signal-id', '424242', ...WINDOW, '-o', out);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('424242');
    expect((await cli('--signal-id', '10001', '--start', '2019-01-01T00:00Z', '--end', '2019-01-02T00:00Z', '-o', out)).code).toBe(4);

    emulator.faults.failWritesNext = 1;
    expect((await cli('--signal-id', '10001', ...WINDOW, '-o', out)).code).toBe(5);

    emulator.faults.cutDownloadAfterBytes = 500;
    const cut = await cli('--signal-id', '10001', '--signal-id', '10002', ...WINDOW, '--format', 'csv', '-o', out);
    expect(cut.code).toBe(6);
    // Nothing was done, so nothing is kept for --resume either.
    expect(await files()).toEqual(before);
  });
});

describe('cli export: bounded downloads', () => {
  it('--download-timeout ends a download that takes longer: exit 6, nothing left behind', async () => {
    emulator.faults.slowBodyBytesPerSec = 2_000;
    const before = await files();
    const started = Date.now();
    const r = await cli('--signal-id', '10001', ...WINDOW, '--format', 'csv', '-o', join(dir, 'slow.csv'), '--download-timeout', '0.5');
    expect([r.code, r.stderr]).toEqual([6, expect.stringMatching(/did not finish within 0\.5 s/)]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await files()).toEqual(before);
  });
});

describe('npm run cli, as a process', () => {
  it('prints the saved path alone on stdout and exits 0', async () => {
    const out = join(dir, 'spawned.csv');
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src-main/cli/index.ts', 'export', '--signal-id', '10001', ...WINDOW, '-o', out],
        { env: { ...process.env, NORTECH_API_URL: emulator.baseUrl, NORTECH_API_KEY: emulator.apiKey } },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).toMatch(/100% · 1 of 1 chunk · 600 rows/);
    expect([run.code, run.stdout]).toEqual([0, `${out}\n`]);
  });

  it('Ctrl-C while downloading exits 130, as the shell expects of an interrupted command, and leaves nothing', async () => {
    emulator.faults.slowBodyBytesPerSec = 20_000;
    const out = join(dir, 'interrupted.csv');
    const temp = await mkdtemp(join(tmpdir(), 'se-cli-sigint-'));
    const before = await files();
    const child = spawn(process.execPath, cliProcessArgs(['export', '--signal-id', '10001', ...WINDOW, '--format', 'csv', '-o', out]), {
      env: { ...process.env, NORTECH_API_URL: emulator.baseUrl, NORTECH_API_KEY: emulator.apiKey, TMPDIR: temp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    // One Ctrl-C (a second one ends at once; tsx's own handlers used to swallow the extra ones this sent).
    let interrupted = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!interrupted && /% · 0 of 1 chunk/.test(stderr)) interrupted = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([code, stderr]).toEqual([130, expect.stringMatching(/Cancelled/)]);
    expect(await files()).toEqual(before);
    // (tsx, in watch mode, keeps its own cache there too)
    expect((await readdir(temp)).filter((f) => f.startsWith('signal-explorer-'))).toEqual([]);
    await rm(temp, { recursive: true, force: true });
  });
});
