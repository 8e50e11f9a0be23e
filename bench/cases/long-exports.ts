import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ExportRecord } from '../../src-main/exports/save/export-record';
import { repoRoot } from '../lib/build';
import { peakRssMb, resetPeak, startChild, type Child } from '../lib/proc';
import { memoryRow, timedRow, type BenchRow } from '../lib/results';
import type { Session } from '../lib/session';
import { cmsSignals } from '../lib/workload';

/*
 * Long exports through the command line, the way an engineer runs them: a year of the demo CMS
 * unit's 10 one-second signals (31.5 M rows) chunked, the same as one request (after the probe),
 * resampled to hourly means, and 180 days against a server that refuses more than 2 M rows a
 * request. Each CLI run is its own process: its peak RSS (main thread and export workers) comes
 * from its own resource usage at exit, the emulator's from /proc (VmHWM).
 */

interface CliRun {
  ms: number;
  cpuMs: number;
  peakMb: number;
  record: ExportRecord;
  emulatorPeakMb: number;
}

const YEAR = { start: '2025-01-02T00:00:00Z', end: '2026-01-02T00:00:00Z' };
const DAYS_180 = { start: '2025-01-02T00:00:00Z', end: '2025-07-01T00:00:00Z' };
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

async function runCli(
  emulator: Child & { baseUrl?: string },
  baseUrl: string,
  apiKey: string,
  out: string,
  args: string[],
): Promise<CliRun> {
  resetPeak(emulator.pid);
  const ids = cmsSignals(10).flatMap((s) => ['--signal-id', String(s.id)]);
  const argv = [
    '--import',
    'tsx',
    join(repoRoot, 'bench', 'children', 'cli-child.ts'),
    'export',
    ...ids,
    ...args,
    '--output',
    out,
    '--overwrite',
  ];
  const t0 = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: repoRoot,
    env: { ...process.env, NORTECH_API_URL: baseUrl, NORTECH_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let usage = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (usage += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`the CLI exited ${code}:\n${stderr}`);
  const { maxRssKb, cpuMs } = JSON.parse(usage) as { maxRssKb: number; cpuMs: number };
  const record = ExportRecord.parse(JSON.parse(readFileSync(`${out}.export.json`, 'utf8')));
  return { ms, cpuMs, peakMb: maxRssKb / 1024, record, emulatorPeakMb: peakRssMb(emulator.pid) };
}

const requests = (r: ExportRecord) => r.chunks.reduce((n, c) => n + c.requestIds.length, 0);

export async function longExportCases(s: Session, log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const out = (name: string) => join(s.tmp, name);
  const done = (path: string) => rmSync(path, { force: true });

  // 180 days against a server that refuses more than 2 M rows a request.
  const limited = await startChild({
    module: join(repoRoot, 'bench', 'children', 'emulator-child.ts'),
    args: [JSON.stringify({ maxRowsPerRequest: 2_000_000 })],
  });
  try {
    log('cli 180d 10x1s parquet, server limit 2 M rows');
    const r = await runCli(limited, String(limited.ready.baseUrl), String(limited.ready.apiKey), out('180d.parquet'), [
      '--start',
      DAYS_180.start,
      '--end',
      DAYS_180.end,
    ]);
    if (r.record.rowCount !== 180 * 86_400) throw new Error(`180 days gave ${r.record.rowCount} rows`);
    const note = `${r.record.rowCount.toLocaleString('en-US')} rows in ${requests(r.record)} requests; CPU ${fmt(r.cpuMs)}; emulator peak ${r.emulatorPeakMb.toFixed(0)} MB`;
    rows.push(timedRow('cli 180d 10x1s parquet (server limit 2 M rows)', [r.ms], { peakRssMb: r.peakMb, note }));
    log(`  ${fmt(r.ms)}, ${requests(r.record)} requests, peak RSS ${r.peakMb.toFixed(0)} MB`);
    done(out('180d.parquet'));
  } finally {
    await limited.stop();
  }

  log('year 10x1s parquet (chunked)');
  const apiKey = s.emulator.apiKey;
  const year = ['--start', YEAR.start, '--end', YEAR.end];
  const chunked = await runCli(s.emulator, s.emulator.baseUrl, apiKey, out('year.parquet'), year);
  const serverMs = chunked.record.chunks.flatMap((c) => c.requestIds).reduce((n, id) => n + (s.emulator.produced.get(id)?.ms ?? 0), 0);
  log(`  ${fmt(chunked.ms)}, ${requests(chunked.record)} requests, server ${fmt(serverMs)}, peak RSS ${chunked.peakMb.toFixed(0)} MB`);
  done(out('year.parquet'));
  await s.emulator.call('sweep');

  log('year 10x1s parquet (one request after the probe)');
  const single = await runCli(s.emulator, s.emulator.baseUrl, apiKey, out('year-one.parquet'), [...year, '--target-rows', '1000000000']);
  log(`  ${fmt(single.ms)}, peak RSS ${single.peakMb.toFixed(0)} MB`);
  done(out('year-one.parquet'));
  await s.emulator.call('sweep');

  rows.push(
    timedRow('year 10x1s parquet (chunked)', [chunked.ms], {
      floorMs: single.ms,
      peakRssMb: chunked.peakMb,
      note: `ratio to one request (after the probe) ${fmt(single.ms)}; ${chunked.record.rowCount.toLocaleString('en-US')} rows in ${requests(chunked.record)} requests; server ${fmt(serverMs)}; CPU ${fmt(chunked.cpuMs)}`,
    }),
    timedRow('year 10x1s parquet (one request)', [single.ms], { peakRssMb: single.peakMb, note: `CPU ${fmt(single.cpuMs)}` }),
    memoryRow('peak RSS year chunked: emulator', chunked.emulatorPeakMb),
  );

  log('resample year 10x1s -> 1h mean');
  const resampled = await runCli(s.emulator, s.emulator.baseUrl, apiKey, out('year-1h.parquet'), [
    ...year,
    '--every',
    '1h',
    '--agg',
    'mean',
  ]);
  log(`  ${fmt(resampled.ms)}, ${resampled.record.rowCount} rows, peak RSS ${resampled.peakMb.toFixed(0)} MB`);
  done(out('year-1h.parquet'));
  rows.push(
    timedRow('resample year 10x1s -> 1h mean', [resampled.ms], {
      floorMs: chunked.ms,
      peakRssMb: resampled.peakMb,
      note: `ratio to the raw chunked export of the same year; ${resampled.record.rowCount.toLocaleString('en-US')} rows; CPU ${fmt(resampled.cpuMs)}`,
    }),
  );
  await s.emulator.call('sweep');
  return rows;
}
