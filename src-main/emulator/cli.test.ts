import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './testing/fixture';

/* `npm run emulator` as a user runs it: prints its URL, serves, stops on SIGINT / SIGTERM. */

function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot(), 'src-main/emulator/cli.ts'), ...args], {
    cwd: repoRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  return { child, url, output: () => out };
}

// Concurrent: most of each test is tsx starting up.
describe.concurrent('emulator CLI', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('prints its base URL, serves with the given key, stops on %s', async (signal) => {
    const cli = startCli(['--port', '0', '--api-key', 'cli-test-key', '--fail-503-next', '1']);
    const base = await cli.url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${base}/api/health`)).status).toBe(503); // the fault flag is live
    const res = await fetch(`${base}/api/v1/workspaces`, { headers: { authorization: 'Bearer cli-test-key' } });
    expect(res.status).toBe(200);
    expect(cli.output()).not.toContain('cli-test-key');
    cli.child.kill(signal);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
  });

  it('--log: method, path and the window of each data request, never the key or a query', async () => {
    const cli = startCli(['--port', '0', '--api-key', 'cli-log-key', '--log', '--max-rows-per-request', '100', '--cold-storage-lag', '1d']);
    const base = await cli.url;
    const auth = { authorization: 'Bearer cli-log-key', 'content-type': 'application/json' };
    const body = (end: string) => JSON.stringify({ signals: [10001], timeWindow: { start: '2025-03-01T00:00:00Z', end }, format: 'csv' });
    const ok = await fetch(`${base}/api/v1/historical-data/sync?secret=q1`, {
      method: 'POST',
      headers: auth,
      body: body('2025-03-01T00:01:00Z'),
    });
    expect(ok.status).toBe(200);
    const { outputFile } = (await ok.json()) as { outputFile: string };
    expect((await fetch(outputFile)).status).toBe(200);
    const big = await fetch(`${base}/api/v1/historical-data/sync`, { method: 'POST', headers: auth, body: body('2025-03-02T00:00:00Z') });
    expect(await big.json()).toMatchObject({ status: 'Failed', error: 'Request timed out' });
    await new Promise((r) => setTimeout(r, 200)); // let the log lines reach the pipe
    const lines = cli
      .output()
      .split('\n')
      .filter((l) => l.includes('"dataRequest"'))
      .map((l) => (JSON.parse(l) as { dataRequest: unknown }).dataRequest);
    expect(lines).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v1/historical-data/sync',
        window: { start: '2025-03-01T00:00:00.000Z', end: '2025-03-01T00:01:00.000Z' },
        outcome: 'Finished',
      }),
      expect.objectContaining({
        window: { start: '2025-03-01T00:00:00.000Z', end: '2025-03-02T00:00:00.000Z' },
        outcome: 'Request timed out',
      }),
    ]);
    expect(cli.output()).toContain('"url":"/api/v1/historical-data/sync"');
    for (const secret of ['cli-log-key', 'secret=q1', 'X-Amz-Signature', new URL(outputFile).searchParams.get('X-Amz-Signature')!]) {
      expect(cli.output()).not.toContain(secret);
    }
    cli.child.kill('SIGTERM');
    await once(cli.child, 'exit');
  });

  it('exits 2 with the usage on a bad flag', async () => {
    const cli = startCli(['--port', 'abc']);
    cli.url.catch(() => undefined);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(2);
    expect(cli.output()).toContain('Usage: npm run emulator');
  });
});
