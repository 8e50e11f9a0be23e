import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../../src-preload/contract';
import { median, memoryRow, timedRow, type BenchRow } from '../lib/results';
import { peakRssMb, resetPeak, startChild } from '../lib/proc';
import { repoRoot } from '../lib/build';
import type { Session } from '../lib/session';
import { exportRequest, SIZES, type SizeName } from '../lib/workload';
import { oneRequestFloor, runExport, type ExportRun } from './export-run';

/*
 * `end-to-end <size> <format>`: export request -> ready preview, several runs after a warm-up (an
 * S export of the same format in the same host: it starts the export workers the runs use). The
 * floor is one request for the whole window, measured in the same group after the runs: the
 * emulator's production time for it, a plain download of its file, and the fastest decode of that
 * file (in its own process, after a warm-up). Also: the longest event-loop stall of the host per
 * run (L, XL) and every process's peak RSS (XL).
 */

export interface GroupResult {
  rows: BenchRow[];
  /** The last run, for the cases that use a ready job (save, zoom). */
  last: ExportRun;
  runs: ExportRun[];
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export async function endToEndGroup(
  s: Session,
  size: SizeName,
  format: Format,
  runs: number,
  log: (line: string) => void,
): Promise<GroupResult> {
  const request = exportRequest(size, format);
  await runExport(s, exportRequest('S', format));
  const done: ExportRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runExport(s, request);
    done.push(run);
    if (process.env.BENCH_VERBOSE) log(`    memory ${JSON.stringify(await s.host.call('memory'))}`);
    const st = run.stagesMs;
    log(
      `  ${size} ${format} run ${i + 1}: ${fmt(run.totalMs)} (first chunk ${fmt(st.firstChunk ?? 0)}, ready ${fmt(st.ready ?? 0)}, ` +
        `${run.requests} requests, server ${fmt(run.serverMs)}), stall ${fmt(run.loop.maxMs)}, host peak ${run.hostPeakMb.toFixed(0)} MB` +
        (process.env.BENCH_VERBOSE
          ? `\n    stages ${JSON.stringify(st)}; stalls ${run.loop.stalls.map((x) => `+${(x.at - run.t0Epoch).toFixed(0)} ${x.ms.toFixed(0)} ms (main ${x.mainCpuMs?.toFixed(0) ?? '?'}, waited ${x.mainWaitMs?.toFixed(0) ?? '?'}, gc ${x.gcMs?.toFixed(0) ?? '?'})`).join(', ')}` +
            `\n    main thread ${JSON.stringify(run.loop.mainThread ?? {})}, its GC ${JSON.stringify(run.loop.gcTotals ?? {})}` +
            (run.loop.blockedIn?.length
              ? `\n    main thread while late (state wchan syscall: 2 ms samples) ${JSON.stringify(run.loop.blockedIn)}`
              : '')
          : ''),
    );
  }

  const floor = await oneRequestFloor(s, request, format);
  const decoder = await startChild({ module: join(repoRoot, 'bench', 'children', 'floor-decoder.ts') });
  let decode: { times: number[]; fingerprint: string };
  let decoderPeak: number;
  try {
    resetPeak(decoder.pid);
    decode = await decoder.call('decode', { path: floor.path, format, runs, warmup: 1, rows: SIZES[size].rows });
    decoderPeak = peakRssMb(decoder.pid);
  } finally {
    await decoder.stop();
    rmSync(floor.path, { force: true });
  }
  const last = done.at(-1)!;
  if (!decode.fingerprint.startsWith(`${last.rows} rows × ${SIZES[size].signals}`)) {
    throw new Error(`The floor decoder read ${decode.fingerprint}; the job has ${last.rows} rows × ${SIZES[size].signals}.`);
  }

  const med = (pick: (r: ExportRun) => number) => median(done.map(pick));
  const decodeMs = median(decode.times);
  const note =
    `${(floor.bytes / 1e6).toFixed(0)} MB; app: first chunk ${fmt(med((r) => r.stagesMs.firstChunk ?? Number.NaN))}, ready ${fmt(med((r) => r.stagesMs.ready ?? Number.NaN))}, ` +
    `preview ${fmt(med((r) => r.totalMs - (r.stagesMs.ready ?? Number.NaN)))}; ${last.requests} requests, server ${fmt(med((r) => r.serverMs))}; ` +
    `floor (one request): server ${fmt(floor.serverMs)} + download ${fmt(floor.downloadMs)} + decode ${fmt(decodeMs)}`;
  const hostPeak = Math.max(...done.map((r) => r.hostPeakMb));
  const rows: BenchRow[] = [
    timedRow(
      `end-to-end ${size} ${format}`,
      done.map((r) => r.totalMs),
      { floorMs: floor.serverMs + floor.downloadMs + decodeMs, peakRssMb: hostPeak, note },
    ),
  ];
  if (size === 'S') {
    // #25 §4: what the client adds to the server's own time before the first chunk is ready.
    const over = done.map((r) => (r.stagesMs.firstChunk ?? Number.NaN) - r.serverMs);
    rows.push(
      timedRow(
        `client overhead S ${format}: first chunk over the server's time`,
        done.map((r) => r.stagesMs.firstChunk ?? Number.NaN),
        { floorMs: med((r) => r.serverMs), note: `over the server per run: ${over.map((x) => fmt(x)).join(', ')}` },
      ),
    );
  }
  if (size !== 'S') {
    rows.push(
      timedRow(
        `stall ${size} ${format} (host event loop)`,
        done.map((r) => r.loop.maxMs),
        { note: stallNote(done) },
      ),
    );
  }
  if (size === 'XL') {
    const perRun = `per run: ${done.map((r) => r.hostPeakMb.toFixed(0)).join(', ')} MB (successive exports in one host)`;
    rows.push(memoryRow(`peak RSS XL ${format}: host (main + export workers)`, hostPeak, perRun, done[0]!.hostPeakMb));
    rows.push(memoryRow(`peak RSS XL ${format}: emulator`, Math.max(...done.map((r) => r.emulatorPeakMb))));
    rows.push(memoryRow(`peak RSS XL ${format}: floor decoder`, decoderPeak, "the bench's one-shot decode, not an app process"));
  }
  return { rows, last, runs: done };
}

/** Where the stalls over 50 ms fell, by stage, with the CPU the process used meanwhile; and the longest GC pause. */
function stallNote(runs: ExportRun[]): string {
  const byStage = new Map<string, { ms: number; cpuMs: number; mainCpuMs: number | null; mainWaitMs?: number | null }>();
  for (const r of runs) {
    for (const st of r.loop.stalls) {
      // Placed by where it ended: its start is only known to the host's 10 ms tick.
      const stage = stageAt(r, st.at + 10 + st.ms - r.t0Epoch);
      if (st.ms > (byStage.get(stage)?.ms ?? 0)) byStage.set(stage, st);
    }
  }
  const gc = `longest GC pause ${fmt(Math.max(...runs.map((r) => r.loop.longestGcMs)))}`;
  if (byStage.size === 0) return `no stall over 50 ms; ${gc}`;
  const parts = [...byStage].map(
    ([k, v]) =>
      `${k} ${fmt(v.ms)} (CPU ${fmt(v.cpuMs)}${v.mainCpuMs === null ? '' : `, main thread ${fmt(v.mainCpuMs)}`}${v.mainWaitMs == null ? '' : `, waiting for a CPU ${fmt(v.mainWaitMs)}`})`,
  );
  return `longest over 50 ms by stage: ${parts.join(', ')}; ${gc}`;
}

function stageAt(r: ExportRun, relMs: number): string {
  const st = r.stagesMs;
  if (relMs < (st.firstChunk ?? Infinity)) return 'first chunk';
  if (relMs < (st.ready ?? Infinity)) return 'chunks';
  return 'preview';
}
