import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { atomicWrite } from '../exports/save/atomic-save';
import { nodeSaveFs, type SaveFs } from '../exports/save/save-fs';
import { startScriptedServer, type ScriptedServer } from '../nortech/testing/scripted-server';
import { canMountSmallDisk, onSmallDisk } from '../testing/small-disk';
import { AppError } from './app-error';

/*
 * A full disk is said as such (which one: the cache or where the file is saved), never retried,
 * and leaves nothing. On a real 256 kB tmpfs where the machine allows it, else by an injected error.
 */

let server: ScriptedServer;
let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  // 1 MB of csv-like text with its length: more than the small disk holds.
  server = await startScriptedServer((res: ServerResponse) => {
    res.writeHead(200, { 'content-length': String(1024 * 1024), 'accept-ranges': 'bytes' });
    res.end(Buffer.alloc(1024 * 1024, 0x31));
  });
  emulator = await startEmulator({ apiKey: 'disk-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-disk-'));
});
afterAll(async () => {
  await server.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const child = (job: object, disk: string) =>
  onSmallDisk({
    dir: disk,
    sizeBytes: 256 * 1024,
    command: [process.execPath, '--import', 'tsx', 'src-main/testing/fs-child.ts', JSON.stringify(job)],
  });

const small = canMountSmallDisk() ? describe : describe.skip;
small('on a real full disk (a 256 kB tmpfs in its own namespace)', () => {
  it('a download into a full cache says so, once: not retried, nothing left', async () => {
    const disk = await mkdtemp(join(dir, 'cache-'));
    const run = await child({ op: 'download', url: `${server.url}/f.csv`, dest: join(disk, 'job.csv') }, disk);
    const { error, left } = JSON.parse(run.stdout) as {
      error: { kind: string; message: string; details: Record<string, unknown> };
      left: string[];
    };
    expect(error).toMatchObject({ kind: 'file', details: { diskFull: 'cache', retryable: false } });
    expect(error.message).toMatch(/cache is full/);
    expect(error.message).not.toContain(disk);
    expect(server.requests).toHaveLength(1);
    expect(left).toEqual([]);
  });

  it('a save onto a full disk names the target, and leaves no temporary file', async () => {
    const disk = await mkdtemp(join(dir, 'target-'));
    const run = await child({ op: 'save', bytes: 1024 * 1024, dest: join(disk, 'wind.csv') }, disk);
    const { error, left } = JSON.parse(run.stdout) as {
      error: { kind: string; message: string; details: Record<string, unknown> };
      left: string[];
    };
    expect(error).toMatchObject({ kind: 'file', details: { diskFull: 'target', retryable: false } });
    expect(error.message).toMatch(/disk you are saving to is full .*: wind\.csv was not saved\./);
    expect(left).toEqual([]);
  });

  const cliOnSmallDisk = (disk: string, output: string, env: NodeJS.ProcessEnv) =>
    onSmallDisk({
      dir: disk,
      sizeBytes: 256 * 1024,
      command: [
        process.execPath,
        '--import',
        'tsx',
        'src-main/cli/index.ts',
        'export',
        '--signal-id',
        '10001',
        '--signal-id',
        '10002',
      ].concat(['--start', '2025-05-01T00:00:00Z', '--end', '2025-05-01T06:00:00Z', '--format', 'csv', '-o', output]),
      env: { ...process.env, NORTECH_API_URL: emulator.baseUrl, NORTECH_API_KEY: emulator.apiKey, ...env },
    });

  it('the command line exits 1 when its cache disk is full, saying which disk', async () => {
    const disk = await mkdtemp(join(dir, 'cli-cache-'));
    const out = join(dir, 'cli-out.csv');
    const run = await cliOnSmallDisk(disk, out, { TMPDIR: disk });
    expect([run.code, run.stderr]).toEqual([1, expect.stringMatching(/cache is full/)]);
    expect(run.stderr).not.toMatch(/check your network/i);
    await expect(readdir(dir)).resolves.not.toContain('cli-out.csv');
  });

  it('the command line exits 1 when the disk it saves to is full', async () => {
    const disk = await mkdtemp(join(dir, 'cli-target-'));
    const run = await cliOnSmallDisk(disk, join(disk, 'wind.csv'), {});
    expect([run.code, run.stderr]).toEqual([1, expect.stringMatching(/disk you are saving to is full/)]);
  });
});

describe('an injected full disk (quota)', () => {
  it('EDQUOT while saving is the target disk being full', async () => {
    const quota: SaveFs = {
      ...nodeSaveFs,
      async create(path) {
        const handle = await nodeSaveFs.create(path);
        return { ...handle, write: async () => Promise.reject(Object.assign(new Error('quota'), { code: 'EDQUOT' })) };
      },
    };
    const dest = join(dir, 'quota.csv');
    await writeFile(join(dir, 'marker'), '');
    const error = await atomicWrite(dest, [new Uint8Array(10)], { overwrite: false, fs: quota }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ diskFull: 'target' });
    expect((await readdir(dir)).filter((f) => f.includes('quota'))).toEqual([]);
  });
});
