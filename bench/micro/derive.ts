import { planDerivations, type ConditionPeriod, type DeriveColumn, type ValueType } from '../../src-preload/contract/derive';
import type { RowBatch } from '../../src-main/formats/row-batch';
import { createChunkDerivation } from '../../src-main/derive/derive-chunk';

/*
 * Derived signals and conditions alone: 10 one-second float signals (a few values missing),
 * batches of 65,536 rows already in memory, so only the derivation is timed, against a plain pass
 * that reads every value of the same batches once (the least any stage of an export does with
 * them). Issue 26 asks that an XL export with a derived rolling mean or a condition take at most
 * 1.2 × the time without: this gives the cost per million rows to set against the export's.
 * Prints the median of 5 runs after a warm-up.
 * `npx tsx bench/micro/derive.ts [rows]`, e.g. `1000000`.
 */

const rows = Number(process.argv[2] ?? 1_000_000);
const COLS = 10;
const BATCH = 65_536;
const T0 = Date.parse('2025-02-01T00:00:00Z');
const columns: DeriveColumn[] = Array.from({ length: COLS }, (_, j) => ({ name: `signal ${j}`, type: 'number', unit: '°C' }));
const types = new Map<string, ValueType>(columns.map((c) => [c.name, c.type]));

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
        values: Float64Array.from({ length: n }, (_, i) => ((from + i) % 997 === j ? NaN : 50 + Math.sin((from + i) / 977 + j) * 40)),
      },
    })),
  });
}

const CASES: { name: string; derived?: string; condition?: string }[] = [
  { name: 'rolling_mean(`signal 0`, 10m)', derived: 'rolling_mean(`signal 0`, 10m)' },
  { name: 'rolling_max(`signal 0`, 10m)', derived: 'rolling_max(`signal 0`, 10m)' },
  { name: 'shift(`signal 0`, 10m)', derived: 'shift(`signal 0`, 10m)' },
  { name: 'rate(`signal 0`)', derived: 'rate(`signal 0`)' },
  { name: 'convert(`signal 0`, "degC", "degF") - `signal 1`', derived: 'convert(`signal 0`, "degC", "degF") - `signal 1`' },
  { name: 'condition `signal 0` > 80 for >= 5m, stats of signal 1', condition: '`signal 0` > 80 for >= 5m' },
  {
    name: 'condition rolling_mean(`signal 0`, 10m) > 80 and `signal 1` < 50',
    condition: 'rolling_mean(`signal 0`, 10m) > 80 and `signal 1` < 50',
  },
];

/** Wall-clock and CPU milliseconds of `run` (CPU time is what the shared cores really gave it). */
function timed(run: () => void): { ms: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  run();
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

function median(run: () => void): { ms: number; cpu: number } {
  run();
  const runs = Array.from({ length: 5 }, () => timed(run));
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
  return { ms: mid(runs.map((r) => r.ms)), cpu: mid(runs.map((r) => r.cpu)) };
}

let sink = 0;
const plain = median(() => {
  let s = 0;
  for (const b of batches) for (const c of b.columns) for (const v of c.data.values as Float64Array) if (v === v) s += v;
  sink += s;
});

const rate = (ms: number) => `${(rows / ms / 1000).toFixed(1)} M rows/s`;
const line = (m: { ms: number; cpu: number }) =>
  `median ${m.ms.toFixed(0)} ms wall (${rate(m.ms)}), ${m.cpu.toFixed(0)} ms CPU (${rate(m.cpu)})`;
console.log(`derive, ${rows.toLocaleString('en-US')} rows x ${COLS} floats, batches of ${BATCH.toLocaleString('en-US')}`);
console.log(`  plain pass over every value: ${line(plain)}`);
for (const c of CASES) {
  const r = planDerivations(columns, {
    derived: c.derived ? [{ name: 'derived', expression: c.derived }] : [],
    conditions: c.condition ? [{ name: 'condition', expression: c.condition, statsOf: 'signal 1' }] : [],
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  const plan = r.plan;
  let periods = 0;
  const m = median(() => {
    const chunk = createChunkDerivation(plan, types, { first: true, onPeriod: (_: number, _p: ConditionPeriod) => void periods++ });
    for (const b of batches) chunk.push(b);
    chunk.finish();
  });
  const found = c.condition ? `, ${periods / 6} periods` : '';
  console.log(`  ${c.name}: ${line(m)}, ${(m.cpu / plain.cpu).toFixed(2)} x the plain pass's CPU${found}`);
}
if (sink === 42) console.log('');
