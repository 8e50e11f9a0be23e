import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliInProcess } from '../../src-main/cli/testing/cli-in-process';
import { startEmulator } from '../../src-main/emulator';
import { exportFixture, testSessions } from '../../src-main/exports/testing/fixture';

/*
 * Plans at the sizes of #24 §8–9, each in a fresh process (its peak RSS is the process's, emulator
 * included, as both run in it): `npx tsx bench/cases/plan-scale.ts`.
 * - fifty: `plan` of one 1 s signal over 2000–2050 at --target-rows 1000 (data from 2025-01-01 to now).
 * - many: a preset plan of 100,000 one-minute chunks at --concurrency 8: time to the first chunk
 *   done and to 200 done, then cancelled.
 */

async function fifty() {
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
    '1000',
    '-o',
    join(dir, 'p.json'),
  ]);
  const ms = performance.now() - t0;
  const chunks = r.code === 0 ? (JSON.parse(await readFile(join(dir, 'p.json'), 'utf8')) as { chunks: unknown[] }).chunks.length : null;
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
  return { case: 'plan 50 years, 1 signal, target 1,000 rows', ms, note: `exit ${r.code}, ${chunks} chunks` };
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
    note: `first chunk done at ${first?.toFixed(0)} ms; 200 done at ${ms.toFixed(0)} ms`,
  };
}

const mode = process.argv[2];
if (mode === 'fifty' || mode === 'many') {
  const row = await (mode === 'fifty' ? fifty() : many());
  console.log(JSON.stringify({ ...row, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const m of mode ? [mode] : ['many', 'fifty']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, m], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    try {
      const row = JSON.parse(line) as { case: string; ms: number; note: string; peakRssMb: number };
      console.log(`${row.case}: ${(row.ms / 1000).toFixed(1)} s, peak RSS ${row.peakRssMb} MB (${row.note})`);
    } catch {
      console.log(`${m}: failed\n${r.stderr.slice(-2000)}`);
    }
  }
}
