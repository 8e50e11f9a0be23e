import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBatches, type DecodeReport } from '../../src-main/formats/decode-batches';
import { findDefaultCatalog, loadCatalog } from '../../src-main/emulator';
import { produceFile } from '../../src-main/emulator/output/produce-file';
import type { ParquetStyle } from '../../src-main/emulator/output/parquet-styles';

/*
 * The decoder on a file out of time order against the same rows in order: 10 one-second float
 * signals of the demo CMS unit, written by the emulator in the `unsorted` style (rows shuffled
 * within each row group of 65,536, groups in swapped pairs: overlapping, so the external sort
 * spills) and in the default one. Prints the time, the bytes spilled and the peak RSS of this
 * process (VmHWM, reset before each run), the bound of the sort's memory being what it adds.
 * `npx tsx bench/micro/sort-unsorted.ts [rows]`.
 */

const rows = Number(process.argv[2] ?? 1_000_000);
const catalog = loadCatalog(findDefaultCatalog());
const signals = [...catalog.signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 10);
const specs = signals.map((s) => ({ names: [String(s.id)], dataType: s.dataType }));
const startMs = Date.parse('2025-03-01T00:00:00Z');

async function peakMb(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const m = /VmHWM:\s+(\d+) kB/.exec(await readFile('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
async function resetPeak(): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile('/proc/self/clear_refs', '5').catch(() => undefined);
}

const dir = await mkdtemp(join(tmpdir(), 'se-sort-bench-'));
try {
  const table: string[] = ['| file | decode | spilled | peak RSS |', '| --- | --- | --- | --- |'];
  for (const style of ['default', 'unsorted'] as ParquetStyle[]) {
    const path = join(dir, `${style}.parquet`);
    await produceFile({
      signals,
      names: signals.map((s) => String(s.id)),
      window: { startMs, endMs: startMs + rows * 1000 },
      format: 'parquet',
      path,
      parquetStyle: style,
    });
    const times: number[] = [];
    let report: DecodeReport = { rows: 0, duplicates: 0, sorted: true, spilledBytes: 0 };
    let peak = 0;
    for (let run = 0; run < 4; run++) {
      global.gc?.();
      await resetPeak();
      report = { rows: 0, duplicates: 0, sorted: true, spilledBytes: 0 };
      const t = performance.now();
      let n = 0;
      for await (const b of decodeBatches(path, 'parquet', { specs, report })) n += b.rowCount;
      if (n !== rows) throw new Error(`read ${n} rows of ${rows}`);
      if (run > 0) times.push(performance.now() - t);
      peak = Math.max(peak, await peakMb());
    }
    times.sort((a, b) => a - b);
    table.push(
      `| ${style}${report.sorted ? '' : ' (sorted as read)'} | ${times[1]!.toFixed(0)} ms | ${(report.spilledBytes / 1e6).toFixed(0)} MB | ${peak.toFixed(0)} MB |`,
    );
  }
  console.log(`${rows.toLocaleString('en')} rows × 10 signals\n${table.join('\n')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
