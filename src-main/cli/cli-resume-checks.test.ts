import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { readManifest, MANIFEST_FILE, type Manifest } from '../exports/manifest/manifest';
import { partsDir } from '../exports/session/work-folder';
import { cliInProcess } from './testing/cli-in-process';
import { cliProcessArgs } from './testing/cli-process';

/*
 * #24 cases 1–4 against a real run killed with kill -9: while it runs, a second run into the same
 * output is refused whatever its flags (and is not told the first was interrupted); after the
 * kill, a part cut to half, a part deleted and a pending chunk edited to "done, 0 rows", plus a
 * temporary file of the output: --resume names what did not hold, fetches it again, removes the
 * temporary file, and saves exactly the file one request gives.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'checks-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-resume-checks-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const WINDOW = { start: '2025-06-01T00:00:00.000Z', end: '2025-06-07T00:00:00.000Z' };
const target = () => ({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey });

function cli(args: string[]) {
  const child = spawn(process.execPath, cliProcessArgs(args), {
    env: { ...process.env, NORTECH_API_URL: emulator.baseUrl, NORTECH_API_KEY: emulator.apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

async function waitFor(parts: string, ok: (m: Manifest) => boolean, child: ReturnType<typeof cli>) {
  for (;;) {
    const m = await readManifest(parts).catch(() => null);
    if (m && ok(m)) return m;
    if (child.child.exitCode !== null) throw new Error(`the export ended before it could be killed: ${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a resume checks what it reuses', () => {
  it('refuses a second run while one runs, then re-fetches cut, deleted and forged chunks', async () => {
    const out = join(dir, 'a.csv');
    const args = ['export', '--signal-id', '10001', '--signal-id', '10002', '--start', WINDOW.start, '--end', WINDOW.end];
    args.push('--format', 'csv', '--target-rows', '60000', '--concurrency', '2', '-o', out);
    const parts = partsDir(out);
    emulator.faults.slowBodyBytesPerSec = 3_000_000;
    const first = cli(args);
    await waitFor(parts, () => true, first);

    // Case 4: a second run, with or without --resume, is refused while the first runs.
    for (const extra of [[], ['--resume'], ['--overwrite']]) {
      const second = await cliInProcess(target(), [...args, ...extra]);
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(new RegExp(`is running in .*process ${first.child.pid}`));
      expect(second.stderr).not.toMatch(/interrupted/);
    }

    const done = (m: Manifest) => m.chunks.filter((c) => c.state === 'done' && (c.rows ?? 0) > 0);
    await waitFor(parts, (m) => m.planned && done(m).length >= 2 && m.chunks.some((c) => c.state === 'pending'), first);
    first.child.kill('SIGKILL');
    await first.exited;
    emulator.resetFaults();

    const atKill = (await readManifest(parts))!;
    const [cut, deleted] = done(atKill);
    const forged = atKill.chunks.find((c) => c.state === 'pending')!;
    // Case 2: a finished segment cut to half its size; case 3: one deleted.
    const cutPath = join(parts, 'segments', `${cut!.name}.csv`);
    await truncate(cutPath, Math.floor((await stat(cutPath)).size / 2));
    await rm(join(parts, 'segments', `${deleted!.name}.csv`));
    // Case 1: a pending chunk marked done with no rows, by hand.
    const edited = { ...atKill, chunks: atKill.chunks.map((c) => (c.name === forged.name ? { ...c, state: 'done', rows: 0 } : c)) };
    await writeFile(join(parts, MANIFEST_FILE), JSON.stringify(edited));
    // A temporary file of the output a killed run left (fresh: not a day old).
    const temp = join(dir, '.a.csv.0123456789ab.tmp');
    await writeFile(temp, 'half a file');

    const resumed = await cliInProcess(target(), [...args, '--resume']);
    expect(resumed.stderr).toContain(`Chunk ${cut!.name} is asked for again: segments/${cut!.name}.csv has`);
    expect(resumed.stderr).toContain(`Chunk ${deleted!.name} is asked for again: segments/${deleted!.name}.csv is missing`);
    expect(resumed.stderr).toContain(`Chunk ${forged.name} is asked for again`);
    expect(resumed.code).toBe(0);
    await expect(stat(temp)).rejects.toThrow();
    await expect(stat(parts)).rejects.toThrow();

    // Exactly what one request for the whole window gives.
    const res = await fetch(`${emulator.baseUrl}/api/v1/historical-data/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ signals: [10001, 10002], timeWindow: WINDOW, format: 'csv' }),
    });
    const single = Buffer.from(await (await fetch(((await res.json()) as { outputFile: string }).outputFile)).arrayBuffer());
    expect((await readFile(out)).equals(single)).toBe(true);
  }, 90_000);
});
