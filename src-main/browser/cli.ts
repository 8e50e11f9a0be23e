/**
 * `npm run start:browser -- [--port N] [--no-open] [--data-dir DIR] [--demo-api-url URL --demo-api-key K]`:
 * the app in any browser. Prints one line with the URL to open (it carries this run's token).
 * `--demo-api-*` point "Demo data" at an emulator already running (the UI tests hold its fault knobs).
 */
import { parseArgs } from 'node:util';
import { platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startServices } from '../app/start-services';
import { memorySecretStore } from '../app/memory-secret-store';
import { appVersion } from '../app/version';
import { cacheDirOf, defaultDataDir } from '../app/paths';
import { createDownloads } from './downloads';
import { startBrowserHost } from './host';
import { openUrl } from './open-url';
import { openFolder } from './open-folder';
import { levelFromEnv, openAppLog } from '../log/app-log';
import { watchProcess } from '../log/process-trail';
import type { Logger } from '../log/logger';

/** Set once the log is open: a failure to start is logged too. */
let log: Logger | null = null;

const Args = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(0),
    open: z.boolean().default(true),
    dataDir: z.string().min(1).default(defaultDataDir()),
    rendererDir: z
      .string()
      .min(1)
      .default(fileURLToPath(new URL('../../out/renderer', import.meta.url))),
    demoApiUrl: z.url().optional(),
    demoApiKey: z.string().min(1).optional(),
  })
  .refine((a) => (a.demoApiUrl === undefined) === (a.demoApiKey === undefined), {
    message: '--demo-api-url and --demo-api-key go together',
    path: ['demoApiUrl'],
  });

/**
 * The UI tests' clock hook: with NODE_ENV=test, SIGNAL_EXPLORER_TEST_CLOCK_SHIFT_MS moves the
 * schedules' clock (e2e/recipes.spec.ts restarts a host three days later to see its runs caught up).
 * Read nowhere else, and never outside a test run.
 */
function testClock(): { now?: () => number } {
  const shift = process.env.NODE_ENV === 'test' ? Number(process.env.SIGNAL_EXPLORER_TEST_CLOCK_SHIFT_MS ?? '') : NaN;
  return Number.isFinite(shift) && shift !== 0 ? { now: () => Date.now() + shift } : {};
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'demo-api-url': { type: 'string' },
      'demo-api-key': { type: 'string' },
    },
  });
  const parsed = Args.safeParse({
    port: values.port,
    open: !values['no-open'],
    dataDir: values['data-dir'],
    rendererDir: values['renderer-dir'],
    demoApiUrl: values['demo-api-url'],
    demoApiKey: values['demo-api-key'],
  });
  if (!parsed.success) {
    // Name the flag as typed: dataDir -> --data-dir.
    const flag = (path: PropertyKey[]) => `--${String(path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    console.error(`Bad arguments: ${parsed.error.issues.map((i) => `${flag(i.path)}: ${i.message}`).join('; ')}`);
    process.exit(2);
  }
  const args = parsed.data;
  const appLog = openAppLog({ dataDir: args.dataDir, level: levelFromEnv() });
  log = appLog.log;
  watchProcess(appLog.log);
  // Conversions made for a download live here (see exports/save/save-job.ts) and go when it expires.
  const downloads = createDownloads({ temporaryDir: join(cacheDirOf(args.dataDir), 'exports', 'converted'), log: appLog.log });
  const services = await startServices({
    mode: 'browser',
    version: appVersion(),
    platform: platform(),
    dataDir: args.dataDir,
    cacheDir: cacheDirOf(args.dataDir),
    secrets: memorySecretStore(),
    saveTarget: { kind: 'download', offer: downloads.offer },
    demo: args.demoApiUrl && args.demoApiKey ? { baseUrl: args.demoApiUrl, apiKey: args.demoApiKey } : undefined,
    log: appLog.log,
    logFile: appLog.file,
    openFolder: (path) => openFolder(path, appLog.log),
    ...testClock(),
  });
  const host = await startBrowserHost({
    handlers: services.handlers,
    events: services.events,
    downloads,
    rendererDir: args.rendererDir,
    port: args.port,
    privateFolders: [
      { path: cacheDirOf(args.dataDir), label: '<cache>' },
      { path: args.dataDir, label: '<data folder>' },
    ],
    log: appLog.log,
  });
  console.log(`Signal Explorer is running in browser mode at ${host.url}`);
  if (args.open) openUrl(host.url);

  const stop = async () => {
    await host.close();
    await downloads.close();
    await services.close();
    appLog.log.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log?.error('Signal Explorer could not start', { err: error });
  console.error(`Signal Explorer could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
