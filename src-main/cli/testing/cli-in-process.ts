import { PassThrough } from 'node:stream';
import type { CliIo } from '../export-command';
import { runCli } from '../run-cli';
import { createWorkerPool, type WorkerPool } from '../../exports/worker/worker-pool';

/*
 * The command lines a test file runs in its process share one pool of export workers, as the app's
 * sessions share the app's: a run starting its own two workers cost ~1.5 s of CPU and 1-3 s of
 * wall time on a loaded machine (cli-parquet-styles.test.ts: 20 runs). The workers are unref'd: an
 * idle pool keeps no test process alive. A test about the command line's own start-up (its workers,
 * its exit) runs it as a child process.
 */
let shared: WorkerPool | null = null;
const sharedPool = () => (shared ??= createWorkerPool());

/**
 * Runs the command line in this process, as index.ts does, with its output kept: exit code, stdout,
 * stderr. `env`: the environment it reads the scheduler's variables from (default: process.env).
 */
export async function cliInProcess(
  target: { apiUrl: string; apiKey?: string },
  argv: string[],
  tuning: CliIo['tuning'] = { download: { retryDelayMs: 5 } },
  env?: CliIo['env'],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIo = {
    stdout,
    stderr,
    version: 'test',
    now: Date.now(),
    tuning: { pool: sharedPool(), ...tuning },
    ...(env ? { env } : {}),
  };
  const code = await runCli(argv, io, target);
  return { code, stdout: out, stderr: err };
}
