import type { AggregateFn } from '../../src-preload/contract';
import type { RowBatch } from '../../src-main/formats/row-batch';
import { createAggregator } from '../../src-main/transform/aggregator';

/*
 * The aggregator alone: 10 one-second float signals (a few values missing), batches of 65,536 rows
 * already in memory, so only aggregation is timed. Prints the median of 5 runs after a warm-up.
 * `npx tsx bench/micro/aggregate.ts [rows] [interval] [fns]`, e.g. `1000000 1h mean`.
 */

const rows = Number(process.argv[2] ?? 1_000_000);
const interval = process.argv[3] ?? '1h';
const fns = (process.argv[4] ?? 'mean').split(',') as AggregateFn[];
const COLS = 10;
const BATCH = 65_536;
const T0 = Date.parse('2025-02-01T00:00:00Z');
const columns = Array.from({ length: COLS }, (_, j) => ({ name: `signal ${j}`, kind: 'float' as const, dataType: 'float' as const }));

const batches: RowBatch[] = [];
for (let from = 0; from < rows; from += BATCH) {
  const n = Math.min(BATCH, rows - from);
  batches.push({
    rowCount: n,
    timestamps: Float64Array.from({ length: n }, (_, i) => T0 + (from + i) * 1000),
    columns: columns.map((c, j) => ({
      name: c.name,
      data: {
        kind: 'float',
        values: Float64Array.from({ length: n }, (_, i) => ((from + i) % 997 === j ? NaN : Math.sin((from + i) / 977 + j) * 10)),
      },
    })),
  });
}

/** Wall-clock and CPU milliseconds (CPU time is what the cores, shared with others, really gave it). */
function once(): { ms: number; cpu: number } {
  const agg = createAggregator({ kind: 'every', interval, fns, timeZone: 'Europe/Lisbon' }, columns);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (const b of batches) agg.add(b);
  agg.finish();
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

once();
const runs = Array.from({ length: 5 }, once);
const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
const ms = median(runs.map((r) => r.ms));
const cpu = median(runs.map((r) => r.cpu));
const rate = (t: number) => `${((rows * COLS) / t / 1000).toFixed(1)} M values/s`;
console.log(
  `aggregate ${rows.toLocaleString('en-US')} rows x ${COLS} floats every ${interval} (${fns.join(',')}): ` +
    `median ${ms.toFixed(0)} ms wall (${rate(ms)}), ${cpu.toFixed(0)} ms CPU (${rate(cpu)})`,
);
