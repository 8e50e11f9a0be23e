import { join } from 'node:path';
import type { ExportRequest, JobStage } from '../../src-preload/contract';
import { outputFileUrl, plainDownload } from '../floor/download';
import { peakRssMb, resetPeak } from '../lib/proc';
import type { Session } from '../lib/session';

/*
 * One end-to-end run, the way the window lives it: exports.start, the job's progress events up to
 * `ready`, then the preview's two calls (series at the default budget for every signal, and
 * statistics) answered and parsed. Around it: the host's longest event-loop stall, the peak RSS of
 * the host and the emulator, and the server's own production time for this very request.
 */

/** The window asks about one point per pixel of chart width: ~1000 on a usual screen. */
export const DEFAULT_POINTS = 1000;

export interface ExportRun {
  jobId: string;
  requestId: number;
  totalMs: number;
  /** The start as wall-clock epoch ms (Date.now), the clock of the host's stall log. */
  t0Epoch: number;
  /** Time from start to each stage's event, and to the preview answered. */
  stagesMs: Partial<Record<JobStage | 'preview', number>>;
  serverMs: number;
  fileBytes: number;
  rows: number;
  fullRange: { start: number; end: number };
  loop: { maxMs: number; stalls: { at: number; ms: number; cpuMs: number }[]; longestGcMs: number };
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
  const ready = await s.app.waitForJob(jobId, (status, at) => (stagesMs[status.stage] ??= at - t0));
  const [series, stats] = await Promise.all([
    s.app.call('preview.series', { jobId, points: DEFAULT_POINTS }),
    s.app.call('preview.stats', { jobId }),
  ]);
  const totalMs = performance.now() - t0;
  stagesMs.preview = totalMs;
  const loop = await s.host.call<ExportRun['loop']>('loop-read');

  const n = request.signals.length;
  if (series.series.length !== n || stats.length !== n || series.series.some((x) => x.t.length === 0)) {
    throw new Error(`The preview is incomplete: ${series.series.length} series, ${stats.length} statistics for ${n} signals.`);
  }
  const requestId = ready.requestId!;
  const produced = s.emulator.produced.get(requestId);
  if (!produced) throw new Error(`The emulator did not report producing request ${requestId}.`);
  return {
    jobId,
    requestId,
    totalMs,
    t0Epoch,
    stagesMs,
    serverMs: produced.ms,
    fileBytes: ready.result!.fileBytes,
    rows: ready.result!.rowCount,
    fullRange: series.fullRange!,
    loop,
    hostPeakMb: peakRssMb(s.host.pid),
    emulatorPeakMb: peakRssMb(s.emulator.pid),
  };
}

/** The download floor for a run's file: the same bytes, plain GET to disk. Answers the time and the path. */
export async function floorDownload(s: Session, run: ExportRun, format: string): Promise<{ ms: number; path: string }> {
  const url = await outputFileUrl(s.emulator.baseUrl, s.emulator.apiKey, run.requestId);
  const path = join(s.tmp, `floor.${format}`);
  const t0 = performance.now();
  const bytes = await plainDownload(url, path);
  const ms = performance.now() - t0;
  if (bytes !== run.fileBytes) throw new Error(`The floor download got ${bytes} bytes where the job got ${run.fileBytes}.`);
  return { ms, path };
}
