/*
 * The process that serves the window, as `npm run start:browser` runs it (startServices + the
 * browser host), built into out/bench/ like the app's own bundle so that the decode worker starts
 * from plain JS (from source, tsx would compile it in every worker). What the bench adds: the
 * longest event-loop stall (perf_hooks.monitorEventLoopDelay) and a log of each stall over 50 ms
 * with its time, so a stall can be placed in a stage; and "Save…" answered by a path in a temp
 * folder, as the desktop app's dialog would (atomic copy or conversion, then the export record).
 * argv[2]: JSON {dataDir, saveDir, rendererDir, demoUrl, demoKey}.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { platform } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServices } from '../../src-main/app/start-services';
import { memorySecretStore } from '../../src-main/app/memory-secret-store';
import { appVersion } from '../../src-main/app/version';
import { cacheDirOf } from '../../src-main/app/paths';
import { createDownloads } from '../../src-main/browser/downloads';
import { startBrowserHost } from '../../src-main/browser/host';
import { serveParent } from '../lib/proc';

const args = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; saveDir: string; rendererDir: string; demoUrl: string; demoKey: string };
let saves = 0;
mkdirSync(args.saveDir, { recursive: true });
const downloads = createDownloads();
const services = await startServices({
  mode: 'browser',
  version: appVersion(),
  platform: platform(),
  dataDir: args.dataDir,
  cacheDir: cacheDirOf(args.dataDir),
  secrets: memorySecretStore(),
  saveTarget: { kind: 'dialog', choosePath: async (name) => join(args.saveDir, `${++saves}-${name}`) },
  demo: { baseUrl: args.demoUrl, apiKey: args.demoKey },
});
const host = await startBrowserHost({ handlers: services.handlers, events: services.events, downloads, rendererDir: args.rendererDir });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const TICK_MS = 10;
let stalls: { at: number; ms: number }[] = [];
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - last - TICK_MS;
  if (late > 50) stalls.push({ at: performance.timeOrigin + last, ms: late });
  last = now;
}, TICK_MS).unref();

serveParent({
  'loop-reset': () => {
    delay.reset();
    stalls = [];
    return null;
  },
  'loop-read': () => ({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, stalls }),
});
process.on('SIGTERM', () => void host.close().then(() => services.close()).finally(() => process.exit(0)));
process.send!({ type: 'ready', url: host.url, origin: host.origin, token: host.token });
