import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryLock } from './file-lock';

/*
 * Two processes on one data folder (two browser hosts with one --data-dir), each saving 40
 * selections at once: every save answered ok is kept (before the lock, 50 of 80 survived).
 */

let dataDir: string;
beforeAll(async () => void (dataDir = await mkdtemp(join(tmpdir(), 'se-writers-'))));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function writer(tag: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/testing/store-writer-child.ts', dataDir, '40', tag], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    }),
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, ready, exited, out: () => out, err: () => err };
}

describe('stores of the data folder under concurrent writers', () => {
  it('keeps all 80 selections two processes save at once', async () => {
    const a = writer('A');
    const b = writer('B');
    await Promise.all([a.ready, b.ready]);
    a.child.stdin.write('go\n');
    b.child.stdin.write('go\n');
    await Promise.all([a.exited, b.exited]);
    expect(a.err() + b.err()).toBe('');
    expect(a.out()).toContain('ok 40');
    expect(b.out()).toContain('ok 40');
    const kept = JSON.parse(await readFile(join(dataDir, 'selections.json'), 'utf8')) as { name: string }[];
    expect(kept).toHaveLength(80);
    expect(new Set(kept.map((s) => s.name)).size).toBe(80);
    // No lock and no temporary file left behind.
    expect(await readdir(dataDir)).toEqual(['selections.json']);
  }, 30_000);

  it('takes over a lock whose holder was killed, and refuses one whose holder runs', async () => {
    const path = join(dataDir, 'x.lock');
    const held = await tryLock(path);
    expect('release' in held).toBe(true);
    // Held by this process, which runs: refused, naming it.
    const second = await tryLock(path);
    expect(second).toEqual({ heldBy: expect.objectContaining({ pid: process.pid }) });
    if ('release' in held) await held.release();

    // A holder gone (kill -9): stale, taken over.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const { writeFile } = await import('node:fs/promises');
    const { hostname } = await import('node:os');
    await writeFile(path, JSON.stringify({ pid: child.pid, host: hostname(), since: 1 }));
    expect('heldBy' in (await tryLock(path))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const taken = await tryLock(path);
    expect('release' in taken).toBe(true);
    if ('release' in taken) await taken.release();
  });
});
