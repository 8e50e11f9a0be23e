import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WORKERS_DIR_ENV } from '../../workers/worker-entry';

/*
 * How a test starts the command line as its own process: the bundle vitest's global setup made
 * from the sources as they are (scripts/vitest-workers.ts), else (watch mode) the sources through
 * tsx. Through tsx, each start compiled the CLI's modules again: ~1-1.5 s of CPU a process, and
 * s3-export.test.ts alone starts eight.
 */

/** The arguments for `process.execPath` that run the command line with `args`, from any working folder. */
export function cliProcessArgs(args: string[]): string[] {
  const bundle = process.env[WORKERS_DIR_ENV] && join(process.env[WORKERS_DIR_ENV], 'cli.js');
  if (bundle && existsSync(bundle)) return [bundle, ...args];
  const tsx = pathToFileURL(resolve(import.meta.dirname, '../../../node_modules/tsx/dist/loader.mjs')).href;
  return ['--import', tsx, resolve(import.meta.dirname, '../index.ts'), ...args];
}
