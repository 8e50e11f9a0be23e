import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** A file path, or code to evaluate when `eval` is true. */
  source: string;
  eval: boolean;
}

/**
 * Every worker thread's entry, by the name workerEntry finds it under, as a path from the
 * repository root: what each bundle of the main process (electron-vite, the UI tests' host, the
 * unit tests' prebuilt workers) builds beside its code.
 */
export const WORKER_SOURCES = {
  // Reading chunks and writing files run in long-lived worker threads.
  'export-worker': 'src-main/exports/worker/export-worker.ts',
  // Chunks' files download on a thread of their own (src-main/exports/download/download-thread.ts).
  'download-worker': 'src-main/exports/download/download-worker.ts',
  // The embedded demo API runs on its own thread (src-main/emulator/start-in-worker.ts)...
  'emulator-worker': 'src-main/emulator/emulator-worker.ts',
  // ...which produces its files on one more (src-main/emulator/output/producer.ts).
  'production-worker': 'src-main/emulator/output/production-worker.ts',
} as const;

/** WORKER_SOURCES as esbuild or Rollup entry points, made absolute with `resolve`. */
export const workerEntryPoints = (resolve: (path: string) => string): Record<string, string> =>
  Object.fromEntries(Object.entries(WORKER_SOURCES).map(([name, path]) => [name, resolve(path)]));

/** A folder of prebuilt worker entries (`name.js`) to use instead of the sources. */
export const WORKERS_DIR_ENV = 'SIGNAL_EXPLORER_WORKERS_DIR';

/**
 * Where a worker thread's entry `name` is, for a caller at `callerUrl` (its `import.meta.url`):
 * `name.ts` beside the caller when running from source (tsx, vitest), `name.js` beside the bundle
 * (electron-vite builds each worker as its own entry in out/main/).
 */
export function workerEntry(callerUrl: string, name: string): WorkerEntry | null {
  const caller = fileURLToPath(callerUrl);
  if (caller.endsWith('.ts')) {
    // The unit tests bundle the workers' sources once per run (vitest.config.ts): registering tsx
    // and compiling from source cost each worker ~1 s more CPU, and the suite starts dozens.
    const prebuilt = process.env[WORKERS_DIR_ENV] && join(process.env[WORKERS_DIR_ENV], `${name}.js`);
    if (prebuilt && existsSync(prebuilt)) return { source: prebuilt, eval: false };
    // Node 20 does not pass loader hooks to workers: the worker registers tsx itself, then loads the entry.
    const url = pathToFileURL(join(dirname(caller), `${name}.ts`)).href;
    // Resolved from here, not from the working directory, which may be anywhere.
    const tsx = import.meta.resolve('tsx/esm/api');
    return { source: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, eval: true };
  }
  // Bundled: the caller may live in a shared chunk one folder below the entries.
  for (const dir of [dirname(caller), dirname(dirname(caller))]) {
    const file = join(dir, `${name}.js`);
    if (existsSync(file)) return { source: file, eval: false };
  }
  return null;
}
