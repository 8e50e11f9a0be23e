import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canMountSmallDisk } from '../testing/small-disk';

/*
 * The data folder made read-only while the app runs (#24): the stores' writers are refused with a
 * clear message naming the folder, and what was saved before still reads back whole. A real
 * read-only mount (a tmpfs remounted ro in the child's own mount namespace: EROFS even for root).
 */

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-ro-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.runIf(canMountSmallDisk())('a read-only data folder', () => {
  it('refuses a save clearly and loses nothing', async () => {
    const child = ['node', '--import', 'tsx', 'src-main/testing/store-writer-child.ts', dir];
    // Save 3 selections, make the folder read-only, then try 2 more and list what is kept.
    const script = [
      'mount -t tmpfs tmpfs "$1"',
      `echo go | ${child.join(' ')} 3 before >/dev/null`,
      'mount -o remount,ro "$1"',
      `echo go | ${child.join(' ')} 2 after`,
    ].join(' && ');
    const run = spawn('unshare', ['-rm', 'sh', '-c', script, 'sh', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    run.stdout.on('data', (d: Buffer) => (out += d.toString()));
    run.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => run.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain('ok 0');
    expect(err).toContain(`${dir} cannot be written (read-only): ${join(dir, 'selections.json')}`);
    expect(out).toContain('kept before 0, before 1, before 2');
  }, 30_000);
});
