import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Format } from '../../src-preload/contract';
import { mbPerSec, median, timedRow, type BenchRow } from '../lib/results';
import type { Session } from '../lib/session';
import { DEFAULT_POINTS, type ExportRun } from './export-run';

/*
 * On a ready job: "Save…" as the downloaded format (a byte copy of the verified download, or its
 * chunks' row groups joined) and as another format (the chunks decoded again and written in an
 * export worker), each through exports.save as the desktop app does it (path from the "dialog",
 * atomic write with fsync, export record beside it); and zooming: preview.series over a centred
 * share of the data at the default budget.
 */

const SAVE_RUNS_MIN = 3;

async function timeSave(
  s: Session,
  jobId: string,
  format: Format,
  keep = false,
): Promise<{ ms: number; bytes: number; path: string; sha256: string }> {
  const t0 = performance.now();
  const out = await s.app.call('exports.save', {
    jobId,
    format,
    layout: 'file',
    timeZone: 'UTC',
    localTimeColumn: false,
    excelLocale: null,
  });
  const ms = performance.now() - t0;
  if (out.outcome !== 'saved') throw new Error(`exports.save answered ${out.outcome}`);
  if (!keep) await rm(out.path, { force: true });
  return { ms, bytes: out.bytes, path: out.path, sha256: out.sha256 };
}

/** The copy floor: the file system's own copy of the cached download, then fsync. */
async function floorCopy(src: string, dest: string): Promise<number> {
  const t0 = performance.now();
  await copyFile(src, dest);
  const handle = await open(dest, 'r+');
  await handle.sync();
  await handle.close();
  const ms = performance.now() - t0;
  await rm(dest, { force: true });
  return ms;
}

export async function saveCases(
  s: Session,
  run: ExportRun,
  size: string,
  from: Format,
  targets: Format[],
  runs: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const n = Math.max(runs, SAVE_RUNS_MIN);
  for (const to of targets) {
    await timeSave(s, run.jobId, to);
    const results = [];
    for (let i = 0; i < n; i++) results.push(await timeSave(s, run.jobId, to, to === from && i === n - 1));
    const times = results.map((r) => r.ms);
    const bytes = results[0]!.bytes;
    const rate = `${mbPerSec(bytes, median(times)).toFixed(0)} MB/s of ${to} (${(bytes / 1e6).toFixed(0)} MB)`;
    if (to === from) {
      // The floor: the OS copying the same bytes (the last saved file, kept), then fsync. Its hash,
      // taken afresh, must be the one the save answered (and wrote in the record).
      const kept = results[n - 1]!;
      const fresh = createHash('sha256');
      for await (const chunk of createReadStream(kept.path)) fresh.update(chunk as Buffer);
      if (fresh.digest('hex') !== kept.sha256) throw new Error(`save ${size} ${from}: the saved file's SHA-256 is not the one answered`);
      const floors = [];
      for (let i = 0; i < n; i++) floors.push(await floorCopy(kept.path, join(s.tmp, `copy-floor.${from}`)));
      await rm(kept.path, { force: true });
      rows.push(
        timedRow(`save ${size} ${from} copy`, times, {
          floorMs: median(floors),
          note: `${rate}; floor: copyFile + fsync of the saved bytes`,
        }),
      );
    } else rows.push({ ...timedRow(`save ${size} ${from} -> ${to}`, times, { note: rate }), mbPerSec: mbPerSec(bytes, median(times)) });
  }
  return rows;
}

export async function zoomCases(s: Session, run: ExportRun, size: string, shares: number[], runs: number): Promise<BenchRow[]> {
  await s.host.call('measure-series', { on: true });
  try {
    return await zooms(s, run, size, shares, runs);
  } finally {
    await s.host.call('measure-series', { on: false });
  }
}

async function zooms(s: Session, run: ExportRun, size: string, shares: number[], runs: number): Promise<BenchRow[]> {
  const { start, end } = run.dataRange;
  const mid = (start + end) / 2;
  const rows: BenchRow[] = [];
  for (const share of shares) {
    const half = ((end - start) * share) / 2;
    const range = { start: Math.round(mid - half), end: Math.round(mid + half) };
    const once = async () => {
      const t0 = performance.now();
      const answer = await s.app.call('preview.series', { jobId: run.jobId, range, points: DEFAULT_POINTS });
      const httpMs = performance.now() - t0;
      if (answer.series.length === 0 || answer.series[0]!.t.length === 0) throw new Error('zoom answered no points');
      const main = await s.host.call<{ handlerMs: number; encodeMs: number; bytes: number; cpuMs: number }>('last-series');
      return {
        ms: main.handlerMs + main.encodeMs,
        httpMs,
        main,
        points: answer.series[0]!.t.length,
        source: answer.series[0]!.sourcePoints,
        signals: answer.series.length,
      };
    };
    await once();
    await once();
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await once());
    const r0 = results[0]!;
    rows.push(
      timedRow(
        `zoom ${size} ${share * 100}%`,
        results.map((r) => r.ms),
        {
          note:
            `main-process time of preview.series (handler ${median(results.map((r) => r.main.handlerMs)).toFixed(1)} ms + wire ${median(results.map((r) => r.main.encodeMs)).toFixed(1)} ms, ` +
            `process CPU ${median(results.map((r) => r.main.cpuMs)).toFixed(1)} ms, min ${Math.min(...results.map((r) => r.main.cpuMs)).toFixed(1)}, ` +
            `${(r0.main.bytes / 1e6).toFixed(1)} MB); over HTTP ${median(results.map((r) => r.httpMs)).toFixed(0)} ms; ${r0.signals} signals, ${(r0.source / 1000).toFixed(0)}k rows each -> ${r0.points} points`,
        },
      ),
    );
  }
  return rows;
}

/**
 * History reopening a past export in a new session (the host restarted on the same data folder):
 * history.open, then the chart's first answer. Nothing is decoded: the chunks' summaries are read.
 */
export async function historyOpenCase(s: Session, run: ExportRun, size: string, format: string, runs: number): Promise<BenchRow[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await s.restartHost({ keepData: true });
    const t0 = performance.now();
    const status = await s.app.call('history.open', { id: run.jobId });
    const answer = await s.app.call('preview.series', { jobId: status.jobId, points: DEFAULT_POINTS });
    times.push(performance.now() - t0);
    if (status.stage !== 'ready' || answer.series.length === 0 || answer.series[0]!.t.length === 0)
      throw new Error('history.open drew nothing');
  }
  return [
    timedRow(`history open ${size} ${format} -> chart data`, times, {
      note: 'new host on the same data folder: history.open + preview.series',
    }),
  ];
}
