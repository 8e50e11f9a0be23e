import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { ExportRecord } from '../exports/save/export-record';
import { cliInProcess } from '../cli/testing/cli-in-process';
import { cliProcessArgs } from '../cli/testing/cli-process';
import { startS3Server, TEST_SECRET, type S3Server } from './testing/s3-server';

/*
 * A dataset exported to s3:// against a real S3-compatible server (s3rver on 127.0.0.1): read back
 * equal to the same plan exported to a local folder; a rerun of a finished shard asks Nortech
 * nothing; each scheduler's variables choose the shard (one task a child process with the
 * engine's environment, the others in this process given theirs: each child costs a second of CPU
 * to start); a shard killed with kill -9 mid-export and run again leaves the dataset complete with
 * nothing duplicated; the secret reaches no log, message or record.
 */

let emulator: Emulator;
let s3: S3Server;
let dir: string;
let plan: string;
/** The one-process local export of the plan: each part's key and SHA-256. */
let local: Map<string, string>;
const SIGNALS = ['--signal-id', '10001', '--signal-id', '10002'];
const WINDOW = ['--start', '2025-06-01T00:00:00Z', '--end', '2025-06-03T12:00:00Z'];

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const run = (...argv: string[]) => cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, argv);
/** In this process, with the scheduler's variables `vars` in the environment it reads them from. */
const runWith = (vars: Record<string, string>, ...argv: string[]) =>
  cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, argv, undefined, { ...process.env, ...vars });
const s3Args = (prefix: string) => ['--layout', 'dataset', '-o', `s3://${s3.bucket}/${prefix}/`, '--s3-endpoint', s3.endpoint];
const partsOf = (objects: Map<string, string>) => new Map([...objects].filter(([k]) => k.endsWith('.parquet')));

const REPO = process.cwd();

function cli(args: string[], env: Record<string, string>) {
  // Run in the test's folder (the work folders go there).
  const child = spawn(process.execPath, cliProcessArgs(args), {
    env: { ...process.env, ...s3.env, NORTECH_API_URL: emulator.baseUrl, NORTECH_API_KEY: emulator.apiKey, ...env },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

beforeAll(async () => {
  [emulator, s3] = await Promise.all([startEmulator({ apiKey: 'fleet-key' }), startS3Server()]);
  Object.assign(process.env, s3.env);
  dir = await mkdtemp(join(tmpdir(), 'se-s3-'));
  // The command lines run in this process keep their work folders here too, as the children do.
  process.chdir(dir);
  plan = join(dir, 'night.plan.json');
  // About six chunks over two and a half UTC days, shared among three shards.
  expect((await run('plan', ...SIGNALS, ...WINDOW, '--target-rows', '40000', '-o', plan)).code).toBe(0);
  const folder = join(dir, 'local');
  expect((await run('export', '--plan', plan, '--layout', 'dataset', '-o', folder)).code).toBe(0);
  local = new Map();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }))
      if (e.isDirectory()) await walk(join(d, e.name));
      else if (e.name.endsWith('.parquet')) local.set(relative(folder, join(d, e.name)), sha(await readFile(join(d, e.name))));
  };
  await walk(folder);
  expect(local.size).toBeGreaterThanOrEqual(6);
});
afterAll(async () => {
  process.chdir(REPO);
  await Promise.all([emulator?.close(), s3?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('a dataset in S3', () => {
  it('is the local export of the same plan, object for object, its record last and listing them; a rerun asks nothing', async () => {
    const log = join(dir, 'one.log');
    const saved = await run('export', '--plan', plan, ...s3Args('one'), '--log-file', log, '--verbose');
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toBe(`s3://${s3.bucket}/one/\n`);
    const objects = await s3.objects('one/');
    expect(partsOf(objects)).toEqual(local);
    const record = ExportRecord.parse(JSON.parse((await s3.read('one/export.json')).toString()));
    expect(new Map(record.parts!.map((p) => [p.file, p.sha256]))).toEqual(local);
    // The secret is in no line, message or object.
    const everything = [
      saved.stderr,
      await readFile(log, 'utf8'),
      ...(await Promise.all([...objects.keys()].map(async (k) => (await s3.read(`one/${k}`)).toString('latin1')))),
    ];
    for (const text of everything) expect(text).not.toContain(TEST_SECRET);

    const before = emulator.dataRequests.length;
    const again = await run('export', '--plan', plan, ...s3Args('one'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/Already saved/);
    expect(emulator.dataRequests.length).toBe(before);
  });

  it('says what is wrong with the store, without the secret: a bucket that does not exist, a store that does not answer', async () => {
    const missing = await run(
      'export',
      '--plan',
      plan,
      '--layout',
      'dataset',
      '-o',
      's3://no-such-bucket/x/',
      '--s3-endpoint',
      s3.endpoint,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/s3:\/\/no-such-bucket\/x\/.*\n.*bucket name/);
    const down = await run('export', '--plan', plan, '--layout', 'dataset', '-o', 's3://fleet/x/', '--s3-endpoint', 'http://127.0.0.1:9');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Could not reach the bucket/);
    for (const r of [missing, down]) expect(r.stderr).not.toContain(TEST_SECRET);
  });
});

describe('--shard auto', () => {
  it("each scheduler's variables pick its shard: Kubernetes, AWS Batch and Slurm tasks of one array", async () => {
    // Against a store that does not answer: each task says its shard, then stops at the store before
    // its export workers start (the dataset a fleet of such tasks fills is the kill test's and the bench's).
    const args = [
      'export',
      '--plan',
      plan,
      '--shard',
      'auto',
      '--layout',
      'dataset',
      '-o',
      's3://fleet/engines/',
      '--s3-endpoint',
      'http://127.0.0.1:9',
    ];
    const kubernetes = cli([...args, '--shards', '3'], { JOB_COMPLETION_INDEX: '0' });
    const inProcess = await Promise.all([
      runWith({ AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '3' }, ...args),
      runWith({ SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MAX: '6' }, ...args),
    ]);
    expect([await kubernetes.exited, ...inProcess.map((r) => r.code)]).toEqual([1, 1, 1]);
    const stderrs = [kubernetes.stderr(), ...inProcess.map((r) => r.stderr)];
    expect(stderrs.map((e) => /Shard (\d) of (\d) \((\S+)/.exec(e)?.slice(1).join(' '))).toEqual([
      "0 3 Kubernetes'",
      '1 3 AWS',
      "2 3 Slurm's",
    ]);
    for (const e of stderrs) expect(e).toMatch(/Could not reach the bucket of s3:\/\/fleet\/engines\//);
  });

  it('refuses with exit 2 before asking Nortech anything when the variables are missing or contradict', async () => {
    const before = emulator.dataRequests.length;
    const args = ['export', '--plan', plan, '--shard', 'auto', ...s3Args('refused')];
    // The process's own exit code once; the other refusals in this process.
    const none = cli(args, {});
    const [both, sizes] = await Promise.all([
      runWith({ JOB_COMPLETION_INDEX: '0', SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '0' }, ...args, '--shards', '2'),
      runWith({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' }, ...args, '--shards', '2'),
    ]);
    expect([await none.exited, both.code, sizes.code]).toEqual([2, 2, 2]);
    expect(none.stderr()).toMatch(/none of JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, SLURM_ARRAY_TASK_ID is set/);
    expect(both.stderr).toMatch(/are both set/);
    expect(sizes.stderr).toMatch(/--shards 2 contradicts AWS Batch's AWS_BATCH_JOB_ARRAY_SIZE=3/);
    expect(emulator.dataRequests.length).toBe(before);
    expect((await s3.objects('refused/')).size).toBe(0);
  });
});

describe('a shard killed mid-export', () => {
  it('run again, completes the dataset with nothing duplicated', async () => {
    const args = ['export', '--plan', plan, '--shard', 'auto', '--shards', '2', '--concurrency', '1', ...s3Args('killed')];
    emulator.faults.slowBodyBytesPerSec = 400_000;
    const first = cli(args, { JOB_COMPLETION_INDEX: '0' });
    // Killed once some of its parts are in the store and its record is not.
    for (;;) {
      const objects = await s3.objects('killed/');
      if (objects.size > 0 && !objects.has('export.shard-0-of-2.json')) break;
      if (first.child.exitCode !== null) throw new Error(`the shard ended before it could be killed: ${first.stderr()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    emulator.faults.slowBodyBytesPerSec = null;
    expect((await s3.objects('killed/')).has('export.shard-0-of-2.json')).toBe(false);

    // The scheduler's retry (a new pod: no work folder of the first attempt) and the other shard.
    await rm(dir + '/.s3-fleet-killed.shard-0-of-2.parts', { recursive: true, force: true });
    // Both in this process (the kill was the process's part): the other shard as JOB_COMPLETION_INDEX=1 says.
    const [retried, other] = await Promise.all([
      runWith({ JOB_COMPLETION_INDEX: '0' }, ...args),
      run('export', '--plan', plan, '--shard', '1/2', ...s3Args('killed')),
    ]);
    expect([retried.code, other.code], `${retried.stderr}\n${other.stderr}`).toEqual([0, 0]);
    const objects = await s3.objects('killed/');
    expect(partsOf(objects)).toEqual(local);
    expect(objects.size).toBe(local.size + 2);
  }, 120_000); // A real CLI process killed mid-upload and two runs in this process: 25-30 s beside the rest of npm test when both were processes through tsx.
});
