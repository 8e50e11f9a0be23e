import { join } from 'node:path';
import { repoRoot } from '../lib/build';
import { startChild } from '../lib/proc';
import { mbPerSec, median, timedRow, type BenchRow } from '../lib/results';
import { SIZES, type SizeName } from '../lib/workload';

/*
 * `codecs`: the decoders and encoders alone, on the workload's files as the emulator writes them
 * (in a process of their own, src-main/formats run from source):
 *  - `codecs: decode <size> <csv|json|parquet>`: decodeBatches to the end (typed columns checked
 *    cell by cell) against the floor's byte scanner (bench/floor/), run by turns -> ratio. The two
 *    must have read the same table (a fingerprint of both is compared).
 *  - `codecs: <size> parquet -> <csv|json>`: the decoded parquet encoded and written to disk,
 *    batch by batch (no fsync) -> MB/s of output; the note gives the time in the encoder alone.
 */

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

interface Produced {
  path: string;
  bytes: number;
  ms: number;
}

/** Runs `op` in a fresh codecs process: its peak RSS is then the case's own. */
async function inChild<T>(op: string, args: Record<string, unknown>): Promise<T> {
  const child = await startChild({ module: join(repoRoot, 'bench', 'children', 'codecs-child.ts') });
  try {
    return await child.call<T>(op, args);
  } finally {
    await child.stop();
  }
}

export async function codecsCases(tmp: string, size: SizeName, runs: number, log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  {
    const files = await inChild<Record<'parquet' | 'csv' | 'json', Produced>>('produce', { dir: tmp, size });
    log(
      `  files: ${Object.entries(files)
        .map(([f, p]) => `${f} ${(p.bytes / 1e6).toFixed(0)} MB`)
        .join(', ')}`,
    );
    for (const format of ['csv', 'json', 'parquet'] as const) {
      const r = await inChild<{
        app: number[];
        floor: number[];
        appCpu: number[];
        floorCpu: number[];
        appPeak: number;
        prints: { app: string; floor: string };
      }>('decode', {
        path: files[format].path,
        format,
        size,
        rows: SIZES[size].rows,
        runs,
        warmup: 1,
      });
      if (r.prints.app !== r.prints.floor) throw new Error(`decode ${format}: the app read ${r.prints.app}; the floor ${r.prints.floor}`);
      const mb = files[format].bytes / 1e6;
      const row = timedRow(`codecs: decode ${size} ${format}`, r.app, {
        floorMs: median(r.floor),
        peakRssMb: r.appPeak,
        note:
          `${mb.toFixed(0)} MB, ${mbPerSec(files[format].bytes, median(r.app)).toFixed(0)} MB/s; floor runs ${r.floor.map(fmt).join(', ')}; ` +
          `CPU ${fmt(median(r.appCpu))} vs ${fmt(median(r.floorCpu))} (${(median(r.appCpu) / median(r.floorCpu)).toFixed(2)})`,
      });
      log(`  decode ${format}: ${fmt(row.median_ms!)} vs floor ${fmt(row.floor_ms!)} (ratio ${row.ratio})`);
      rows.push(row);
    }
    for (const to of ['csv', 'json'] as const) {
      const r = await inChild<{ times: number[]; cpu: number[]; encodeMs: number[]; bytes: number; peak: number }>('encode', {
        path: files.parquet.path,
        to,
        size,
        out: join(tmp, `converted.${to}`),
        runs,
        warmup: 1,
      });
      const rate = mbPerSec(r.bytes, median(r.times));
      rows.push({
        ...timedRow(`codecs: ${size} parquet -> ${to}`, r.times, {
          peakRssMb: r.peak,
          note:
            `${rate.toFixed(0)} MB/s of ${to} (${(r.bytes / 1e6).toFixed(0)} MB); in the encoder ${fmt(median(r.encodeMs))}, the rest decoding and writing; ` +
            `CPU ${fmt(median(r.cpu))} (${mbPerSec(r.bytes, median(r.cpu)).toFixed(0)} MB per CPU second)`,
        }),
        mbPerSec: rate,
      });
      log(`  parquet -> ${to}: ${fmt(median(r.times))}, ${rate.toFixed(0)} MB/s`);
    }
  }
  return rows;
}
