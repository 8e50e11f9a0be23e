import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExportRecord } from '../../src-main/exports/save/export-record';
import { startS3Server, type S3Server } from '../../src-main/object-storage/testing/s3-server';
import { repoRoot } from '../lib/build';
import { timedRow, type BenchRow } from '../lib/results';
import type { Session } from '../lib/session';
import { cmsSignals } from '../lib/workload';

/*
 * A fleet on this machine: one plan of the demo CMS unit's 10 one-second signals run by 1, 2, 4
 * and 8 shard processes at once (`--shard auto`, each with its Kubernetes JOB_COMPLETION_INDEX)
 * against the bench's one emulator, all writing one dataset to one S3-compatible server (s3rver,
 * in the bench's process). Each dataset read back must equal the one-process export object for
 * object (key and SHA-256). The figure: from the first process started to the last one ended; the
 * note gives the throughput (rows/s and MB/s of parquet) and the speed-up over one process. On 2
 * shared cores more processes than cores mostly contend (each starts its own export workers).
 */

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const child = join(repoRoot, 'bench', 'children', 'cli-child.ts');
// The shards run in the case's folder (their work folders go there): tsx by its full path.
const tsx = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

function cli(args: string[], env: Record<string, string>, cwd: string): Promise<{ peakMb: number }> {
  const p = spawn(process.execPath, ['--import', tsx, child, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let usage = '';
  p.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  (p.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (usage += d.toString()));
  return new Promise((resolve, reject) =>
    p.on('close', (code) => {
      if (code !== 0) reject(new Error(`the CLI exited ${code}:\n${stderr}`));
      else resolve({ peakMb: (JSON.parse(usage) as { maxRssKb: number }).maxRssKb / 1024 });
    }),
  );
}

const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

export async function fleetCases(s: Session, days: number, log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const s3: S3Server = await startS3Server('fleet-bench');
  const work = join(s.tmp, 'fleet');
  mkdirSync(work, { recursive: true });
  try {
    const env = { ...s3.env, NORTECH_API_URL: s.emulator.baseUrl, NORTECH_API_KEY: s.emulator.apiKey };
    const plan = join(work, 'fleet.plan.json');
    const ids = cmsSignals(10).flatMap((sig) => ['--signal-id', String(sig.id)]);
    const end = new Date(Date.parse('2025-03-01T00:00:00Z') + days * 86_400_000).toISOString();
    // About 24 chunks whatever the days, so that 8 shards have 3 each.
    const targetRows = String(Math.max(1000, Math.round((days * 86_400) / 24)));
    await cli(['plan', ...ids, '--start', '2025-03-01T00:00:00Z', '--end', end, '--target-rows', targetRows, '-o', plan], env, work);

    let reference: Map<string, string> | null = null;
    let oneMs = 0;
    for (const n of [1, 2, 4, 8]) {
      const prefix = `shards-${n}/`;
      const args = ['export', '--plan', plan, '--shard', 'auto', '--shards', String(n), '--layout', 'dataset'];
      args.push('-o', `s3://${s3.bucket}/${prefix}`, '--s3-endpoint', s3.endpoint);
      log(`fleet ${days}d 10x1s -> s3, ${n} shard process(es)`);
      const t0 = performance.now();
      const runs = await Promise.all(Array.from({ length: n }, (_, i) => cli(args, { ...env, JOB_COMPLETION_INDEX: String(i) }, work)));
      const ms = performance.now() - t0;
      const objects = await s3.objects(prefix);
      const parts = new Map([...objects].filter(([k]) => k.endsWith('.parquet')));
      const records = await Promise.all(
        Array.from({ length: n }, async (_, i) =>
          ExportRecord.parse(JSON.parse((await s3.read(`${prefix}export.shard-${i}-of-${n}.json`)).toString())),
        ),
      );
      reference ??= parts;
      if (!same(parts, reference)) throw new Error(`${n} shards wrote another dataset than one process`);
      const rowCount = records.reduce((t, r) => t + r.rowCount, 0);
      const bytes = records.reduce((t, r) => t + r.bytes, 0);
      if (n === 1) oneMs = ms;
      const peak = Math.max(...runs.map((r) => r.peakMb));
      const note = `${Math.round(rowCount / (ms / 1000)).toLocaleString('en-US')} rows/s, ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s of parquet; ${rowCount.toLocaleString('en-US')} rows, ${parts.size} objects; speed-up over 1 process ${(oneMs / ms).toFixed(2)}x; largest shard's peak RSS ${peak.toFixed(0)} MB`;
      log(`  ${fmt(ms)}: ${note}`);
      rows.push(timedRow(`fleet ${days}d 10x1s -> s3, ${n} shard${n > 1 ? 's' : ''}`, [ms], { peakRssMb: peak, note }));
    }
  } finally {
    await s3.close();
    await s.emulator.call('sweep');
  }
  return rows;
}
