/**
 * Vitest's global setup: the worker threads' entries (export, emulator) bundled from the sources
 * as they are, once per run, into out/test-workers/, where src-main/workers/worker-entry.ts finds
 * them through SIGNAL_EXPLORER_WORKERS_DIR. From source each worker registered tsx and compiled its
 * modules through tsx's loader thread: ~2 s of CPU a start instead of ~0.9 s, and the suite starts
 * dozens (cli-chunks.test.ts alone: 55 s of CPU from source, 37 s bundled; 2026-12-06, 2 cores).
 * In watch mode the sources may change under a running vitest, so the workers run from source.
 */
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { WORKERS_DIR_ENV, workerEntryPoints } from '../src-main/workers/worker-entry';

const repoRoot = resolve(import.meta.dirname, '..');
const outdir = join(repoRoot, 'out', 'test-workers');

export default async function setup(project: TestProject): Promise<void> {
  if (project.config.watch) return;
  await build({
    entryPoints: {
      ...workerEntryPoints((path) => join(repoRoot, path)),
      // The command line, for the tests about its process (signals, exit codes, kill -9):
      // src-main/cli/testing/cli-process.ts. Beside the export worker, which it finds there.
      cli: join(repoRoot, 'src-main', 'cli', 'index.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // Inherited by the test processes, and by the command lines they start.
  process.env[WORKERS_DIR_ENV] = outdir;
}
