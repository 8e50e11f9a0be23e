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

export async function codecsCases(tmp: string, size: SizeName, runs: number, log: (line: string) => void): Promise<BenchRow[]> {
  const child = await startChild({ module: join(repoRoot, 'bench', 'children', 'codecs-child.ts') });
  const rows: BenchRow[] = [];
  try {
    const files = await child.call<Record<'parquet' | 'csv' | 'json', Produced>>('produce', { dir: tmp, size });
    log(
      `  files: ${Object.entries(files)
        .map(([f, p]) => `${f} ${(p.bytes / 1e6).toFixed(0)} MB`)
        .join(', ')}`,
    );
    for (const format of ['csv', 'json', 'parquet'] as const) {
      const r = await child.call<{ app: number[]; floor: number[]; appPeak: number; prints: { app: string; floor: string } }>('decode', {
        path: files[format].path,
        format,
        rows: SIZES[size].rows,
        runs,
        warmup: 1,
      });
      if (r.prints.app !== r.prints.floor) throw new Error(`decode ${format}: the app read ${r.prints.app}; the floor ${r.prints.floor}`);
      const mb = files[format].bytes / 1e6;
      const row = timedRow(`codecs: decode ${size} ${format}`, r.app, {
        floorMs: median(r.floor),
        peakRssMb: r.appPeak,
        note: `${mb.toFixed(0)} MB, ${mbPerSec(files[format].bytes, median(r.app)).toFixed(0)} MB/s; floor runs ${r.floor.map(fmt).join(', ')}`,
      });
      log(`  decode ${format}: ${fmt(row.median_ms!)} vs floor ${fmt(row.floor_ms!)} (ratio ${row.ratio})`);
      rows.push(row);
    }
    for (const to of ['csv', 'json'] as const) {
      const r = await child.call<{ times: number[]; encodeMs: number[]; bytes: number; peak: number }>('encode', {
        path: files.parquet.path,
        to,
        out: join(tmp, `converted.${to}`),
        runs,
        warmup: 1,
      });
      const rate = mbPerSec(r.bytes, median(r.times));
      rows.push({
        ...timedRow(`codecs: ${size} parquet -> ${to}`, r.times, {
          peakRssMb: r.peak,
          note: `${rate.toFixed(0)} MB/s of ${to} (${(r.bytes / 1e6).toFixed(0)} MB); in the encoder ${fmt(median(r.encodeMs))} (${mbPerSec(r.bytes, median(r.encodeMs)).toFixed(0)} MB/s), the rest decoding and writing`,
        }),
        mbPerSec: rate,
      });
      log(`  parquet -> ${to}: ${fmt(median(r.times))}, ${rate.toFixed(0)} MB/s`);
    }
  } finally {
    await child.stop();
  }
  return rows;
}
