import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { median, timedRow, type BenchRow } from '../lib/results';

/*
 * What this machine charges for memory a process touches for the first time: every other case
 * pays it (a process's start, a worker's heap, a download's buffers, Chromium's pages). On the
 * 2-core machine of 2026-12-07 a first touch of 80 MB took 212 ms (~10 µs a 4 kB page fault; a
 * usual Linux machine takes well under 1 µs), while writing the same bytes again took 3 ms.
 * Measured in a fresh process each run, so that no page is already the process's.
 */

const MB = 256;
const Touch = z.object({ firstMs: z.number(), againMs: z.number() });

const script = `
const n = ${MB} * 2 ** 20 / 8;
let t = performance.now();
const a = new Float64Array(n);
a.fill(1);
const firstMs = performance.now() - t;
t = performance.now();
a.fill(2);
const againMs = performance.now() - t;
process.stdout.write(JSON.stringify({ firstMs, againMs }));
`;

export async function machineCases(runs: number): Promise<BenchRow[]> {
  const run = promisify(execFile);
  const first: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ['-e', script]);
    const touch = Touch.parse(JSON.parse(stdout));
    first.push(touch.firstMs);
    again.push(touch.againMs);
  }
  const pages = (MB * 2 ** 20) / 4096;
  return [
    timedRow(`machine: first touch of ${MB} MB of fresh memory (page faults)`, first, {
      floorMs: median(again),
      note: `${((median(first) * 1000) / pages).toFixed(2)} µs a 4 kB page; floor: writing the same memory again`,
    }),
  ];
}
