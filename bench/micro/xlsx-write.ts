import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createXlsxWriter, recordRows } from '../../src-main/formats/xlsx/xlsx-writer';
import type { RowBatch } from '../../src-main/formats/row-batch';

/*
 * The xlsx writer alone: N rows x 10 float columns in batches of 65,536, to a file. Prints rows/s,
 * the file's size and the process's peak RSS (run it alone: `npx tsx bench/micro/xlsx-write.ts [rows]`).
 */

const rows = Number(process.argv[2] ?? 1_000_000);
const COLS = 10;
const BATCH = 65_536;
const T0 = Date.parse('2025-02-01T00:00:00Z');
const columns = Array.from({ length: COLS }, (_, j) => ({ name: `signal ${j}`, kind: 'float' as const }));

function batch(from: number, n: number): RowBatch {
  return {
    rowCount: n,
    timestamps: Float64Array.from({ length: n }, (_, i) => T0 + (from + i) * 1000),
    columns: columns.map((c, j) => ({
      name: c.name,
      data: { kind: 'float', values: Float64Array.from({ length: n }, (_, i) => Math.round(Math.sin((from + i) / 977 + j) * 1e4) / 100) },
    })),
  };
}

const dir = await mkdtemp(join(tmpdir(), 'se-xlsx-bench-'));
const path = join(dir, 'out.xlsx');
const rssBefore = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const started = performance.now();
const writer = createXlsxWriter(createWriteStream(path), columns, { timeZone: 'Europe/Lisbon', expectedRows: rows });
let peakSampled = 0;
for (let from = 0; from < rows; from += BATCH) {
  await writer.add(batch(from, Math.min(BATCH, rows - from)));
  peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
}
await writer.finish(recordRows({ rows, columns: COLS }));
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const bytes = (await stat(path)).size;
await rm(dir, { recursive: true });
const mb = (b: number) => (b / 2 ** 20).toFixed(0);
console.log(
  `xlsx ${rows.toLocaleString('en-US')} rows x ${COLS} floats: ${(ms / 1000).toFixed(1)} s, ` +
    `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s (CPU ${(cpuMs / 1000).toFixed(1)} s: ` +
    `${Math.round(rows / (cpuMs / 1000)).toLocaleString('en-US')} rows per CPU second), file ${mb(bytes)} MB, ` +
    `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB (sampled after batches ${mb(peakSampled)} MB, at start ${mb(rssBefore)} MB)`,
);
