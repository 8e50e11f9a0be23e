/*
 * Measures producing 10 (or --signals N) float signals x 1,000,000 rows in each format: wall time
 * (and CPU time: wall time suffers first when others share the cores) and peak RSS, each format
 * in a fresh process so one format's heap does not count for the next.
 *   npx tsx src-main/emulator/bench/measure-output.ts [--signals 10] [--rows 1000000] [--format parquet]
 * Not a test: numbers depend on the machine. Results go to stdout only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDefaultCatalog } from '../catalog/find-catalog';
import { loadCatalog } from '../catalog/load-catalog';
import { produceFile, type OutputFormat } from '../output/produce-file';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const signalCount = Number(arg('signals', '10'));
const rows = Number(arg('rows', '1000000'));
const format = arg('format', '');

async function measureOne(fmt: OutputFormat): Promise<void> {
  const catalog = loadCatalog(findDefaultCatalog());
  // The CMS unit: 56 float signals sampled every second, no gaps.
  const signals = [...catalog.signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, signalCount);
  const startMs = Date.parse('2025-02-01T00:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'emu-bench-'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await produceFile({
    signals,
    names: signals.map((s) => String(s.id)),
    window: { startMs, endMs: startMs + rows * 1000 },
    format: fmt,
    path: join(dir, `out.${fmt}`),
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${fmt.padEnd(8)} ${signals.length} signals x ${out.rows} rows: ${(ms / 1000).toFixed(2)} s ` +
      `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ` +
      `${(out.bytes / 1e6).toFixed(1)} MB, peak RSS ${(peak / 1e6).toFixed(0)} MB`,
  );
}

if (format) await measureOne(format as OutputFormat);
else {
  for (const fmt of ['parquet', 'csv', 'json']) {
    const self = fileURLToPath(import.meta.url);
    const args = ['--import', 'tsx', self, '--format', fmt, '--signals', String(signalCount), '--rows', String(rows)];
    execFileSync(process.execPath, args, { stdio: 'inherit' });
  }
}
