import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssMb } from '../lib/proc';
import { memoryRow, timedRow, type BenchRow } from '../lib/results';
import { cliInProcess } from '../../src-main/cli/testing/cli-in-process';
import { startEmulator } from '../../src-main/emulator';
import { exportFixture, testSessions } from '../../src-main/exports/testing/fixture';

/*
 * Plans at the sizes of #24 §8–9, each in a fresh process (its peak RSS is the process's, emulator
 * included, as both run in it): `npx tsx bench/cases/plan-scale.ts [many|fifty [TARGET_ROWS]]`, or
 * `npm run bench -- --cases plans` (planScaleCases: each mode under a time cap).
 * - fifty: `plan` of one 1 s signal over 2000–2050 at --target-rows 1000 (data from 2025-01-01 to now).
 * - many: a preset plan of 100,000 one-minute chunks at --concurrency 8: time to the first chunk
 *   done and to 200 done, then cancelled.
 */

async function fifty(targetRows: number) {
  const emulator = await startEmulator({ apiKey: 'bench' });
  const dir = await mkdtemp(join(tmpdir(), 'se-bench-plan-'));
  const t0 = performance.now();
  const r = await cliInProcess({ apiUrl: emulator.baseUrl, apiKey: 'bench' }, [
    'plan',
    '--signal-id',
    '10151',
    '--start',
    '2000-01-01T00:00Z',
    '--end',
    '2050-01-01T00:00Z',
    '--target-rows',
    String(targetRows),
    '-o',
    join(dir, 'p.json'),
  ]);
  const ms = performance.now() - t0;
  const chunks = r.code === 0 ? (JSON.parse(await readFile(join(dir, 'p.json'), 'utf8')) as { chunks: unknown[] }).chunks.length : null;
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
  return {
    case: `plan 50 years, 1 signal, target ${targetRows.toLocaleString('en')} rows`,
    ms,
    note: `exit ${r.code}, ${chunks} chunks`,
  };
}

async function many() {
  const fx = await exportFixture();
  const sessions = testSessions(fx.pool);
  const MINUTE = 60_000;
  const start = Date.parse('2025-01-01T00:00:00Z');
  const slices = Array.from({ length: 100_000 }, (_, i) => ({ start: start + i * MINUTE, end: start + (i + 1) * MINUTE }));
  const request = fx.request(
    await fx.selected([10005]),
    'csv',
    new Date(start).toISOString(),
    new Date(start + 100_000 * MINUTE).toISOString(),
  );
  const t0 = performance.now();
  let first = null as number | null;
  const session = sessions.start({
    request,
    connection: { apiUrl: fx.emulator.baseUrl, apiKey: fx.emulator.apiKey },
    work: { kind: 'cache', dir: join(fx.dir, 'many') },
    existing: 'refuse',
    chunks: { kind: 'preset', slices },
    concurrency: 8,
    outputs: {},
    onProgress: (p) => {
      if (p.chunksDone >= 1) first ??= performance.now() - t0;
      if (p.chunksDone >= 200) session.cancel();
    },
  });
  await session.done.catch(() => undefined);
  const ms = performance.now() - t0;
  await fx.close();
  return {
    case: 'export plan of 100,000 chunks, concurrency 8',
    ms,
    firstMs: first,
    note: `first chunk done at ${first?.toFixed(0)} ms; 200 done at ${ms.toFixed(0)} ms`,
  };
}

interface ChildRow {
  case: string;
  ms: number;
  firstMs?: number | null;
  note: string;
  peakRssMb: number;
}

const self = fileURLToPath(import.meta.url);

/** One mode in a fresh process, killed at `capMs`: then what it reached (time, peak RSS so far). */
function inChild(mode: string, extra: string[], capMs: number): Promise<ChildRow | { timedOut: true; peakRssMb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', self, mode, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    let peak = 0;
    // The child's peak RSS as it runs, for a run the cap stops (VmHWM is gone once it exits).
    const watch = setInterval(() => {
      try {
        peak = Math.max(peak, peakRssMb(child.pid!));
      } catch {
        /* exited */
      }
    }, 200);
    const cap = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, capMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(watch);
      clearTimeout(cap);
      if (timedOut) return resolve({ timedOut: true, peakRssMb: peak, stderr: err });
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as ChildRow);
      } catch {
        reject(new Error(`plan-scale ${mode} exited ${code} without a result:\n${err}`));
      }
    });
  });
}

/** The target rows of the bench's 50-year case: #24 §9's own. */
const FIFTY_TARGET_ROWS = 1000;

/**
 * `plans` in `npm run bench`: the 100,000-chunk plan's start (first chunk done) and peak RSS, and
 * the 50-year plan's planning time and peak RSS, each capped at `capMs` so the bench finishes: a
 * capped run gives a row with its peak so far and "not done within" in its note.
 */
export async function planScaleCases(log: (line: string) => void, capMs = { many: 120_000, fifty: 240_000 }): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const capped = (name: string, peak: number, cap: number) =>
    memoryRow(name, peak, `not done within the bench's cap of ${(cap / 1000).toFixed(0)} s (peak RSS so far)`);
  log('  many: a preset plan of 100,000 one-minute chunks, concurrency 8');
  const many = await inChild('many', [], capMs.many);
  const manyName = 'plan 100,000 chunks: start -> first chunk done';
  if ('timedOut' in many) rows.push(capped(manyName, many.peakRssMb, capMs.many));
  else rows.push(timedRow(manyName, many.firstMs == null ? [] : [many.firstMs], { peakRssMb: many.peakRssMb, note: many.note }));
  log(`  fifty: plan of 1 signal over 2000-2050, --target-rows ${FIFTY_TARGET_ROWS}`);
  const fifty = await inChild('fifty', [String(FIFTY_TARGET_ROWS)], capMs.fifty);
  const fiftyName = `plan 50 years 1x1s, target ${FIFTY_TARGET_ROWS.toLocaleString('en')} rows`;
  if ('timedOut' in fifty) rows.push(capped(fiftyName, fifty.peakRssMb, capMs.fifty));
  else rows.push(timedRow(fiftyName, [fifty.ms], { peakRssMb: fifty.peakRssMb, note: fifty.note }));
  return rows;
}

const mode = process.argv[1] === self ? process.argv[2] : 'imported';
if (mode === 'fifty' || mode === 'many') {
  const row = await (mode === 'fifty' ? fifty(Number(process.argv[3] ?? FIFTY_TARGET_ROWS)) : many());
  console.log(JSON.stringify({ ...row, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
} else if (mode !== 'imported') {
  for (const row of await planScaleCases(console.log, { many: 600_000, fifty: 600_000 }))
    console.log(
      `${row.name}: ${row.median_ms == null ? '-' : `${(row.median_ms / 1000).toFixed(1)} s`}, peak RSS ${row.peak_rss_mb} MB (${row.note})`,
    );
}
