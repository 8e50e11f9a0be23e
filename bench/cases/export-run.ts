import { join } from 'node:path';
import type { ExportRequest } from '../../src-preload/contract';
import { plainDownload } from '../floor/download';
import { peakRssMb, resetPeak } from '../lib/proc';
import type { Session } from '../lib/session';

/*
 * One end-to-end run, the way the window lives it: exports.start, the job's progress events up to
 * `ready` (noting when its first chunk was in: the charts can draw from then on), then the
 * preview's two calls (series at the default budget for every signal, and statistics) answered
 * and parsed. Around it: the host's longest event-loop stall, the peak RSS of the host and the
 * emulator, and the server's own production time for this job's requests.
 */

/** The window asks about one point per pixel of chart width: ~1000 on a usual screen. */
export const DEFAULT_POINTS = 1000;

export interface ExportRun {
  jobId: string;
  totalMs: number;
  /** The start as wall-clock epoch ms (Date.now), the clock of the host's stall log. */
  t0Epoch: number;
  /** From the start to the first chunk in, to ready, to the preview answered. */
  stagesMs: { firstChunk?: number; ready?: number; preview?: number };
  requests: number;
  /** The emulator's production time, summed over this job's requests. */
  serverMs: number;
  fileBytes: number;
  rows: number;
  dataRange: { start: number; end: number };
  loop: {
    maxMs: number;
    stalls: { at: number; ms: number; cpuMs: number; mainCpuMs: number | null; mainWaitMs?: number | null; gcMs?: number }[];
    longestGcMs: number;
    blockedIn?: [string, number][];
    gcTotals?: Record<string, { n: number; ms: number }>;
    mainThread?: { cpuMs: number; waitedMs: number };
  };
  hostPeakMb: number;
  emulatorPeakMb: number;
}

export async function runExport(s: Session, request: ExportRequest): Promise<ExportRun> {
  await s.host.call('loop-reset');
  resetPeak(s.host.pid);
  resetPeak(s.emulator.pid);
  const stagesMs: ExportRun['stagesMs'] = {};
  const t0 = performance.now();
  const t0Epoch = Date.now();
  const { jobId } = await s.app.call('exports.start', request);
  const ready = await s.app.waitForJob(jobId, (status, at) => {
    if (status.progress.chunksDone >= 1) stagesMs.firstChunk ??= at - t0;
    if (status.stage === 'ready') stagesMs.ready ??= at - t0;
  });
  const [series, stats] = await Promise.all([
    s.app.call('preview.series', { jobId, points: DEFAULT_POINTS }),
    s.app.call('preview.stats', { jobId }),
  ]);
  const totalMs = performance.now() - t0;
  stagesMs.preview = totalMs;
  const loop = await s.host.call<ExportRun['loop']>('loop-read');

  // A derived signal is one more column, previewed like the signals.
  const n = request.signals.length + (request.derivations?.derived.length ?? 0);
  if (series.series.length !== n || stats.stats.length !== n || series.series.some((x) => x.t.length === 0) || !series.dataRange) {
    throw new Error(`The preview is incomplete: ${series.series.length} series, ${stats.stats.length} statistics for ${n} signals.`);
  }
  const result = ready.result!;
  let serverMs = 0;
  for (const id of result.requestIds) {
    const produced = s.emulator.produced.get(id);
    if (!produced) throw new Error(`The emulator did not report producing request ${id}.`);
    serverMs += produced.ms;
  }
  return {
    jobId,
    totalMs,
    t0Epoch,
    stagesMs,
    requests: result.requestIds.length,
    serverMs,
    fileBytes: result.fileBytes,
    rows: result.rowCount,
    dataRange: series.dataRange,
    loop,
    hostPeakMb: peakRssMb(s.host.pid),
    emulatorPeakMb: peakRssMb(s.emulator.pid),
  };
}

export interface OneRequestFloor {
  serverMs: number;
  downloadMs: number;
  path: string;
  bytes: number;
}

/**
 * The floor's first two parts for a request: one sync request for the whole window (the server's
 * own production time) and a plain GET of its file to disk. The third, the fastest decode, is run
 * on that file in its own process.
 */
export async function oneRequestFloor(s: Session, request: ExportRequest, format: string): Promise<OneRequestFloor> {
  const res = await fetch(`${s.emulator.baseUrl}/api/v1/historical-data/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ signals: request.signals.map((x) => x.id), timeWindow: request.timeWindow, format }),
  });
  const answer = (await res.json()) as { requestId?: number; outputFile?: string };
  if (!res.ok || !answer.outputFile || answer.requestId === undefined)
    throw new Error(`The floor's request failed: ${JSON.stringify(answer)}`);
  // The emulator tells of its production on its own channel: it may come just after the answer.
  let produced = s.emulator.produced.get(answer.requestId);
  for (let i = 0; !produced && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 10));
    produced = s.emulator.produced.get(answer.requestId);
  }
  if (!produced) throw new Error(`The emulator did not report producing request ${answer.requestId}.`);
  const path = join(s.tmp, `floor.${format}`);
  const t0 = performance.now();
  const bytes = await plainDownload(answer.outputFile, path);
  return { serverMs: produced.ms, downloadMs: performance.now() - t0, path, bytes };
}
