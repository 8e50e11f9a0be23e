import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { cliInProcess } from './testing/cli-in-process';

/*
 * `--log-file` and `--verbose`, in process against the emulator with faults: what a bug report
 * needs is in the file (the command, each API error with its status and Nortech's words, each
 * retry, the outcome), readable on stderr with --verbose, and the key never, wherever it was given.
 */

const CANARY = 'sk-cli-CANARY-5e8d0b7f41a2';
const WINDOW = ['--start', '2025-05-01T00:00:00Z', '--end', '2025-05-01T00:10:00Z'];

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: CANARY });
  dir = await mkdtemp(join(tmpdir(), 'se-cli-log-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.resetFaults());

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown> & { msg: string; level: string });

describe('the command line logs when asked', () => {
  it('--log-file: JSON lines of the command, API errors with status and message, retries, the outcome; no key', async () => {
    const log = join(dir, 'run.log');
    // A 503 (retried after its Retry-After) and a download link that has expired (the chunk asked again).
    Object.assign(emulator.faults, { fail503Next: 1, retryAfterSeconds: 0, expireUrlsNext: 1 });
    const r = await cliInProcess({ apiUrl: emulator.baseUrl, apiKey: CANARY }, [
      'export',
      '--signal-id',
      '10001',
      ...WINDOW,
      '-o',
      join(dir, 'a.csv'),
      '--log-file',
      log,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(log, 'utf8');
    const entries = await lines(log);
    expect(entries[0]).toMatchObject({ level: 'info', msg: 'Command started', version: 'test', apiUrl: emulator.baseUrl });
    expect(entries[0]!.argv).toContain('--log-file');
    expect(entries[0]!.os).toEqual(expect.any(String));
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'Nortech API error', status: 503, apiMessage: expect.stringMatching(/\S/) }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'Nortech API call tried again', attempt: 2 }));
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'Chunk tried again',
        attempt: 2,
        reason: expect.stringMatching(/download link was refused/),
      }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^Saved 600 rows of 1 signal/) }));
    // Each API call at debug: the file keeps them, with the path and never the query.
    expect(entries.filter((e) => e.msg === 'Nortech API call').length).toBeGreaterThan(0);
    expect(entries.at(-1)).toMatchObject({ msg: 'Command ended', exitCode: 0, durationMs: expect.any(Number) });
    expect(text).not.toContain(CANARY);
    expect(text).not.toMatch(/X-Amz-Signature=(?!\[redacted\])/);
    // --log-file alone: stderr has the progress, not the log.
    expect(r.stderr).not.toContain('Nortech API call');
  });

  it('a key typed as --api-key and a failing command: the failure is logged with its kind, the key nowhere; --verbose shows the lines on stderr', async () => {
    const log = join(dir, 'failed.log');
    const wrong = `${CANARY}-wrong`;
    const r = await cliInProcess({ apiUrl: emulator.baseUrl }, [
      'export',
      '--api-key',
      wrong,
      '--signal-id',
      '10001',
      ...WINDOW,
      '-o',
      join(dir, 'b.csv'),
      '--log-file',
      log,
      '--verbose',
    ]);
    expect(r.code).toBe(3);
    const entries = await lines(log);
    expect(entries).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'Nortech API error', status: 401 }));
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'Command failed',
        exitCode: 3,
        err: expect.objectContaining({ kind: 'unauthorized' }),
      }),
    );
    expect(entries[0]!.argv).toContain('[redacted]');
    // The same lines, readable: time, level, message, fields.
    expect(r.stderr).toMatch(/^\d\d:\d\d:\d\d\.\d{3} warn {2}Nortech API error {2}.*status=401/m);
    expect(r.stderr).toMatch(/^\d\d:\d\d:\d\d\.\d{3} error Command failed/m);
    for (const text of [await readFile(log, 'utf8'), r.stderr, r.stdout]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(CANARY);
    }
  });

  it('appends to the file a later run names again; without either flag nothing is logged', async () => {
    const log = join(dir, 'again.log');
    await writeFile(log, `${JSON.stringify({ level: 'info', msg: 'an earlier run' })}\n`);
    const target = { apiUrl: emulator.baseUrl, apiKey: CANARY };
    expect((await cliInProcess(target, ['list', '--log-file', log])).code).toBe(0);
    const entries = await lines(log);
    expect(entries.map((e) => e.msg).slice(0, 2)).toEqual(['an earlier run', 'Command started']);
    expect(entries.at(-1)).toMatchObject({ msg: 'Command ended', exitCode: 0 });
    // `time` has options of its own, and takes these too (its --end is a switch, not a time).
    const time = await cliInProcess(target, ['time', 'now-1d/d', '--end', '--now', '2025-05-02T06:00Z', '--log-file', log]);
    expect(time.code, time.stderr).toBe(0);
    expect((await lines(log)).at(-1)).toMatchObject({ msg: 'Command ended', exitCode: 0 });
    expect((await lines(log)).length).toBeGreaterThan(entries.length);
    const quiet = await cliInProcess(target, ['list']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('a log file that cannot be written is a usage error, before anything is asked', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const asked = emulator.dataRequests.length;
    const r = await cliInProcess({ apiUrl: emulator.baseUrl, apiKey: CANARY }, ['list', '--log-file', join(dir, 'a-file', 'run.log')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--log-file: cannot write there/);
    expect(emulator.dataRequests.length).toBe(asked);
  });
});
