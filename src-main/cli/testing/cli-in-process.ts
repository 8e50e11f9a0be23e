import { PassThrough } from 'node:stream';
import type { CliIo } from '../export-command';
import { runCli } from '../run-cli';

/** Runs the command line in this process, as index.ts does, with its output kept: exit code, stdout, stderr. */
export async function cliInProcess(
  target: { apiUrl: string; apiKey?: string },
  argv: string[],
  tuning: CliIo['tuning'] = { download: { retryDelayMs: 5 } },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdout, stderr, version: 'test', now: Date.now(), tuning }, target);
  return { code, stdout: out, stderr: err };
}
