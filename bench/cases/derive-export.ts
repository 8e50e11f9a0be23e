import type { ExportRequest, Format } from '../../src-preload/contract';
import type { Derivations } from '../../src-preload/contract/derive';
import { median, timedRow, type BenchRow } from '../lib/results';
import type { Session } from '../lib/session';
import { exportRequest, type SizeName } from '../lib/workload';
import { runExport } from './export-run';

/*
 * `derive <size>: rolling mean` and `derive <size>: condition`: the end-to-end export (start ->
 * ready preview) with a derived 10-minute rolling mean of the first signal, and with a condition
 * over it (`x > rolling mean for >= 1m`, its periods joined across chunks), against the same export
 * without them, run by turns in one host so that the machine's load falls on all three alike.
 * `ratio` = median with / median without (the goal: <= 1.2 on XL, issue 26). One XL run each, load
 * average 12 on 2 cores: 47.1 s without, 49.5 s with the rolling mean (1.05), 31.6 s with the condition
 * (0.67: the machine's noise, not a speed-up; more runs are needed for a figure to quote).
 */

function withDerivations(request: ExportRequest, derivations: Derivations): ExportRequest {
  return { ...request, derivations };
}

export async function deriveCases(s: Session, size: SizeName, format: Format, runs: number, log: (l: string) => void): Promise<BenchRow[]> {
  const plain = exportRequest(size, format);
  const x = `\`${plain.signals[0]!.rename.replace(/`/g, '``')}\``;
  const mean = withDerivations(plain, { derived: [{ name: 'rolling_10m', expression: `rolling_mean(${x}, 10m)` }], conditions: [] });
  const condition = withDerivations(plain, {
    derived: [{ name: 'rolling_10m', expression: `rolling_mean(${x}, 10m)` }],
    conditions: [{ name: 'above', expression: `${x} > rolling_10m for >= 1m`, statsOf: plain.signals[0]!.rename }],
  });
  await runExport(s, exportRequest('S', format));
  const times = { plain: [] as number[], mean: [] as number[], condition: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const [key, request] of [
      ['plain', plain],
      ['mean', mean],
      ['condition', condition],
    ] as const) {
      const run = await runExport(s, request);
      times[key].push(run.totalMs);
      log(`  derive ${size} ${key}: ${run.totalMs.toFixed(0)} ms`);
    }
  }
  const floorMs = median(times.plain);
  const note = `against the same export without them (median ${floorMs.toFixed(0)} ms), by turns`;
  return [
    timedRow(`derive ${size} ${format}: rolling mean 10m`, times.mean, { floorMs, note }),
    timedRow(`derive ${size} ${format}: condition over it`, times.condition, { floorMs, note }),
  ];
}
