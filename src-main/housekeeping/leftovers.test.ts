import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../app/memory-secret-store';
import { startServices } from '../app/start-services';
import { startEmulator, type Emulator } from '../emulator';
import { startScriptedServer, type ScriptedServer } from '../nortech/testing/scripted-server';
import { sweepStale } from './sweep-stale';
import { cliProcessArgs } from '../cli/testing/cli-process';
import { SAVE_TEMP, sweepAppLeftovers, sweepCliLeftovers } from './leftovers';

/*
 * What kill -9 leaves behind is swept at the next start: beside the output, in the app's cache,
 * the old CLI's temp folders. Only ours (by name) and only stale (by age): everything else stays.
 */

let dir: string;
let emulator: Emulator;
let slowHost: ScriptedServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-leftovers-'));
  emulator = await startEmulator({ apiKey: 'sweep-key' });
  // A file host that sends a little, then nothing: a download in progress, to be killed.
  slowHost = await startScriptedServer((res: ServerResponse) => {
    res.writeHead(200, { 'content-length': String(10_000_000) });
    res.write(Buffer.alloc(100_000, 0x31));
  });
});
afterAll(async () => {
  await slowHost.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const DAY = 24 * 60 * 60_000;
const files = async (d: string) => (await readdir(d)).sort();

/** Sets a file's (and a folder's contents') times two days back. */
async function age(path: string, ms = 2 * DAY): Promise<void> {
  const when = new Date(Date.now() - ms);
  for (const entry of await readdir(path).catch(() => [])) await age(join(path, entry), ms);
  await utimes(path, when, when);
}

const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

/** Waits until a file whose name matches shows up in `folder` (at any depth below it), then kill -9. */
async function killWhenPresent(child: ChildProcess, folder: string, name: RegExp): Promise<void> {
  const found = async (): Promise<boolean> =>
    (await readdir(folder, { recursive: true }).catch(() => [] as string[])).some((f) => name.test(f.split('/').pop()!));
  // Until it is there, however long the child takes to start (a count of tries failed on a loaded machine).
  while (!(await found())) {
    if (child.exitCode !== null) throw new Error(`the child ended (${child.exitCode}) before ${name} showed up in ${folder}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
}

const cliExport = (output: string, env: NodeJS.ProcessEnv) =>
  spawn(
    process.execPath,
    cliProcessArgs(['export', '--signal-id', '10001', '--start', '2025-05-01T00:00:00Z', '--end', '2025-05-01T00:10:00Z', '-o', output]),
    {
      env: { ...process.env, NORTECH_API_URL: emulator.baseUrl, NORTECH_API_KEY: emulator.apiKey, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
const exitOf = (child: ChildProcess) => new Promise<number | null>((r) => child.on('close', r));

describe('sweepStale', () => {
  it('removes only stale files of ours: not fresh ones, not look-alikes, not links, not others', async () => {
    const d = await mkdtemp(join(dir, 'unit-'));
    const names = ['.wind.csv.0123456789ab.tmp', '.fresh.csv.0123456789ab.tmp', '.short.csv.0123.tmp', 'notes.tmp', '.bashrc', 'wind.csv'];
    for (const n of names) await writeFile(join(d, n), 'x');
    await symlink(join(d, 'wind.csv'), join(d, '.link.csv.0123456789ab.tmp'));
    for (const n of names.filter((n) => n !== '.fresh.csv.0123456789ab.tmp')) await age(join(d, n));
    const removed = await sweepStale([{ dir: d, pattern: SAVE_TEMP }]);
    expect(removed).toEqual([join(d, '.wind.csv.0123456789ab.tmp')]);
    expect(await files(d)).toEqual([
      '.bashrc',
      '.fresh.csv.0123456789ab.tmp',
      '.link.csv.0123456789ab.tmp',
      '.short.csv.0123.tmp',
      'notes.tmp',
      'wind.csv',
    ]);
  });

  it('a folder of ours with anything fresh inside is still in use', async () => {
    const d = await mkdtemp(join(dir, 'unit-'));
    await mkdir(join(d, 'signal-explorer-cli-AbC123'));
    await writeFile(join(d, 'signal-explorer-cli-AbC123', 'job.csv.part'), 'x');
    await age(join(d, 'signal-explorer-cli-AbC123'));
    await writeFile(join(d, 'signal-explorer-cli-AbC123', 'new.part'), 'x');
    expect(await sweepStale([{ dir: d, pattern: /^signal-explorer-cli-\w{6}$/, folders: true }])).toEqual([]);
  });
});

describe('after kill -9, the next start sweeps', () => {
  it('the command line: a save temp beside the output and the old CLI temp folder, never an export to resume', async () => {
    const out = await mkdtemp(join(dir, 'out-'));
    const temp = await mkdtemp(join(dir, 'tmp-'));
    // A save killed half way leaves its temporary file beside the output.
    await killWhenPresent(
      node(['src-main/testing/fs-child.ts', JSON.stringify({ op: 'save', bytes: 1, dest: join(out, 'wind.csv'), hang: true })]),
      out,
      SAVE_TEMP,
    );
    // The command line before chunked exports kept its downloads in a temp folder of its own.
    await mkdir(join(temp, 'signal-explorer-cli-AbC123'));
    await writeFile(join(temp, 'signal-explorer-cli-AbC123', 'job.parquet.part'), 'x');
    // A chunked export killed while downloading leaves its chunks beside the output, for --resume.
    emulator.faults.slowBodyBytesPerSec = 2_000;
    await killWhenPresent(cliExport(join(out, 'first.parquet'), { TMPDIR: temp }), out, /^\.first\.parquet\.parts$/);
    emulator.resetFaults();
    // (and, when it got that far, the temp file its output was being written to as chunks arrived)
    const left = await files(out);
    expect(left).toContain('.first.parquet.parts');
    expect(left.filter((f) => f.startsWith('.wind.csv.'))).toEqual([expect.stringMatching(SAVE_TEMP)]);
    await age(out);
    await age(temp);

    expect(await exitOf(cliExport(join(out, 'second.parquet'), { TMPDIR: temp }))).toBe(0);
    expect(await files(out)).toEqual(['.first.parquet.parts', 'second.parquet', 'second.parquet.export.json']);
    expect((await files(temp)).filter((f) => f.startsWith('signal-explorer-'))).toEqual([]);
  });

  it('the app: a download part in its cache, a JSON temp in its data folder, a save temp where it saved', async () => {
    const data = await mkdtemp(join(dir, 'data-'));
    const cache = join(data, 'cache');
    const saved = await mkdtemp(join(dir, 'saved-'));
    await mkdir(join(cache, 'exports'), { recursive: true });
    await killWhenPresent(
      node([
        'src-main/testing/fs-child.ts',
        JSON.stringify({ op: 'download', url: `${slowHost.url}/f`, dest: join(cache, 'exports', 'job.csv') }),
      ]),
      join(cache, 'exports'),
      /\.part$/,
    );
    await killWhenPresent(
      node(['src-main/testing/fs-child.ts', JSON.stringify({ op: 'save', bytes: 1, dest: join(saved, 'a.csv'), hang: true })]),
      saved,
      SAVE_TEMP,
    );
    await writeFile(join(data, 'history.json'), JSON.stringify([{ id: 'x', savedPaths: [join(saved, 'a.csv')] }]));
    await writeFile(join(data, 'history.json.00112233aabb.tmp'), '[');
    await writeFile(join(saved, 'keep.csv'), 'mine');
    await age(data);
    await age(saved);

    const services = await startServices({
      mode: 'browser',
      version: 'test',
      platform: 'linux',
      dataDir: data,
      cacheDir: cache,
      secrets: memorySecretStore(),
      saveTarget: { kind: 'download', offer: () => '' },
      demo: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey },
    });
    try {
      const clean = async () =>
        (await files(join(cache, 'exports'))).length === 0 &&
        !(await files(data)).some((f) => f.endsWith('.tmp')) &&
        (await files(saved)).length === 1;
      for (let i = 0; i < 100 && !(await clean()); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await files(join(cache, 'exports'))).toEqual([]);
      expect(await files(data)).toEqual(['cache', 'history.json']);
      expect(await files(saved)).toEqual(['keep.csv']);
    } finally {
      await services.close();
    }
  });
});

describe('the temporary files of chunked exports', () => {
  /** Writes each file (path relative to `root`), two days old. */
  async function leave(root: string, paths: string[]): Promise<void> {
    for (const p of paths) {
      await mkdir(join(root, p, '..'), { recursive: true });
      await writeFile(join(root, p), 'x');
    }
    await age(root);
  }
  const tree = async (root: string) => ((await readdir(root, { recursive: true })) as string[]).sort();

  it('the command line: a manifest temp in its parts folders and a day temp in a dataset folder go; the parts themselves stay', async () => {
    const out = await mkdtemp(join(dir, 'cli-'));
    await leave(out, [
      '.wind.parquet.parts/manifest.json',
      '.wind.parquet.parts/manifest.json.00112233aabb.tmp',
      '.wind.parquet.parts/chunks/c0001.parquet',
      '.wind.parquet.shard-1-of-2.parts/manifest.json.00112233aabb.tmp',
      '.other.parquet.parts/manifest.json.00112233aabb.tmp',
      'wind.parquet/date=2025-01-01/part-c0001.parquet',
      'wind.parquet/date=2025-01-01/.part-c0002.0a1b2c3d.tmp',
      'wind.parquet/date=2025-01-01/notes.tmp',
    ]);
    const removed = await sweepCliLeftovers({ output: join(out, 'wind.parquet'), tempDir: out });
    expect(removed.map((p) => p.slice(out.length + 1)).sort()).toEqual([
      '.wind.parquet.parts/manifest.json.00112233aabb.tmp',
      '.wind.parquet.shard-1-of-2.parts/manifest.json.00112233aabb.tmp',
      'wind.parquet/date=2025-01-01/.part-c0002.0a1b2c3d.tmp',
    ]);
    expect(await tree(out)).toContain('.other.parquet.parts/manifest.json.00112233aabb.tmp');
    expect(await tree(out)).toContain('.wind.parquet.parts/chunks/c0001.parquet');
  });

  it('the app: a manifest temp in a job folder and a day temp in a saved dataset folder go', async () => {
    const data = await mkdtemp(join(dir, 'app-'));
    const cache = join(data, 'cache');
    const saved = join(data, 'saved', 'wind');
    await leave(data, [
      'cache/exports/job-1/manifest.json',
      'cache/exports/job-1/manifest.json.00112233aabb.tmp',
      'saved/wind/date=2025-01-01/part-c0001.parquet',
      'saved/wind/date=2025-01-01/.part-c0002.0a1b2c3d.tmp',
    ]);
    await writeFile(join(data, 'history.json'), JSON.stringify([{ id: 'x', savedPaths: [saved] }]));
    const removed = await sweepAppLeftovers({ dataDir: data, cacheDir: cache });
    expect(removed.map((p) => p.slice(data.length + 1)).sort()).toEqual([
      'cache/exports/job-1/manifest.json.00112233aabb.tmp',
      'saved/wind/date=2025-01-01/.part-c0002.0a1b2c3d.tmp',
    ]);
  });
});
