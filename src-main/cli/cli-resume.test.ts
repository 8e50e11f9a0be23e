import { spawn } from 'node:child_process';
import { cliProcessArgs } from './testing/cli-process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { readManifest } from '../exports/manifest/manifest';
import { partsDir } from '../exports/session/work-folder';

/*
 * kill -9 in the middle of a chunked export, then the same command with --resume: the file is
 * complete and exactly what one request gives, and chunks finished before the kill are never
 * asked for again (the emulator counts what it produced).
 */

let emulator: Emulator;
let dir: string;
const produced: { rows: number }[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'resume-key', onProduced: (p) => produced.push(p) });
  dir = await mkdtemp(join(tmpdir(), 'se-resume-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

// Three days in chunks of 30,000 rows: nine or so, of which a few are done when it is killed (six
// days in chunks of 60,000 were twice the rows for the same states at the kill).
const WINDOW = { start: '2025-06-01T00:00:00.000Z', end: '2025-06-04T00:00:00.000Z' };

function cli(args: string[]) {
  const child = spawn(process.execPath, cliProcessArgs(args), {
    env: { ...process.env, NORTECH_API_URL: emulator.baseUrl, NORTECH_API_KEY: emulator.apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

describe('resuming after kill -9', () => {
  it('completes the file without asking again for a finished chunk', async () => {
    const out = join(dir, 'killed.csv');
    const args = ['export', '--signal-id', '10001', '--signal-id', '10002', '--start', WINDOW.start, '--end', WINDOW.end];
    args.push('--format', 'csv', '--target-rows', '30000', '--concurrency', '2', '-o', out);
    const parts = partsDir(out);

    emulator.faults.slowBodyBytesPerSec = 3_000_000;
    const first = cli(args);
    // Kill it once two chunks are done and more remain.
    for (;;) {
      const m = await readManifest(parts).catch(() => null);
      const done = m?.chunks.filter((c) => c.state === 'done').length ?? 0;
      if (m && done >= 2 && done < m.chunks.length) break;
      if (first.child.exitCode !== null) throw new Error(`the export ended before it could be killed: ${first.out().stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    await expect(stat(out)).rejects.toThrow();
    const atKill = (await readManifest(parts))!;
    expect(atKill.planned).toBe(true);
    const kept = atKill.chunks.filter((c) => c.state === 'done' || c.state === 'downloaded');
    const asked = atKill.chunks.filter((c) => c.state !== 'done' && c.state !== 'downloaded');
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(asked.length).toBeGreaterThanOrEqual(1);

    // Without --resume the command refuses, saying how to go on.
    emulator.resetFaults();
    const refused = cli(args);
    expect(await refused.exited).toBe(2);
    expect(refused.out().stderr).toMatch(/--resume/);

    await new Promise((r) => setTimeout(r, 300)); // let productions of the killed run end
    produced.length = 0;
    const second = cli([...args, '--resume']);
    expect(await second.exited).toBe(0);
    expect(second.out().stdout).toBe(`${out}\n`);

    // Exactly what one request for the whole window gives.
    const res = await fetch(`${emulator.baseUrl}/api/v1/historical-data/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ signals: [10001, 10002], timeWindow: WINDOW, format: 'csv' }),
    });
    const whole = produced.pop()!.rows;
    const single = Buffer.from(await (await fetch(((await res.json()) as { outputFile: string }).outputFile)).arrayBuffer());
    expect((await readFile(out)).equals(single)).toBe(true);

    // Only the chunks neither done nor downloaded at the kill were asked for again, each once.
    const doneRows = atKill.chunks.filter((c) => c.state === 'done').reduce((n, c) => n + (c.rows ?? 0), 0);
    expect(produced.length).toBe(asked.length);
    expect(produced.reduce((n, p) => n + p.rows, 0)).toBeLessThanOrEqual(whole - doneRows);
    await expect(stat(parts)).rejects.toThrow();
  }, 60_000);
});
