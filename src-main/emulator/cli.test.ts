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

  it('exits 2 with the usage on a bad flag', async () => {
    const cli = startCli(['--port', 'abc']);
    cli.url.catch(() => undefined);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(2);
    expect(cli.output()).toContain('Usage: npm run emulator');
  });
});
