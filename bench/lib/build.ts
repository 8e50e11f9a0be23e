import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { workerEntryPoints } from '../../src-main/workers/worker-entry';

/*
 * What the bench runs needs building on a fresh clone: the window (electron-vite build ->
 * out/renderer, for the renderer case) and the bench's host process with the worker threads beside
 * it (out/bench/host-child.js, export-worker.js…), bundled with dependencies left in node_modules,
 * the way electron-vite bundles the app's main process.
 */

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const rendererDir = join(repoRoot, 'out', 'renderer');
export const benchBuildDir = join(repoRoot, 'out', 'bench');
export const hostChildJs = join(benchBuildDir, 'host-child.js');

export async function buildAll(opts: { renderer: boolean }): Promise<void> {
  if (opts.renderer || !existsSync(join(rendererDir, 'index.html'))) {
    const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`electron-vite build failed (exit ${r.status})`);
  }
  await build({
    entryPoints: {
      'host-child': join(repoRoot, 'bench', 'children', 'host-child.ts'),
      ...workerEntryPoints((path) => join(repoRoot, path)),
    },
    outdir: benchBuildDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
