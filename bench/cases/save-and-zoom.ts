import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Format } from '../../src-preload/contract';
import { mbPerSec, median, timedRow, type BenchRow } from '../lib/results';
import { settle } from '../lib/settle';
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
/** A copy takes tens of milliseconds: more runs of it cost little and steady its median on a shared machine. */
const COPY_RUNS_MIN = 9;

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
    if (to === from) {
      rows.push(await copyCase(s, run.jobId, size, from, Math.max(n, COPY_RUNS_MIN)));
      continue;
    }
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const r = await timeSave(s, run.jobId, to);
      times.push(r.ms);
      bytes = r.bytes;
    }
    const rate = `${mbPerSec(bytes, median(times)).toFixed(0)} MB/s of ${to} (${(bytes / 1e6).toFixed(0)} MB)`;
    rows.push({ ...timedRow(`save ${size} ${from} -> ${to}`, times, { note: rate }), mbPerSec: mbPerSec(bytes, median(times)) });
  }
  return rows;
}

/**
 * Save in the downloaded format against its floor, by turns: each save, then the OS copying the
 * bytes it saved (copyFile + fsync), so that both see the same load on a shared machine (in blocks,
 * a burst of others' work fell on one side: 0.81 one run, 1.52 another). Each saved file's hash,
 * taken afresh, must be the one the save answered (and wrote in the record).
 */
async function copyCase(s: Session, jobId: string, size: string, format: Format, n: number): Promise<BenchRow> {
  const times: number[] = [];
  const floors: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const saved = await timeSave(s, jobId, format, true);
    times.push(saved.ms);
    bytes = saved.bytes;
    const fresh = createHash('sha256');
    for await (const chunk of createReadStream(saved.path)) fresh.update(chunk as Buffer);
    if (fresh.digest('hex') !== saved.sha256) throw new Error(`save ${size} ${format}: the saved file's SHA-256 is not the one answered`);
    floors.push(await floorCopy(saved.path, join(s.tmp, `copy-floor.${format}`)));
    await rm(saved.path, { force: true });
  }
  const rate = `${mbPerSec(bytes, median(times)).toFixed(0)} MB/s of ${format} (${(bytes / 1e6).toFixed(0)} MB)`;
  const over = times.map((t, i) => (t / floors[i]!).toFixed(2)).join(', ');
  return timedRow(`save ${size} ${format} copy`, times, {
    floorMs: median(floors),
    note: `${rate}; floor: copyFile + fsync of the saved bytes, by turns (each run's ratio: ${over})`,
  });
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
      const main = await s.host.call<{
        handlerMs: number;
        encodeMs: number;
        bytes: number;
        cpuMs: number;
        mainMs: number;
        mainWaitMs: number;
      }>('last-series');
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
    for (let i = 0; i < runs; i++) {
      // As a user zooms: one at a time, on a machine not still busy with the last answer.
      await settle(1000);
      results.push(await once());
    }
    if (process.env.BENCH_VERBOSE) {
      const each = results.map(
        (r) =>
          `${r.main.handlerMs.toFixed(1)}+${r.main.encodeMs.toFixed(1)} (main CPU ${r.main.mainMs.toFixed(1)}, waited ${r.main.mainWaitMs.toFixed(1)})`,
      );
      console.log(`  zoom ${size} ${share * 100}% per run (handler + wire): ${each.join(', ')}`);
    }
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
