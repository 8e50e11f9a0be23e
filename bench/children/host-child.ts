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
import { Worker } from 'node:worker_threads';
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
let lastSeries = { handlerMs: 0, encodeMs: 0, bytes: 0, cpuMs: 0, mainMs: 0, mainWaitMs: 0 };
const handlers = {
  ...services.handlers,
  'preview.series': async (...a: Parameters<(typeof services.handlers)['preview.series']>) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const main0 = mainCpuMs();
    const wait0 = mainWait;
    const answer = await services.handlers['preview.series'](...a);
    const t1 = performance.now();
    const bytes = measureSeries ? encodeEnvelope({ ok: true, value: answer }, reused).byteLength : 0;
    const cpu = process.cpuUsage(cpu0);
    const mainMs = mainCpuMs() - main0;
    lastSeries = {
      handlerMs: t1 - t0,
      encodeMs: measureSeries ? performance.now() - t1 : 0,
      bytes,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainMs,
      mainWaitMs: mainWait - wait0,
    };
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
// cores) or the thread waiting, not our code holding the loop. mainWaitMs: the main thread's time
// runnable but waiting for a CPU (schedstat's second field): what is left of a stall after its CPU
// and that wait, it spent blocked (a sync call, a lock).
// gcMs: the main thread's garbage collection inside the stall (PerformanceObserver's entries).
type Stall = { at: number; ms: number; cpuMs: number; mainCpuMs: number | null; mainWaitMs?: number | null; gcMs?: number };
let stalls: (Stall & { from: number; to: number })[] = [];
const schedstat = (() => {
  try {
    return openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return null;
  }
})();
const schedBuf = Buffer.alloc(64);
let mainWait = NaN;
const mainCpuMs = () => {
  if (schedstat === null) return NaN;
  const fields = schedBuf.toString('latin1', 0, readSync(schedstat, schedBuf, 0, 64, 0)).split(' ');
  mainWait = Number(fields[1]) / 1e6;
  return Number(fields[0]) / 1e6;
};
// BENCH_STALL_SAMPLER=1: a thread of its own samples the main thread every 2 ms while its loop is
// late (the main thread's tick writes Date.now() into shared memory): its state (R runnable, S
// sleeping, D in the disk), the kernel function it sleeps in and its syscall. What a stall with
// little CPU and no run-queue wait was blocked in. Printed by the bench with BENCH_VERBOSE.
const heartbeat = new Float64Array(new SharedArrayBuffer(8));
const sampler = process.env.BENCH_STALL_SAMPLER
  ? new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const hb = new Float64Array(workerData.sab), task = '/proc/' + process.pid + '/task/' + process.pid;
const counts = new Map();
const read = (f) => { try { return readFileSync(task + '/' + f, 'latin1'); } catch { return '?'; } };
setInterval(() => {
  if (hb[0] === 0 || Date.now() - hb[0] < 30) return;
  const state = read('stat').split(') ')[1]?.split(' ')[0];
  const key = state + ' ' + read('wchan') + ' syscall ' + read('syscall').split(' ')[0];
  counts.set(key, (counts.get(key) ?? 0) + 1);
}, 2);
parentPort.on('message', (m) => { parentPort.postMessage([...counts].sort((a, b) => b[1] - a[1]).slice(0, 12)); if (m === 'reset') counts.clear(); });`,
      { eval: true, workerData: { sab: heartbeat.buffer } },
    )
  : null;
sampler?.unref();
const askSampler = (m: string) =>
  new Promise<[string, number][]>((resolve) => {
    if (!sampler) return resolve([]);
    sampler.once('message', resolve);
    sampler.postMessage(m);
  });
// `at` is wall-clock epoch ms (Date.now): the one clock this process and the bench share.
let last = performance.now();
let lastWall = Date.now();
let lastCpu = process.cpuUsage();
let lastMain = mainCpuMs();
let lastWait = mainWait;
// The main thread's CPU and run-queue wait over a whole run (from loop-reset): what the app's own
// work on that thread costs, whatever the load of the machine.
let runFrom = { cpu: lastMain, wait: lastWait };
setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage();
  const main = mainCpuMs();
  const late = now - last - TICK_MS;
  if (late > 50)
    stalls.push({
      from: last,
      to: now,
      at: lastWall,
      ms: late,
      cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000,
      mainCpuMs: main === main ? main - lastMain : null,
      mainWaitMs: mainWait === mainWait ? mainWait - lastWait : null,
    });
  last = now;
  lastWall = Date.now();
  heartbeat[0] = lastWall;
  lastCpu = cpu;
  lastMain = main;
  lastWait = mainWait;
}, TICK_MS).unref();
// Garbage-collection pauses of the main thread: the longest one per run.
let longestGc = 0;
let gcs: { start: number; end: number; kind: number }[] = [];
// perf_hooks' GC kinds (constants.NODE_PERFORMANCE_GC_*): 1 minor, 4 major, 8 incremental, 16 weak callbacks.
const gcTotals = () => {
  const by: Record<string, { n: number; ms: number }> = {};
  for (const g of gcs) {
    const k = ({ 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weakcb' } as Record<number, string>)[g.kind] ?? String(g.kind);
    by[k] = { n: (by[k]?.n ?? 0) + 1, ms: (by[k]?.ms ?? 0) + g.end - g.start };
  }
  return by;
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    longestGc = Math.max(longestGc, e.duration);
    if (gcs.length < 100_000)
      gcs.push({ start: e.startTime, end: e.startTime + e.duration, kind: (e as { detail?: { kind?: number } }).detail?.kind ?? 0 });
  }
}).observe({ entryTypes: ['gc'] });

serveParent({
  'loop-reset': async () => {
    await askSampler('reset');
    runFrom = { cpu: mainCpuMs(), wait: mainWait };
    delay.reset();
    stalls = [];
    gcs = [];
    longestGc = 0;
    return null;
  },
  'loop-read': async () => ({
    maxMs: delay.max / 1e6,
    p99Ms: delay.percentile(99) / 1e6,
    stalls: stalls.map(({ from, to, ...st }): Stall => ({
      ...st,
      gcMs: gcs.reduce((sum, g) => sum + Math.max(0, Math.min(to, g.end) - Math.max(from, g.start)), 0),
    })),
    longestGcMs: longestGc,
    gcTotals: gcTotals(),
    mainThread: { cpuMs: mainCpuMs() - runFrom.cpu, waitedMs: mainWait - runFrom.wait },
    blockedIn: await askSampler('read'),
  }),
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
