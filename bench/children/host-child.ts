/*
 * The process that serves the window, as `npm run start:browser` runs it (startServices + the
 * browser host), built into out/bench/ like the app's own bundle so that the decode worker starts
 * from plain JS (from source, tsx would compile it in every worker). What the bench adds: the
 * longest event-loop stall (perf_hooks.monitorEventLoopDelay) and a log of each stall over 50 ms
 * with its time, so a stall can be placed in a stage; and "Save…" answered by a path in a temp
 * folder, as the desktop app's dialog would (atomic copy or conversion, then the export record).
 * argv[2]: JSON {dataDir, saveDir, rendererDir, demoUrl, demoKey}.
 */
import { mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { platform } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { startServices } from '../../src-main/app/start-services';
import { memorySecretStore } from '../../src-main/app/memory-secret-store';
import { appVersion } from '../../src-main/app/version';
import { cacheDirOf } from '../../src-main/app/paths';
import { createDownloads } from '../../src-main/browser/downloads';
import { startBrowserHost } from '../../src-main/browser/host';
import { serveParent } from '../lib/proc';
import { encodeEnvelope } from '../../src-preload/contract/envelope-wire';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  dataDir: string;
  saveDir: string;
  rendererDir: string;
  demoUrl: string;
  demoKey: string;
};
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
// The main process's own time to answer preview.series, apart from the HTTP round trip: the
// handler, and (while the zoom cases measure) the wire encoding of its answer, done here a second
// time to be timed: it stays off while the end-to-end runs measure the event loop's stalls.
let measureSeries = false;
// Into a buffer of its own, reused, as the host's encoding is: a fresh 3 MB here would add garbage the app does not make.
let timedBytes = new Uint8Array(0);
const reused = (n: number) => (timedBytes.byteLength >= n ? timedBytes : (timedBytes = new Uint8Array(2 * n))).subarray(0, n);
// cpuMs: the process's CPU meanwhile (all its threads): against the wall time, what the OS gave others.
let lastSeries = { handlerMs: 0, encodeMs: 0, bytes: 0, cpuMs: 0 };
const handlers = {
  ...services.handlers,
  'preview.series': async (...a: Parameters<(typeof services.handlers)['preview.series']>) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const answer = await services.handlers['preview.series'](...a);
    const t1 = performance.now();
    const bytes = measureSeries ? encodeEnvelope({ ok: true, value: answer }, reused).byteLength : 0;
    const cpu = process.cpuUsage(cpu0);
    lastSeries = { handlerMs: t1 - t0, encodeMs: measureSeries ? performance.now() - t1 : 0, bytes, cpuMs: (cpu.user + cpu.system) / 1000 };
    return answer;
  },
};
const host = await startBrowserHost({ handlers, events: services.events, downloads, rendererDir: args.rendererDir });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const TICK_MS = 10;
// Each stall with the process's CPU time meanwhile (all threads: a decode worker's too) and the
// main thread's own (Linux: /proc/thread-self/schedstat, its time on a CPU in ns, read with one
// pread of 13 µs a tick): a stall with little main-thread CPU was the OS running others (2 shared
// cores) or the thread waiting, not our code holding the loop.
let stalls: { at: number; ms: number; cpuMs: number; mainCpuMs: number | null }[] = [];
const schedstat = (() => {
  try {
    return openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return null;
  }
})();
const schedBuf = Buffer.alloc(64);
const mainCpuMs = () =>
  schedstat === null ? NaN : Number(schedBuf.toString('latin1', 0, readSync(schedstat, schedBuf, 0, 64, 0)).split(' ')[0]) / 1e6;
// `at` is wall-clock epoch ms (Date.now): the one clock this process and the bench share.
let last = performance.now();
let lastWall = Date.now();
let lastCpu = process.cpuUsage();
let lastMain = mainCpuMs();
setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage();
  const main = mainCpuMs();
  const late = now - last - TICK_MS;
  if (late > 50)
    stalls.push({
      at: lastWall,
      ms: late,
      cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000,
      mainCpuMs: main === main ? main - lastMain : null,
    });
  last = now;
  lastWall = Date.now();
  lastCpu = cpu;
  lastMain = main;
}, TICK_MS).unref();
// Garbage-collection pauses of the main thread: the longest one per run.
let longestGc = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longestGc = Math.max(longestGc, e.duration);
}).observe({ entryTypes: ['gc'] });

serveParent({
  'loop-reset': () => {
    delay.reset();
    stalls = [];
    longestGc = 0;
    return null;
  },
  'loop-read': () => ({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, stalls, longestGcMs: longestGc }),
  'last-series': () => lastSeries,
  memory: () => process.memoryUsage(),
  'measure-series': (msg) => void (measureSeries = msg.on === true),
});
process.on(
  'SIGTERM',
  () =>
    void host
      .close()
      .then(() => services.close())
      .finally(() => process.exit(0)),
);
process.send!({ type: 'ready', url: host.url, origin: host.origin, token: host.token });
